/** Effort: the CES average, its sources, distribution, weekly trend, and per article and category. */
import { useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { csvUrl, type ReportFilter, type ReportSummary } from './api.ts';
import { LineChart } from './charts.tsx';
import { formatAverage, formatCount, formatDay } from './format.ts';
import { Csv, DataTable, Figure, ScoreDistribution, ShowAllRows, type TableRow } from './parts.tsx';
import type { ReportText } from './strings.ts';

export function EffortSection({ t, locale, summary, filter }: { t: ReportText; locale: Locale; summary: ReportSummary; filter: ReportFilter }) {
  const { ces, articleFeedback } = summary;
  const averages = (row: { shrunkAverage: number | null; average: number | null; count: number }) => [
    formatAverage(row.shrunkAverage, locale),
    formatAverage(row.average, locale),
    formatCount(row.count, locale),
  ];
  return (
    <section aria-labelledby="ces-title">
      <h2 id="ces-title">{t.cesTitle}</h2>
      <p className="definition">{t.cesDefinition}</p>
      <dl className="figures">
        <Figure label={t.cesAverage} value={formatAverage(ces.average, locale)} note={`(${t.cesScale}) ${t.cesCount(formatCount(ces.count, locale))}`} />
        <Figure
          label={t.cesWidget}
          value={formatAverage(ces.bySource.widget.average, locale)}
          note={t.cesCount(formatCount(ces.bySource.widget.count, locale))}
        />
        <Figure
          label={t.cesArticle}
          value={formatAverage(ces.bySource.article.average, locale)}
          note={t.cesCount(formatCount(ces.bySource.article.count, locale))}
        />
        <Figure
          label={t.helpfulTitle}
          value={`${t.helpfulYes} ${formatCount(articleFeedback.helpful, locale)} · ${t.helpfulNo} ${formatCount(articleFeedback.notHelpful, locale)}`}
        />
      </dl>
      <ScoreDistribution
        t={t}
        locale={locale}
        title={t.cesDistribution}
        description={t.cesDistributionDesc}
        legend={t.highEffortLegend}
        counts={ces.distribution}
        hatched={(score) => score >= 4}
        csv={csvUrl('summary', filter, 'distribution')}
      />
      <div className="chart-and-table">
        <LineChart
          title={t.cesWeekly}
          description={t.cesWeeklyDesc}
          domain={[1, 5]}
          data={ces.weekly.map((w) => ({ label: formatDay(w.weekStart, locale), value: w.average, valueLabel: formatAverage(w.average, locale) }))}
        />
        <DataTable
          caption={t.cesWeekly}
          columns={[t.weekOf, t.average, t.responses]}
          rows={ces.weekly.map((w) => ({
            key: w.weekStart,
            head: <time dateTime={w.weekStart}>{formatDay(w.weekStart, locale)}</time>,
            cells: [formatAverage(w.average, locale), formatCount(w.count, locale)],
          }))}
        />
        <Csv href={csvUrl('summary', filter, 'weekly')} what={t.cesWeekly} t={t} />
      </div>
      <ShrunkAverages
        t={t}
        id="ces-articles"
        title={t.cesByArticle}
        note={t.shrunkNote}
        first={t.article}
        rows={ces.byArticle.map((a) => ({
          key: `${a.locale}:${a.articleId}`,
          head: (
            <>
              {a.title} <span className="muted small">({a.locale.toUpperCase()})</span>
            </>
          ),
          cells: averages(a),
        }))}
        csv={csvUrl('summary', filter, 'articles')}
        locale={locale}
      />
      <ShrunkAverages
        t={t}
        id="ces-categories"
        title={t.cesByCategory}
        first={t.category}
        rows={ces.byCategory.map((c) => ({ key: c.categoryId, head: c.title, cells: averages(c) }))}
        csv={csvUrl('summary', filter, 'categories')}
        locale={locale}
      />
    </section>
  );
}

/**
 * Rows shown before "show all": the worst come first and are what to improve; every article of two
 * languages made the effort section some 4,000 px tall on a desktop and twice that on a phone.
 */
const FIRST_ROWS = 15;

/** The CES per article or per category: a heading, the shrunk and plain averages with the number of responses, and their CSV. */
function ShrunkAverages(props: { t: ReportText; locale: Locale; id: string; title: string; note?: string; first: string; rows: TableRow[]; csv: string }) {
  const { t, locale, rows } = props;
  const [showAll, setShowAll] = useState(false);
  const table = useRef<HTMLTableElement>(null);
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <>
      <h3 id={props.id}>{props.title}</h3>
      {props.note && <p className="definition">{props.note}</p>}
      {rows.length === 0 ? (
        <p>{t.noData}</p>
      ) : (
        <>
          <DataTable ref={table} labelledBy={props.id} columns={[props.first, t.shrunk, t.average, t.responses]} rows={shown} />
          {shown.length < rows.length && (
            <ShowAllRows
              shownText={t.shownWorst(formatCount(shown.length, locale), formatCount(rows.length, locale))}
              total={rows.length}
              locale={locale}
              t={t}
              onShowAll={() => {
                setShowAll(true);
                requestAnimationFrame(() => table.current?.querySelectorAll<HTMLElement>('tbody th')[FIRST_ROWS]?.focus());
              }}
            />
          )}
          <Csv href={props.csv} what={props.title} t={t} />
        </>
      )}
    </>
  );
}
