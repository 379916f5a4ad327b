/** Effort: the CES average, its sources, distribution, weekly trend, and per article and category. */
import type { Locale } from '#core/locale.ts';
import { csvUrl, type ReportFilter, type ReportSummary } from './api.ts';
import { BarChart, LineChart } from './charts.tsx';
import { formatAverage, formatCount, formatDay, formatShare, shares } from './format.ts';
import { Csv, Figure, SCORES } from './parts.tsx';
import type { ReportText } from './strings.ts';

export function EffortSection({ t, locale, summary, filter }: { t: ReportText; locale: Locale; summary: ReportSummary; filter: ReportFilter }) {
  const { ces, articleFeedback } = summary;
  const distribution = shares(ces.distribution);
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
      <div className="chart-and-table">
        <BarChart
          title={t.cesDistribution}
          description={t.cesDistributionDesc}
          legend={t.highEffortLegend}
          data={SCORES.map((score, i) => ({
            label: String(score),
            value: ces.distribution[i] ?? 0,
            valueLabel: `${formatCount(ces.distribution[i] ?? 0, locale)} (${formatShare(distribution[i] ?? 0, locale)})`,
            hatched: score >= 4,
          }))}
        />
        <table>
          <caption>{t.cesDistribution}</caption>
          <thead>
            <tr>
              <th scope="col">{t.score}</th>
              <th scope="col">{t.count}</th>
              <th scope="col">{t.share}</th>
            </tr>
          </thead>
          <tbody>
            {SCORES.map((score, i) => (
              <tr key={score}>
                <th scope="row">{score}</th>
                <td>{formatCount(ces.distribution[i] ?? 0, locale)}</td>
                <td>{formatShare(distribution[i] ?? 0, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Csv href={csvUrl('summary', filter, 'distribution')} what={t.cesDistribution} t={t} />
      </div>
      <div className="chart-and-table">
        <LineChart
          title={t.cesWeekly}
          description={t.cesWeeklyDesc}
          domain={[1, 5]}
          data={ces.weekly.map((w) => ({ label: formatDay(w.weekStart, locale), value: w.average, valueLabel: formatAverage(w.average, locale) }))}
        />
        <table>
          <caption>{t.cesWeekly}</caption>
          <thead>
            <tr>
              <th scope="col">{t.weekOf}</th>
              <th scope="col">{t.average}</th>
              <th scope="col">{t.responses}</th>
            </tr>
          </thead>
          <tbody>
            {ces.weekly.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">
                  <time dateTime={w.weekStart}>{formatDay(w.weekStart, locale)}</time>
                </th>
                <td>{formatAverage(w.average, locale)}</td>
                <td>{formatCount(w.count, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Csv href={csvUrl('summary', filter, 'weekly')} what={t.cesWeekly} t={t} />
      </div>
      <h3 id="ces-articles">{t.cesByArticle}</h3>
      <p className="definition">{t.shrunkNote}</p>
      {ces.byArticle.length === 0 ? (
        <p>{t.noData}</p>
      ) : (
        <>
          <table aria-labelledby="ces-articles">
            <thead>
              <tr>
                <th scope="col">{t.article}</th>
                <th scope="col">{t.shrunk}</th>
                <th scope="col">{t.average}</th>
                <th scope="col">{t.responses}</th>
              </tr>
            </thead>
            <tbody>
              {ces.byArticle.map((a) => (
                <tr key={`${a.locale}:${a.articleId}`}>
                  <th scope="row">
                    {a.title} <span className="muted small">({a.locale.toUpperCase()})</span>
                  </th>
                  <td>{formatAverage(a.shrunkAverage, locale)}</td>
                  <td>{formatAverage(a.average, locale)}</td>
                  <td>{formatCount(a.count, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Csv href={csvUrl('summary', filter, 'articles')} what={t.cesByArticle} t={t} />
        </>
      )}
      <h3 id="ces-categories">{t.cesByCategory}</h3>
      {ces.byCategory.length === 0 ? (
        <p>{t.noData}</p>
      ) : (
        <>
          <table aria-labelledby="ces-categories">
            <thead>
              <tr>
                <th scope="col">{t.category}</th>
                <th scope="col">{t.shrunk}</th>
                <th scope="col">{t.average}</th>
                <th scope="col">{t.responses}</th>
              </tr>
            </thead>
            <tbody>
              {ces.byCategory.map((c) => (
                <tr key={c.categoryId}>
                  <th scope="row">{c.title}</th>
                  <td>{formatAverage(c.shrunkAverage, locale)}</td>
                  <td>{formatAverage(c.average, locale)}</td>
                  <td>{formatCount(c.count, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Csv href={csvUrl('summary', filter, 'categories')} what={t.cesByCategory} t={t} />
        </>
      )}
    </section>
  );
}
