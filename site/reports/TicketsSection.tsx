/** Tickets: created, solved, response and solve times, and CSAT. */
import type { Locale } from '#core/locale.ts';
import { csvUrl, type ReportFilter, type ReportSummary } from './api.ts';
import { formatCount, formatMinutes, formatShare } from './format.ts';
import { Csv, DataTable, ScoreDistribution } from './parts.tsx';
import type { ReportText } from './strings.ts';

export function TicketsSection({ t, locale, summary, filter }: { t: ReportText; locale: Locale; summary: ReportSummary; filter: ReportFilter }) {
  const k = summary.tickets;
  return (
    <section aria-labelledby="tickets-title">
      <h2 id="tickets-title">{t.ticketsTitle}</h2>
      <p className="definition">{t.ticketsDefinition}</p>
      <DataTable
        caption={t.ticketsTitle}
        rows={[
          { key: 'created', head: t.ticketsCreated, cells: [formatCount(k.created, locale)] },
          { key: 'solved', head: t.ticketsSolved, cells: [formatCount(k.solved, locale)] },
          { key: 'first-median', head: `${t.firstResponse} (${t.median})`, cells: [formatMinutes(k.firstResponseMinutes.median, locale)] },
          { key: 'first-p90', head: `${t.firstResponse} (${t.p90})`, cells: [formatMinutes(k.firstResponseMinutes.p90, locale)] },
          { key: 'solve-median', head: `${t.solveTime} (${t.median})`, cells: [formatMinutes(k.solveMinutes.median, locale)] },
          { key: 'solve-p90', head: `${t.solveTime} (${t.p90})`, cells: [formatMinutes(k.solveMinutes.p90, locale)] },
          {
            key: 'csat',
            head: t.csat,
            cells: [
              <>
                {formatShare(k.csat.satisfiedShare, locale)} <span className="muted small">{t.csatCount(formatCount(k.csat.count, locale))}</span>
              </>,
            ],
          },
        ]}
      />
      <Csv href={csvUrl('summary', filter, 'tickets')} what={t.ticketsTitle} t={t} />
      <ScoreDistribution
        t={t}
        locale={locale}
        title={t.csatDistribution}
        description={t.csatDistributionDesc}
        counts={k.csat.distribution}
        hatched={(score) => score <= 2}
        csv={csvUrl('summary', filter, 'csat')}
      />
    </section>
  );
}
