/**
 * The reports island at /agent/reports/: the headline figures against the
 * previous period first, then effort (CES), resolution and the assistant's
 * outcomes, tickets and CSAT, response targets met, contact reasons, and the content gaps per locale with
 * "teach the assistant". Same sign-in and session as the inbox. Every chart
 * has a text alternative and the table beside it; every table links to the
 * API's CSV. The period and locale live in the address, so a report can be
 * shared as a link.
 */
import { useEffect, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { AgentShell, type ShellText } from '../agent/AgentShell.tsx';
import { type ContentGaps, type ReasonReport, type ReportFilter, type ReportSummary, reportsApi, type TargetReport } from './api.ts';
import { ConversationsSection } from './ConversationsSection.tsx';
import { EffortSection } from './EffortSection.tsx';
import { GapsSection } from './GapsSection.tsx';
import { filterFromSearch, rangeProblem, reversedInSearch, searchOfFilter } from './format.ts';
import { HeadlineSection } from './HeadlineSection.tsx';
import { ReasonsSection } from './ReasonsSection.tsx';
import { TargetsSection } from './TargetsSection.tsx';
import { reportsText } from './strings.ts';
import { TicketsSection } from './TicketsSection.tsx';

function shellText(locale: Locale): ShellText {
  const t = reportsText(locale);
  return {
    title: t.title,
    signedOutTitle: t.title,
    language: t.uiLanguage,
    link: { href: '/agent/', label: t.inbox },
    more: [{ href: '/agent/teaching/', label: t.teaching }],
    signOut: t.signOut,
  };
}

export default function Reports({ locale, contentLocales }: { locale: Locale; contentLocales: Locale[] }) {
  return (
    <AgentShell locale={locale} className="reports" text={shellText}>
      {(agent, current) => <ReportView locale={current} contentLocales={contentLocales} canDelete={agent.role === 'admin'} />}
    </AgentShell>
  );
}

interface Loaded {
  filter: ReportFilter;
  summary: ReportSummary;
  gaps: ContentGaps[];
  reasons: ReasonReport;
  targets: TargetReport;
}

function ReportView({ locale, contentLocales, canDelete }: { locale: Locale; contentLocales: Locale[]; canDelete: boolean }) {
  const t = reportsText(locale);
  const [filter, setFilter] = useState<ReportFilter>(() => filterFromSearch(window.location.search, new Date()));
  const [draft, setDraft] = useState<ReportFilter>(filter);
  const [problem, setProblem] = useState<'from' | 'to' | 'order' | 'orderInAddress' | null>(() =>
    reversedInSearch(window.location.search) ? 'orderInAddress' : null,
  );
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  const load = (next: ReportFilter) => {
    setStatus(t.loading);
    setError('');
    const locales = next.locale ? [next.locale] : contentLocales;
    Promise.all([
      reportsApi.summary(next),
      Promise.all(locales.map((l) => reportsApi.contentGaps({ ...next, locale: l }))),
      reportsApi.reasons(next),
      reportsApi.targets(next),
    ]).then(
      ([summary, gaps, reasons, targets]) => {
        setLoaded({ filter: next, summary, gaps, reasons, targets });
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
        <input
          id="report-from"
          type="date"
          value={draft.from}
          required
          aria-invalid={problem === 'from' || problem === 'order' || problem === 'orderInAddress' ? true : undefined}
          aria-describedby={problem ? 'report-problem' : undefined}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <label htmlFor="report-to">{t.to}</label>
        <input
          id="report-to"
          type="date"
          value={draft.to}
          required
          aria-invalid={problem === 'to' || problem === 'order' ? true : undefined}
          aria-describedby={problem ? 'report-problem' : undefined}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <label htmlFor="report-locale">{t.language}</label>
        <select id="report-locale" value={draft.locale} onChange={(e) => setDraft({ ...draft, locale: e.target.value as ReportFilter['locale'] })}>
          <option value="">{t.allLanguages}</option>
          {contentLocales.map((l) => (
            <option key={l} value={l}>
              {t[`language_${l}`]}
            </option>
          ))}
        </select>
        <button type="submit">{t.show}</button>
        {problem && (
          <p id="report-problem" role="alert" className="error">
            {problem === 'from' ? t.badFrom : problem === 'to' ? t.badTo : problem === 'order' ? t.badOrder : t.badOrderInAddress}
          </p>
        )}
      </form>
      <p role="status" className="muted small">
        {status}
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {loaded && (
        <>
          <HeadlineSection t={t} locale={locale} summary={loaded.summary} filter={loaded.filter} />
          <EffortSection t={t} locale={locale} summary={loaded.summary} filter={loaded.filter} />
          <ConversationsSection t={t} locale={locale} summary={loaded.summary} filter={loaded.filter} />
          <TicketsSection t={t} locale={locale} summary={loaded.summary} filter={loaded.filter} />
          <TargetsSection t={t} locale={locale} report={loaded.targets} filter={loaded.filter} />
          <ReasonsSection t={t} locale={locale} report={loaded.reasons} filter={loaded.filter} />
          {/* Keyed by the load: a new report starts the dismiss/undo state of the gap lists afresh. */}
          <GapsSection
            key={`${loaded.filter.from}/${loaded.filter.to}/${loaded.filter.locale}/${status}`}
            t={t}
            locale={locale}
            gaps={loaded.gaps}
            filter={loaded.filter}
            canDelete={canDelete}
          />
        </>
      )}
    </main>
  );
}
