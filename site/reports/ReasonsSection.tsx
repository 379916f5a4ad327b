/** Contact reasons: tickets and effort per category and article, as a table with its CSV. */
import type { Locale } from '#core/locale.ts';
import { csvUrl, type ReasonReport, type ReportFilter } from './api.ts';
import { formatAverage, formatCount } from './format.ts';
import { Csv } from './parts.tsx';
import type { ReportText } from './strings.ts';

export function ReasonsSection({ t, locale, report, filter }: { t: ReportText; locale: Locale; report: ReasonReport; filter: ReportFilter }) {
  return (
    <section aria-labelledby="reasons-title">
      <h2 id="reasons-title">{t.reasonsTitle}</h2>
      <p className="definition">{t.reasonsDefinition}</p>
      {report.reasons.length === 0 ? (
        <p>{t.reasonsEmpty}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t.reasonsTable}>
          <table className="whole-words">
            <caption>{t.reasonsTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.reasonsCategory}</th>
                <th scope="col">{t.reasonsArticle}</th>
                <th scope="col">{t.reasonsTickets}</th>
                <th scope="col">{t.reasonsEffort}</th>
              </tr>
            </thead>
            <tbody>
              {report.reasons.map((row) => (
                <tr key={`${row.categoryId ?? ''}\n${row.articleId ?? ''}`}>
                  <td>{row.categoryName ?? <span className="muted">{t.reasonsNone}</span>}</td>
                  <th scope="row">{row.articleTitle ?? <span className="muted">{t.reasonsNone}</span>}</th>
                  <td>{formatCount(row.tickets, locale)}</td>
                  <td>
                    {formatAverage(row.effort.average, locale)}
                    <br />
                    <span className="muted small">{t.reasonsScores(formatCount(row.effort.scores, locale))}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Csv href={csvUrl('reasons', filter)} what={t.reasonsTitle} t={t} />
    </section>
  );
}
