/** Tickets: created, solved, response and solve times, and CSAT. */
import type { Locale } from '#core/locale.ts';
import { csvUrl, type ReportFilter, type ReportSummary } from './api.ts';
import { BarChart } from './charts.tsx';
import { formatCount, formatMinutes, formatShare, shares } from './format.ts';
import { Csv, SCORES } from './parts.tsx';
import type { ReportText } from './strings.ts';

export function TicketsSection({ t, locale, summary, filter }: { t: ReportText; locale: Locale; summary: ReportSummary; filter: ReportFilter }) {
  const k = summary.tickets;
  const csatShares = shares(k.csat.distribution);
  return (
    <section aria-labelledby="tickets-title">
      <h2 id="tickets-title">{t.ticketsTitle}</h2>
      <p className="definition">{t.ticketsDefinition}</p>
      <table>
        <caption>{t.ticketsTitle}</caption>
        <tbody>
          <tr>
            <th scope="row">{t.ticketsCreated}</th>
            <td>{formatCount(k.created, locale)}</td>
          </tr>
          <tr>
            <th scope="row">{t.ticketsSolved}</th>
            <td>{formatCount(k.solved, locale)}</td>
          </tr>
          <tr>
            <th scope="row">
              {t.firstResponse} ({t.median})
            </th>
            <td>{formatMinutes(k.firstResponseMinutes.median, locale)}</td>
          </tr>
          <tr>
            <th scope="row">
              {t.firstResponse} ({t.p90})
            </th>
            <td>{formatMinutes(k.firstResponseMinutes.p90, locale)}</td>
          </tr>
          <tr>
            <th scope="row">
              {t.solveTime} ({t.median})
            </th>
            <td>{formatMinutes(k.solveMinutes.median, locale)}</td>
          </tr>
          <tr>
            <th scope="row">
              {t.solveTime} ({t.p90})
            </th>
            <td>{formatMinutes(k.solveMinutes.p90, locale)}</td>
          </tr>
          <tr>
            <th scope="row">{t.csat}</th>
            <td>
              {formatShare(k.csat.satisfiedShare, locale)} <span className="muted small">{t.csatCount(formatCount(k.csat.count, locale))}</span>
            </td>
          </tr>
        </tbody>
      </table>
      <Csv href={csvUrl('summary', filter, 'tickets')} what={t.ticketsTitle} t={t} />
      <div className="chart-and-table">
        <BarChart
          title={t.csatDistribution}
          description={t.csatDistributionDesc}
          data={SCORES.map((score, i) => ({
            label: String(score),
            value: k.csat.distribution[i] ?? 0,
            valueLabel: `${formatCount(k.csat.distribution[i] ?? 0, locale)} (${formatShare(csatShares[i] ?? 0, locale)})`,
            hatched: score <= 2,
          }))}
        />
        <table>
          <caption>{t.csatDistribution}</caption>
          <thead>
            <tr>
              <th scope="col">{t.score}</th>
              <th scope="col">{t.count}</th>
              <th scope="col">{t.share}</th>
            </tr>
          </thead>
          <tbody>
            {SCORES.map((score, i) => (
              <tr key={score}>
                <th scope="row">{score}</th>
                <td>{formatCount(k.csat.distribution[i] ?? 0, locale)}</td>
                <td>{formatShare(csatShares[i] ?? 0, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Csv href={csvUrl('summary', filter, 'csat')} what={t.csatDistribution} t={t} />
      </div>
    </section>
  );
}
