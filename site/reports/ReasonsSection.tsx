/** Contact reasons: tickets and effort per category and article, as a table with its CSV. */
import type { Locale } from '#core/locale.ts';
import { csvUrl, type ReasonReport, type ReportFilter } from './api.ts';
import { formatAverage, formatCount } from './format.ts';
import { Csv, DataTable } from './parts.tsx';
import type { ReportText } from './strings.ts';

export function ReasonsSection({ t, locale, report, filter }: { t: ReportText; locale: Locale; report: ReasonReport; filter: ReportFilter }) {
  return (
    <section aria-labelledby="reasons-title">
      <h2 id="reasons-title">{t.reasonsTitle}</h2>
      <p className="definition">{t.reasonsDefinition}</p>
      {report.reasons.length === 0 ? (
        <p>{t.reasonsEmpty}</p>
      ) : (
        <>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls here, and keyboard users must be able to scroll it (axe: scrollable-region-focusable) */}
          <section className="table-scroll whole-words" tabIndex={0} aria-label={t.reasonsTable}>
            <DataTable
              caption={t.reasonsTitle}
              columns={[t.reasonsArticle, t.reasonsCategory, t.reasonsTickets, t.reasonsEffort]}
              rows={report.reasons.map((row) => ({
                key: `${row.categoryId ?? ''}\n${row.articleId ?? ''}`,
                head: row.articleTitle ?? <span className="muted">{t.reasonsNone}</span>,
                cells: [
                  row.categoryName ?? <span className="muted">{t.reasonsNone}</span>,
                  formatCount(row.tickets, locale),
                  <>
                    {formatAverage(row.effort.average, locale)}
                    <br />
                    <span className="muted small">{t.reasonsScores(formatCount(row.effort.scores, locale), row.effort.scores)}</span>
                  </>,
                ],
              }))}
            />
          </section>
        </>
      )}
      <Csv href={csvUrl('reasons', filter)} what={t.reasonsTitle} t={t} />
    </section>
  );
}
