/** Small pieces every report section uses: a CSV link, a headline figure, a table of rows, a score distribution. */
import type { ReactNode, Ref } from 'react';
import type { Locale } from '#core/locale.ts';
import { BarChart } from './charts.tsx';
import { formatCount, formatShare, shares } from './format.ts';
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

/**
 * A long table's first rows and "show all": what the rows shown are (`shownText`, e.g. "the 15 of most
 * effort of 90 rows") and the button that reveals the rest. The button goes away when pressed, so
 * `onShowAll` moves focus to the first row it revealed: keyboard users continue there.
 */
export function ShowAllRows(props: { shownText: string; total: number; locale: Locale; t: ReportText; onShowAll: () => void }) {
  return (
    <p>
      {props.shownText}{' '}
      <button type="button" className="secondary" onClick={props.onShowAll}>
        {props.t.showAllRows(formatCount(props.total, props.locale))}
      </button>
    </p>
  );
}

/** One row of a {@link DataTable}: its header cell, then its data cells in the columns' order. */
export interface TableRow {
  key: string | number;
  head: ReactNode;
  cells: readonly ReactNode[];
}

/**
 * A report table: each row opens with a row header, so a screen reader
 * names the row with every figure. Named by its caption, or by the heading
 * whose id is `labelledBy`; `columns` (the row header's first) heads it.
 */
export function DataTable({
  caption,
  labelledBy,
  columns,
  rows,
  ref,
}: {
  caption?: string;
  labelledBy?: string;
  columns?: readonly string[];
  rows: readonly TableRow[];
  ref?: Ref<HTMLTableElement>;
}) {
  return (
    <table aria-labelledby={labelledBy} ref={ref}>
      {caption && <caption>{caption}</caption>}
      {columns && (
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {/* Focusable from script: "show all" moves keyboard users to the first row it revealed. */}
            <th scope="row" tabIndex={-1}>
              {row.head}
            </th>
            {row.cells.map((cell, i) => (
              <td key={i}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The five points of the CES and CSAT scales. */
export const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * How answers spread over the five points of a scale (CES, CSAT): a bar
 * chart with the scores `hatched` marks, the same figures as a table, and
 * their CSV.
 */
export function ScoreDistribution(props: {
  t: ReportText;
  locale: Locale;
  title: string;
  description: string;
  legend?: string;
  counts: readonly number[];
  hatched: (score: number) => boolean;
  csv: string;
}) {
  const { t, locale, counts } = props;
  const share = shares(counts);
  return (
    <div className="chart-and-table">
      <BarChart
        title={props.title}
        description={props.description}
        legend={props.legend}
        data={SCORES.map((score, i) => ({
          label: String(score),
          value: counts[i] ?? 0,
          valueLabel: `${formatCount(counts[i] ?? 0, locale)} (${formatShare(share[i] ?? 0, locale)})`,
          hatched: props.hatched(score),
        }))}
      />
      <DataTable
        caption={props.title}
        columns={[t.score, t.count, t.share]}
        rows={SCORES.map((score, i) => ({ key: score, head: score, cells: [formatCount(counts[i] ?? 0, locale), formatShare(share[i] ?? 0, locale)] }))}
      />
      <Csv href={props.csv} what={props.title} t={t} />
    </div>
  );
}
