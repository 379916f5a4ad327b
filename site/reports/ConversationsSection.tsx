/** Conversations: deflection and the assistant's outcomes. */
import type { Locale } from '#core/locale.ts';
import { csvUrl, type ReportFilter, type ReportSummary } from './api.ts';
import { BarChart } from './charts.tsx';
import { formatCount, formatShare } from './format.ts';
import { Csv, Figure } from './parts.tsx';
import type { ReportText } from './strings.ts';

const OUTCOMES = ['answer', 'clarify', 'nomatch', 'handoff'] as const;

export function ConversationsSection({ t, locale, summary, filter }: { t: ReportText; locale: Locale; summary: ReportSummary; filter: ReportFilter }) {
  const c = summary.conversations;
  return (
    <section aria-labelledby="conversations-title">
      <h2 id="conversations-title">{t.conversationsTitle}</h2>
      <p className="definition">{t.deflectionDefinition}</p>
      <dl className="figures">
        <Figure
          label={t.deflectionRate}
          value={formatShare(c.deflectionRate, locale)}
          note={`${formatCount(c.deflected, locale)} / ${formatCount(c.withQuestion, locale)}`}
        />
        <Figure label={t.withQuestion} value={formatCount(c.withQuestion, locale)} />
        <Figure label={t.deflected} value={formatCount(c.deflected, locale)} />
      </dl>
      <div className="chart-and-table">
        <BarChart
          title={t.outcomes}
          description={t.outcomesDesc}
          max={1}
          data={OUTCOMES.map((o) => ({
            label: t[`outcome_${o}`],
            value: c.rates[o] ?? 0,
            valueLabel: formatShare(c.rates[o], locale),
            hatched: o === 'nomatch' || o === 'handoff',
          }))}
        />
        <table>
          <caption>{t.outcomes}</caption>
          <thead>
            <tr>
              <th scope="col">{t.outcome}</th>
              <th scope="col">{t.count}</th>
              <th scope="col">{t.share}</th>
            </tr>
          </thead>
          <tbody>
            {OUTCOMES.map((o) => (
              <tr key={o}>
                <th scope="row">{t[`outcome_${o}`]}</th>
                <td>{formatCount(c.outcomes[o], locale)}</td>
                <td>{formatShare(c.rates[o], locale)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t.outcome_rule}</th>
              <td>{formatCount(c.outcomes.rule, locale)}</td>
              <td></td>
            </tr>
          </tbody>
        </table>
        <Csv href={csvUrl('summary', filter)} what={t.outcomes} t={t} />
      </div>
    </section>
  );
}
