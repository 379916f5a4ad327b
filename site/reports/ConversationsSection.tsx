/** Conversations: how they ended (resolved, handed off, unresolved) and the assistant's turns, each adding up to 100 %. */
import type { Locale } from '#core/locale.ts';
import { csvUrl, type ReportFilter, type ReportSummary } from './api.ts';
import { BarChart } from './charts.tsx';
import { formatCount, formatPercent, wholePercents } from './format.ts';
import { Csv, Figure } from './parts.tsx';
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
          <Figure key={e} label={t[e]} value={formatPercent(endings[i] ?? null, locale)} note={`${formatCount(c[e], locale)} / ${formatCount(c.withQuestion, locale)}`} />
        ))}
      </dl>
      <div className="chart-and-table">
        <BarChart
          title={t.conversationShares}
          description={t.conversationSharesDesc}
          max={100}
          data={ENDINGS.map((e, i) => ({ label: t[e], value: endings[i] ?? 0, valueLabel: formatPercent(endings[i] ?? null, locale), hatched: e !== 'resolved' }))}
        />
        <table>
          <caption>{t.conversationShares}</caption>
          <thead>
            <tr>
              <th scope="col">{t.outcome}</th>
              <th scope="col">{t.count}</th>
              <th scope="col">{t.share}</th>
            </tr>
          </thead>
          <tbody>
            {ENDINGS.map((e, i) => (
              <tr key={e}>
                <th scope="row">{t[e]}</th>
                <td>{formatCount(c[e], locale)}</td>
                <td>{formatPercent(endings[i] ?? null, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Csv href={csvUrl('summary', filter, 'conversations')} what={t.conversationShares} t={t} />
      </div>
      <h3 id="outcomes-title">{t.outcomes}</h3>
      <p className="definition">{t.outcomesDefinition}</p>
      <div className="chart-and-table">
        <BarChart
          title={t.outcomes}
          description={t.outcomesDesc}
          max={100}
          data={OUTCOMES.map((x, i) => ({ label: t[`outcome_${x}`], value: outcomes[i] ?? 0, valueLabel: formatPercent(outcomes[i] ?? null, locale), hatched: x === 'nomatch' }))}
        />
        <table aria-labelledby="outcomes-title">
          <thead>
            <tr>
              <th scope="col">{t.outcome}</th>
              <th scope="col">{t.count}</th>
              <th scope="col">{t.share}</th>
            </tr>
          </thead>
          <tbody>
            {OUTCOMES.map((x, i) => (
              <tr key={x}>
                <th scope="row">{t[`outcome_${x}`]}</th>
                <td>{formatCount(o.counts[x], locale)}</td>
                <td>{formatPercent(outcomes[i] ?? null, locale)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t.outcome_handoff}</th>
              <td>{formatCount(o.counts.handoff, locale)}</td>
              <td></td>
            </tr>
          </tbody>
        </table>
        <Csv href={csvUrl('summary', filter, 'outcomes')} what={t.outcomes} t={t} />
      </div>
    </section>
  );
}
