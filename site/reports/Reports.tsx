/**
 * The reports island at /agent/reports/: effort (CES), deflection and the
 * assistant's outcomes, tickets and CSAT, and the content gaps per locale with
 * "teach the assistant". Same sign-in and session as the inbox. Every chart
 * has a text alternative and the table beside it; every table links to the
 * API's CSV. The period and locale live in the address, so a report can be
 * shared as a link.
 */
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { type Agent, agentApi } from '../inbox/api.ts';
import { Login } from '../inbox/Login.tsx';
import { TeachForm } from '../inbox/Teach.tsx';
import { type ContentGapRow, type ContentGaps, type ReportFilter, type ReportSummary, csvUrl, gapReference, reportsApi } from './api.ts';
import { BarChart, LineChart } from './charts.tsx';
import { filterFromSearch, formatAverage, formatCount, formatDay, formatMinutes, formatShare, rangeProblem, searchOfFilter, shares } from './format.ts';
import { reportsText } from './strings.ts';

type Text = ReturnType<typeof reportsText>;

export default function Reports({ locale: initialLocale, contentLocales }: { locale: Locale; contentLocales: Locale[] }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [agent, setAgent] = useState<Agent | null | 'loading'>('loading');
  const t = reportsText(locale);

  useEffect(() => {
    // The inbox's language choice applies here too: one setting for the agent's tools.
    const saved = window.localStorage.getItem('wegwijs.inbox.locale');
    if (saved === 'nl' || saved === 'en') setLocale(saved);
    agentApi.me().then(setAgent, () => setAgent(null));
  }, []);

  return (
    <div className="inbox reports" lang={locale}>
      <header className="inbox-head">
        <h1>{t.title}</h1>
        <nav aria-label={t.title}>
          <a href="/agent/">{t.inbox}</a>
        </nav>
        <label>
          <span className="sr-only">{t.uiLanguage}</span>
          <select
            value={locale}
            onChange={(e) => {
              const next = e.target.value as Locale;
              window.localStorage.setItem('wegwijs.inbox.locale', next);
              setLocale(next);
            }}
          >
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </select>
        </label>
        {agent && agent !== 'loading' && (
          <>
            <span>{agent.name}</span>
            <button type="button" onClick={() => agentApi.logout().finally(() => setAgent(null))}>{locale === 'nl' ? 'Uitloggen' : 'Sign out'}</button>
          </>
        )}
      </header>
      {agent === 'loading' ? <p role="status">…</p> : agent ? <ReportView locale={locale} contentLocales={contentLocales} /> : <Login locale={locale} onLogin={setAgent} />}
    </div>
  );
}

interface Loaded {
  filter: ReportFilter;
  summary: ReportSummary;
  gaps: ContentGaps[];
}

function ReportView({ locale, contentLocales }: { locale: Locale; contentLocales: Locale[] }) {
  const t = reportsText(locale);
  const [filter, setFilter] = useState<ReportFilter>(() => filterFromSearch(window.location.search, new Date()));
  const [draft, setDraft] = useState<ReportFilter>(filter);
  const [problem, setProblem] = useState<'from' | 'to' | 'order' | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  const load = (next: ReportFilter) => {
    setStatus(t.loading);
    setError('');
    const locales = next.locale ? [next.locale] : contentLocales;
    Promise.all([reportsApi.summary(next), Promise.all(locales.map((l) => reportsApi.contentGaps({ ...next, locale: l })))]).then(
      ([summary, gaps]) => {
        setLoaded({ filter: next, summary, gaps });
        setStatus(t.loaded);
      },
      (e: unknown) => {
        setStatus('');
        setError(`${t.failed} ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  };
  useEffect(() => load(filter), [filter]);

  return (
    <main className="reports-body" id="main">
      <form
        className="reports-filters"
        aria-label={t.filters}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = rangeProblem(draft.from, draft.to);
          setProblem(found);
          if (found) return;
          window.history.replaceState(null, '', searchOfFilter(draft));
          setFilter({ ...draft });
        }}
      >
        <label htmlFor="report-from">{t.from}</label>
        <input id="report-from" type="date" value={draft.from} required aria-invalid={problem === 'from' || problem === 'order' ? true : undefined} aria-describedby={problem ? 'report-problem' : undefined} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <label htmlFor="report-to">{t.to}</label>
        <input id="report-to" type="date" value={draft.to} required aria-invalid={problem === 'to' || problem === 'order' ? true : undefined} aria-describedby={problem ? 'report-problem' : undefined} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <label htmlFor="report-locale">{t.language}</label>
        <select id="report-locale" value={draft.locale} onChange={(e) => setDraft({ ...draft, locale: e.target.value as ReportFilter['locale'] })}>
          <option value="">{t.allLanguages}</option>
          {contentLocales.map((l) => <option key={l} value={l}>{t[`language_${l}`]}</option>)}
        </select>
        <button type="submit">{t.show}</button>
        {problem && <p id="report-problem" role="alert" className="error">{problem === 'from' ? t.badFrom : problem === 'to' ? t.badTo : t.badOrder}</p>}
      </form>
      <p role="status" className="muted small">{status}</p>
      {error && <p role="alert" className="error">{error}</p>}
      {loaded && (
        <>
          <EffortSection t={t} locale={locale} summary={loaded.summary} filter={loaded.filter} />
          <ConversationsSection t={t} locale={locale} summary={loaded.summary} filter={loaded.filter} />
          <TicketsSection t={t} locale={locale} summary={loaded.summary} filter={loaded.filter} />
          <GapsSection t={t} locale={locale} gaps={loaded.gaps} filter={loaded.filter} />
        </>
      )}
    </main>
  );
}

function Csv({ href, what, t }: { href: string; what: string; t: Text }) {
  return (
    <a className="csv" href={href} download aria-label={t.downloadCsvOf(what)}>
      {t.downloadCsv}
    </a>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
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

const SCORES = [1, 2, 3, 4, 5] as const;

function EffortSection({ t, locale, summary, filter }: { t: Text; locale: Locale; summary: ReportSummary; filter: ReportFilter }) {
  const { ces, articleFeedback } = summary;
  const csv = csvUrl('summary', filter);
  const distribution = shares(ces.distribution);
  return (
    <section aria-labelledby="ces-title">
      <h2 id="ces-title">{t.cesTitle}</h2>
      <p className="definition">{t.cesDefinition}</p>
      <dl className="figures">
        <Figure label={t.cesAverage} value={formatAverage(ces.average, locale)} note={`(${t.cesScale}) ${t.cesCount(formatCount(ces.count, locale))}`} />
        <Figure label={t.cesWidget} value={formatAverage(ces.bySource.widget.average, locale)} note={t.cesCount(formatCount(ces.bySource.widget.count, locale))} />
        <Figure label={t.cesArticle} value={formatAverage(ces.bySource.article.average, locale)} note={t.cesCount(formatCount(ces.bySource.article.count, locale))} />
        <Figure label={t.helpfulTitle} value={`${t.helpfulYes} ${formatCount(articleFeedback.helpful, locale)} · ${t.helpfulNo} ${formatCount(articleFeedback.notHelpful, locale)}`} />
      </dl>
      <div className="chart-and-table">
        <BarChart
          title={t.cesDistribution}
          description={t.cesDistributionDesc}
          legend={t.highEffortLegend}
          data={SCORES.map((score, i) => ({ label: String(score), value: ces.distribution[i] ?? 0, valueLabel: `${formatCount(ces.distribution[i] ?? 0, locale)} (${formatShare(distribution[i] ?? 0, locale)})`, hatched: score >= 4 }))}
        />
        <table>
          <caption>{t.cesDistribution}</caption>
          <thead><tr><th scope="col">{t.score}</th><th scope="col">{t.count}</th><th scope="col">{t.share}</th></tr></thead>
          <tbody>
            {SCORES.map((score, i) => (
              <tr key={score}><th scope="row">{score}</th><td>{formatCount(ces.distribution[i] ?? 0, locale)}</td><td>{formatShare(distribution[i] ?? 0, locale)}</td></tr>
            ))}
          </tbody>
        </table>
        <Csv href={csv} what={t.cesDistribution} t={t} />
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
          <thead><tr><th scope="col">{t.weekOf}</th><th scope="col">{t.average}</th><th scope="col">{t.responses}</th></tr></thead>
          <tbody>
            {ces.weekly.map((w) => (
              <tr key={w.weekStart}><th scope="row"><time dateTime={w.weekStart}>{formatDay(w.weekStart, locale)}</time></th><td>{formatAverage(w.average, locale)}</td><td>{formatCount(w.count, locale)}</td></tr>
            ))}
          </tbody>
        </table>
        <Csv href={csv} what={t.cesWeekly} t={t} />
      </div>
      <h3 id="ces-articles">{t.cesByArticle}</h3>
      {ces.byArticle.length === 0 ? (
        <p>{t.noData}</p>
      ) : (
        <>
          <table aria-labelledby="ces-articles">
            <thead><tr><th scope="col">{t.article}</th><th scope="col">{t.average}</th><th scope="col">{t.responses}</th></tr></thead>
            <tbody>
              {ces.byArticle.map((a) => (
                <tr key={a.articleId}><th scope="row">{a.title} <span className="muted small">({a.locale.toUpperCase()})</span></th><td>{formatAverage(a.average, locale)}</td><td>{formatCount(a.count, locale)}</td></tr>
              ))}
            </tbody>
          </table>
          <Csv href={csv} what={t.cesByArticle} t={t} />
        </>
      )}
      <h3 id="ces-categories">{t.cesByCategory}</h3>
      {ces.byCategory.length === 0 ? (
        <p>{t.noData}</p>
      ) : (
        <>
          <table aria-labelledby="ces-categories">
            <thead><tr><th scope="col">{t.category}</th><th scope="col">{t.average}</th><th scope="col">{t.responses}</th></tr></thead>
            <tbody>
              {ces.byCategory.map((c) => (
                <tr key={c.categoryId}><th scope="row">{c.title}</th><td>{formatAverage(c.average, locale)}</td><td>{formatCount(c.count, locale)}</td></tr>
              ))}
            </tbody>
          </table>
          <Csv href={csv} what={t.cesByCategory} t={t} />
        </>
      )}
    </section>
  );
}

const OUTCOMES = ['answer', 'clarify', 'nomatch', 'handoff'] as const;

function ConversationsSection({ t, locale, summary, filter }: { t: Text; locale: Locale; summary: ReportSummary; filter: ReportFilter }) {
  const c = summary.conversations;
  return (
    <section aria-labelledby="conversations-title">
      <h2 id="conversations-title">{t.conversationsTitle}</h2>
      <p className="definition">{t.deflectionDefinition}</p>
      <dl className="figures">
        <Figure label={t.deflectionRate} value={formatShare(c.deflectionRate, locale)} note={`${formatCount(c.deflected, locale)} / ${formatCount(c.withQuestion, locale)}`} />
        <Figure label={t.withQuestion} value={formatCount(c.withQuestion, locale)} />
        <Figure label={t.deflected} value={formatCount(c.deflected, locale)} />
      </dl>
      <div className="chart-and-table">
        <BarChart
          title={t.outcomes}
          description={t.outcomesDesc}
          max={1}
          data={OUTCOMES.map((o) => ({ label: t[`outcome_${o}`], value: c.rates[o] ?? 0, valueLabel: formatShare(c.rates[o], locale), hatched: o === 'nomatch' || o === 'handoff' }))}
        />
        <table>
          <caption>{t.outcomes}</caption>
          <thead><tr><th scope="col">{t.outcome}</th><th scope="col">{t.count}</th><th scope="col">{t.share}</th></tr></thead>
          <tbody>
            {OUTCOMES.map((o) => (
              <tr key={o}><th scope="row">{t[`outcome_${o}`]}</th><td>{formatCount(c.outcomes[o], locale)}</td><td>{formatShare(c.rates[o], locale)}</td></tr>
            ))}
            <tr><th scope="row">{t.outcome_rule}</th><td>{formatCount(c.outcomes.rule, locale)}</td><td></td></tr>
          </tbody>
        </table>
        <Csv href={csvUrl('summary', filter)} what={t.outcomes} t={t} />
      </div>
    </section>
  );
}

function TicketsSection({ t, locale, summary, filter }: { t: Text; locale: Locale; summary: ReportSummary; filter: ReportFilter }) {
  const k = summary.tickets;
  const csatShares = shares(k.csat.distribution);
  return (
    <section aria-labelledby="tickets-title">
      <h2 id="tickets-title">{t.ticketsTitle}</h2>
      <p className="definition">{t.ticketsDefinition}</p>
      <table>
        <caption>{t.ticketsTitle}</caption>
        <tbody>
          <tr><th scope="row">{t.ticketsCreated}</th><td>{formatCount(k.created, locale)}</td></tr>
          <tr><th scope="row">{t.ticketsSolved}</th><td>{formatCount(k.solved, locale)}</td></tr>
          <tr><th scope="row">{t.firstResponse} ({t.median})</th><td>{formatMinutes(k.firstResponseMinutes.median, locale)}</td></tr>
          <tr><th scope="row">{t.firstResponse} ({t.p90})</th><td>{formatMinutes(k.firstResponseMinutes.p90, locale)}</td></tr>
          <tr><th scope="row">{t.solveTime} ({t.median})</th><td>{formatMinutes(k.solveMinutes.median, locale)}</td></tr>
          <tr><th scope="row">{t.solveTime} ({t.p90})</th><td>{formatMinutes(k.solveMinutes.p90, locale)}</td></tr>
          <tr><th scope="row">{t.csat}</th><td>{formatShare(k.csat.satisfiedShare, locale)} <span className="muted small">{t.csatCount(formatCount(k.csat.count, locale))}</span></td></tr>
        </tbody>
      </table>
      <Csv href={csvUrl('summary', filter)} what={t.ticketsTitle} t={t} />
      <div className="chart-and-table">
        <BarChart
          title={t.csatDistribution}
          description={t.csatDistributionDesc}
          data={SCORES.map((score, i) => ({ label: String(score), value: k.csat.distribution[i] ?? 0, valueLabel: `${formatCount(k.csat.distribution[i] ?? 0, locale)} (${formatShare(csatShares[i] ?? 0, locale)})`, hatched: score <= 2 }))}
        />
        <table>
          <caption>{t.csatDistribution}</caption>
          <thead><tr><th scope="col">{t.score}</th><th scope="col">{t.count}</th><th scope="col">{t.share}</th></tr></thead>
          <tbody>
            {SCORES.map((score, i) => (
              <tr key={score}><th scope="row">{score}</th><td>{formatCount(k.csat.distribution[i] ?? 0, locale)}</td><td>{formatShare(csatShares[i] ?? 0, locale)}</td></tr>
            ))}
          </tbody>
        </table>
        <Csv href={csvUrl('summary', filter)} what={t.csatDistribution} t={t} />
      </div>
    </section>
  );
}

const SIGNALS = ['failedSearches', 'noMatches', 'highEffort', 'handoffs'] as const;

function GapsSection({ t, locale, gaps, filter }: { t: Text; locale: Locale; gaps: ContentGaps[]; filter: ReportFilter }) {
  // Each locale's answer lists the articles missing a translation; show each once.
  const seen = new Set<string>();
  const translationGaps = gaps.flatMap((g) => g.translationGaps).filter((g) => {
    const key = `${g.articleId}>${g.missingLocale}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return (
    <section aria-labelledby="gaps-title">
      <h2 id="gaps-title">{t.gapsTitle}</h2>
      <p className="definition">{t.gapsDefinition}</p>
      {gaps.map((g) => (
        <GapList key={g.locale} t={t} locale={locale} gaps={g} filter={filter} />
      ))}
      <h3 id="translation-gaps">{t.translationGaps}</h3>
      <p className="definition">{t.translationGapsDefinition}</p>
      {translationGaps.length === 0 ? (
        <p>{t.noTranslationGaps}</p>
      ) : (
        <>
          <table aria-labelledby="translation-gaps">
            <thead><tr><th scope="col">{t.article}</th><th scope="col">{t.language}</th><th scope="col">{t.missingIn}</th></tr></thead>
            <tbody>
              {translationGaps.map((g) => (
                <tr key={`${g.articleId}>${g.missingLocale}`}><th scope="row">{g.title}</th><td>{t[`language_${g.locale}`]}</td><td>{t[`language_${g.missingLocale}`]}</td></tr>
              ))}
            </tbody>
          </table>
          {gaps.map((g) => (
            <Csv key={g.locale} href={csvUrl('content-gaps', { ...filter, locale: g.locale })} what={`${t.translationGaps} (${g.locale.toUpperCase()})`} t={t} />
          ))}
        </>
      )}
    </section>
  );
}

function GapList({ t, locale, gaps, filter }: { t: Text; locale: Locale; gaps: ContentGaps; filter: ReportFilter }) {
  const [teaching, setTeaching] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState('');
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const headingId = `gaps-${gaps.locale}`;
  const language = t[`language_${gaps.locale}`];
  const done = (row: ContentGapRow, message: string | null) => {
    setTeaching(null);
    if (message) setConfirmation(message);
    // Back to where the agent was, so keyboard users do not lose their place.
    buttons.current.get(row.key)?.focus();
  };
  return (
    <>
      <h3 id={headingId}>{t.gapsFor(language)}</h3>
      <p>{t.wouldNowAnswer(formatCount(gaps.wouldNowAnswer.answered, locale), formatCount(gaps.wouldNowAnswer.of, locale))}</p>
      <p role="status" className="confirmation">{confirmation}</p>
      {gaps.rows.length === 0 ? (
        <p>{t.noGaps}</p>
      ) : (
        <table aria-labelledby={headingId} className="gaps">
          <thead>
            <tr>
              <th scope="col">{t.wording}</th>
              <th scope="col">{t.count}</th>
              <th scope="col">{t.signals}</th>
              <th scope="col">{t.nearest}</th>
              <th scope="col"><span className="sr-only">{t.teach}</span></th>
            </tr>
          </thead>
          <tbody>
            {gaps.rows.flatMap((row) => {
              const rows = [
                <tr key={row.key}>
                  <th scope="row">
                    <span lang={gaps.locale}>{row.wording}</span>
                    {row.wouldNowAnswer && <span className="badge answered"> {t.wouldNowAnswerYes}</span>}
                    {row.examples.length > 0 && (
                      <details>
                        <summary>{t.examples} ({row.examples.length})</summary>
                        <ul lang={gaps.locale}>{row.examples.map((e, i) => <li key={i}>{e}</li>)}</ul>
                      </details>
                    )}
                  </th>
                  <td>{formatCount(row.count, locale)}</td>
                  <td>
                    <ul className="signals">
                      {SIGNALS.filter((s) => row.signals[s] > 0).map((s) => <li key={s}>{formatCount(row.signals[s], locale)} × {t[`signal_${s}`]}</li>)}
                    </ul>
                  </td>
                  <td>{row.nearest ? <a href={row.nearest.url} lang={gaps.locale}>{row.nearest.title}</a> : t.newArticle}</td>
                  <td>
                    <button
                      type="button"
                      ref={(el) => void (el ? buttons.current.set(row.key, el) : buttons.current.delete(row.key))}
                      aria-expanded={teaching === row.key}
                      aria-label={t.teachFor(row.wording)}
                      onClick={() => setTeaching(teaching === row.key ? null : row.key)}
                    >
                      {t.teach}
                    </button>
                  </td>
                </tr>,
              ];
              if (teaching === row.key) {
                rows.push(
                  <tr key={`${row.key}-teach`} className="teach-row">
                    <td colSpan={5}>
                      <TeachForm locale={locale} contentLocale={gaps.locale} text={row.wording} articleId={row.nearest?.articleId ?? null} source="gap" sourceRef={gapReference(row.key)} onDone={(message) => done(row, message)} />
                    </td>
                  </tr>,
                );
              }
              return rows;
            })}
          </tbody>
        </table>
      )}
      <Csv href={csvUrl('content-gaps', { ...filter, locale: gaps.locale })} what={t.gapsFor(language)} t={t} />
    </>
  );
}
