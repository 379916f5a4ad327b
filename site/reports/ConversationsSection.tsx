/** Conversations: how they ended (resolved, handed off, unresolved) and the assistant's turns, each adding up to 100 %. */
import type { Locale } from '#core/locale.ts';
import { csvUrl, type ReportFilter, type ReportSummary } from './api.ts';
import { BarChart } from './charts.tsx';
import { formatCount, formatPercent, wholePercents } from './format.ts';
import { Csv, DataTable, Figure } from './parts.tsx';
import type { ReportText } from './strings.ts';

const ENDINGS = ['resolved', 'handedOff', 'unresolved'] as const;
const OUTCOMES = ['answer', 'clarify', 'nomatch', 'rule'] as const;

export function ConversationsSection({ t, locale, summary, filter }: { t: ReportText; locale: Locale; summary: ReportSummary; filter: ReportFilter }) {
  const c = summary.conversations;
  const o = summary.outcomes;
  const endings = wholePercents(ENDINGS.map((e) => c.rates[e]));
  const outcomes = wholePercents(OUTCOMES.map((x) => o.rates[x]));
  return (
    <section aria-labelledby="conversations-title">
      <h2 id="conversations-title">{t.conversationsTitle}</h2>
      <p className="definition">{t.resolutionDefinition}</p>
      <dl className="figures">
        <Figure label={t.withQuestion} value={formatCount(c.withQuestion, locale)} />
        {ENDINGS.map((e, i) => (
          <Figure
            key={e}
            label={t[e]}
            value={formatPercent(endings[i] ?? null, locale)}
            note={`${formatCount(c[e], locale)} / ${formatCount(c.withQuestion, locale)}`}
          />
        ))}
      </dl>
      <div className="chart-and-table">
        <BarChart
          title={t.conversationShares}
          description={t.conversationSharesDesc}
          max={100}
          data={ENDINGS.map((e, i) => ({
            label: t[e],
            value: endings[i] ?? 0,
            valueLabel: formatPercent(endings[i] ?? null, locale),
            hatched: e !== 'resolved',
          }))}
        />
        <DataTable
          caption={t.conversationShares}
          columns={[t.outcome, t.count, t.share]}
          rows={ENDINGS.map((e, i) => ({ key: e, head: t[e], cells: [formatCount(c[e], locale), formatPercent(endings[i] ?? null, locale)] }))}
        />
        <Csv href={csvUrl('summary', filter, 'conversations')} what={t.conversationShares} t={t} />
      </div>
      <h3 id="outcomes-title">{t.outcomes}</h3>
      <p className="definition">{t.outcomesDefinition}</p>
      <div className="chart-and-table">
        <BarChart
          title={t.outcomes}
          description={t.outcomesDesc}
          max={100}
          data={OUTCOMES.map((x, i) => ({
            label: t[`outcome_${x}`],
            value: outcomes[i] ?? 0,
            valueLabel: formatPercent(outcomes[i] ?? null, locale),
            hatched: x === 'nomatch',
          }))}
        />
        <DataTable
          labelledBy="outcomes-title"
          columns={[t.outcome, t.count, t.share]}
          rows={[
            ...OUTCOMES.map((x, i) => ({
              key: x,
              head: t[`outcome_${x}`],
              cells: [formatCount(o.counts[x], locale), formatPercent(outcomes[i] ?? null, locale)],
            })),
            { key: 'handoff', head: t.outcome_handoff, cells: [formatCount(o.counts.handoff, locale), ''] },
          ]}
        />
        <Csv href={csvUrl('summary', filter, 'outcomes')} what={t.outcomes} t={t} />
      </div>
    </section>
  );
}
