/**
 * Response targets: the share of first and next responses answered within
 * their target, beside the period before, with the change said in words
 * (like the headline), and the counts in a table with its CSV.
 */
import type { Locale } from '#core/locale.ts';
import { csvUrl, type ReportFilter, type TargetReport } from './api.ts';
import { formatCount, formatDay, formatShare } from './format.ts';
import { Csv, DataTable } from './parts.tsx';
import type { ReportText } from './strings.ts';

export function TargetsSection({ t, locale, report, filter }: { t: ReportText; locale: Locale; report: TargetReport; filter: ReportFilter }) {
  const { current, previous } = report;
  const points = (delta: number) => {
    const text = `${formatCount(Math.round(Math.abs(delta) * 100), locale)} ${locale === 'nl' ? 'procentpunt' : 'pp'}`;
    return delta > 0 ? `+${text}` : delta < 0 ? `−${text}` : text;
  };
  const kinds = [
    ['first', t.targetsFirst],
    ['next', t.targetsNext],
  ] as const;
  return (
    <section aria-labelledby="targets-title" className="headline">
      <h2 id="targets-title">{t.targetsTitle}</h2>
      <p className="definition">{t.targetsDefinition(formatDay(previous.from, locale), formatDay(previous.to, locale))}</p>
      {!report.configured ? (
        <p>{t.targetsNotConfigured}</p>
      ) : (
        <>
          <dl className="figures">
            {kinds.map(([kind, label]) => {
              const now = current[kind];
              const before = previous[kind];
              const delta = now.share !== null && before.share !== null ? now.share - before.share : null;
              const verdict = delta === null || Math.abs(delta) < 1e-9 ? 'same' : delta > 0 ? 'better' : 'worse';
              return (
                <div className="figure" key={kind}>
                  <dt>{label}</dt>
                  <dd>
                    <strong>{formatShare(now.share, locale)}</strong>
                    <span className="muted small"> {t.targetsOnTime(formatCount(now.met, locale), formatCount(now.met + now.missed, locale))}</span>
                    <span className={`change ${verdict}`}>
                      {delta === null
                        ? t.previously(formatShare(before.share, locale))
                        : `${t.changeBy(points(delta), verdict === 'same' ? t.unchanged : verdict === 'better' ? t.better : t.worse)} (${t.previously(formatShare(before.share, locale))})`}
                    </span>
                  </dd>
                </div>
              );
            })}
          </dl>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls here, and keyboard users must be able to scroll it (axe: scrollable-region-focusable) */}
          <section className="table-scroll whole-words" tabIndex={0} aria-label={t.targetsTable}>
            <DataTable
              caption={t.targetsTitle}
              columns={[t.targetsKind, t.targetsMet, t.targetsMissed, t.targetsPending, t.share]}
              rows={kinds.map(([kind]) => ({
                key: kind,
                head: kind === 'first' ? t.targetsFirstShort : t.targetsNextShort,
                cells: [
                  formatCount(current[kind].met, locale),
                  formatCount(current[kind].missed, locale),
                  formatCount(current[kind].running, locale),
                  formatShare(current[kind].share, locale),
                ],
              }))}
            />
          </section>
        </>
      )}
      <Csv href={csvUrl('targets', filter)} what={t.targetsTitle} t={t} />
    </section>
  );
}
