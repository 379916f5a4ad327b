/** Small pieces every report section uses: a CSV link and a headline figure. */
import type { ReportText } from './strings.ts';

export function Csv({ href, what, t }: { href: string; what: string; t: ReportText }) {
  return (
    <a className="csv" href={href} download aria-label={t.downloadCsvOf(what)}>
      {t.downloadCsv}
    </a>
  );
}

export function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        <strong>{value}</strong>
        {note && <span className="muted small"> {note}</span>}
      </dd>
    </div>
  );
}

/** The five points of the CES and CSAT scales. */
export const SCORES = [1, 2, 3, 4, 5] as const;
