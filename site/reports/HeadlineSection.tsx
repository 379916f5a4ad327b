/**
 * The report's first screen: the period's CES, resolution, hand-offs, first
 * response (median and p90) and CSAT, each beside the period of the same
 * length before it, with the change said in words (better / worse), not
 * only by colour or an arrow.
 */
import type { Locale } from '#core/locale.ts';
import { csvUrl, type Headline, type ReportFilter, type ReportSummary } from './api.ts';
import { formatAverage, formatCount, formatDay, formatMinutes, formatShare } from './format.ts';
import { Csv } from './parts.tsx';
import type { ReportText } from './strings.ts';

interface Row {
  label: string;
  value: (h: Headline) => number | null;
  format: (value: number | null) => string;
  /** A change of +1 in these units, written: "+0,3", "+5 pp", "+12 min". */
  change: (delta: number) => string;
  /** Whether a higher figure is better. */
  higherIsBetter: boolean;
}

export function HeadlineSection({ t, locale, summary, filter }: { t: ReportText; locale: Locale; summary: ReportSummary; filter: ReportFilter }) {
  const { current, previous } = summary.headline;
  const signed = (text: string, delta: number) => (delta > 0 ? `+${text}` : delta < 0 ? `−${text.replace(/^-/, '')}` : text);
  const points = (delta: number) => signed(`${formatCount(Math.round(Math.abs(delta) * 100), locale)} ${locale === 'nl' ? 'procentpunt' : 'pp'}`, delta);
  const rows: Row[] = [
    {
      label: t.headlineCes,
      value: (h) => h.ces,
      format: (v) => formatAverage(v, locale),
      change: (d) => signed(formatAverage(Math.abs(d), locale), d),
      higherIsBetter: false,
    },
    { label: t.headlineResolution, value: (h) => h.resolutionRate, format: (v) => formatShare(v, locale), change: points, higherIsBetter: true },
    { label: t.headlineHandoffs, value: (h) => h.handoffRate, format: (v) => formatShare(v, locale), change: points, higherIsBetter: false },
    {
      label: t.headlineFirstResponse,
      value: (h) => h.firstResponseMedian,
      format: (v) => formatMinutes(v, locale),
      change: (d) => signed(formatMinutes(Math.abs(d), locale), d),
      higherIsBetter: false,
    },
    {
      label: t.headlineFirstResponseP90,
      value: (h) => h.firstResponseP90,
      format: (v) => formatMinutes(v, locale),
      change: (d) => signed(formatMinutes(Math.abs(d), locale), d),
      higherIsBetter: false,
    },
    { label: t.headlineCsat, value: (h) => h.csat, format: (v) => formatShare(v, locale), change: points, higherIsBetter: true },
  ];
  const notes: Record<string, string> = {
    [t.headlineCes]: t.cesCount(formatCount(current.cesCount, locale)),
    [t.headlineHandoffs]: `${formatCount(current.handoffs, locale)}`,
    [t.headlineCsat]: t.csatCount(formatCount(current.csatCount, locale)),
  };
  return (
    <section aria-labelledby="headline-title" className="headline">
      <h2 id="headline-title">{t.headlineTitle}</h2>
      <p className="definition">{t.headlineDefinition(formatDay(previous.from, locale), formatDay(previous.to, locale))}</p>
      <dl className="figures">
        {rows.map((row) => {
          const now = row.value(current);
          const before = row.value(previous);
          const delta = now !== null && before !== null ? now - before : null;
          const verdict = delta === null || Math.abs(delta) < 1e-9 ? 'same' : delta > 0 === row.higherIsBetter ? 'better' : 'worse';
          return (
            <div className="figure" key={row.label}>
              <dt>{row.label}</dt>
              <dd>
                <strong>{row.format(now)}</strong>
                {notes[row.label] && <span className="muted small"> {notes[row.label]}</span>}
                <span className={`change ${verdict}`}>
                  {delta === null
                    ? t.previously(row.format(before))
                    : `${t.changeBy(row.change(delta), verdict === 'same' ? t.unchanged : verdict === 'better' ? t.better : t.worse)} (${t.previously(row.format(before))})`}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
      <Csv href={csvUrl('summary', filter, 'headline')} what={t.headlineTitle} t={t} />
    </section>
  );
}
