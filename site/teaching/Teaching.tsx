/**
 * The approval screen for suggested phrasings at /agent/teaching/: list the
 * pending suggestions of a language, edit their wording or article,
 * approve (admins: live within a minute), reject, or take an approved one
 * offline again. Same sign-in and shell as the inbox and the reports.
 */
import { useEffect, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { AgentShell, type ShellText } from '../agent/AgentShell.tsx';
import { StatusAndAlert } from '../agent/StatusAndAlert.tsx';
import { type Agent, type ArticleChoice, agentApi, call } from '../inbox/api.ts';
import { teachingText, type TeachingText } from './strings.ts';

/** A suggestion as `GET /api/agent/phrasings` lists it. */
export interface Suggestion {
  id: string;
  articleId: string | null;
  locale: 'nl' | 'en';
  text: string;
  proposedTitle: string | null;
  status: 'pending' | 'pulled' | 'rejected';
  agent: { id: string; name: string } | null;
  createdAt: string;
  approvedAt: string | null;
  approvedBy: { id: string; name: string } | null;
}

const teachingApi = {
  pending: (locale: 'nl' | 'en') => call<{ phrasings: Suggestion[] }>('GET', `/phrasings?status=pending&locale=${locale}`),
  change: (id: string, change: { status?: 'approved' | 'rejected' | 'pending'; text?: string; articleId?: string | null }) =>
    call<Suggestion>('PATCH', `/phrasings/${encodeURIComponent(id)}`, change),
};

function shellText(locale: Locale): ShellText {
  const t = teachingText(locale);
  return {
    title: t.title,
    signedOutTitle: t.title,
    language: t.language,
    link: { href: '/agent/', label: t.inbox },
    more: [{ href: '/agent/reports/', label: t.reports }],
    signOut: t.signOut,
  };
}

export default function Teaching({ locale, contentLocales }: { locale: Locale; contentLocales: Locale[] }) {
  return (
    <AgentShell locale={locale} className="teaching" text={shellText}>
      {(agent, current) => <TeachingView agent={agent} locale={current} contentLocales={contentLocales} />}
    </AgentShell>
  );
}

function TeachingView({ agent, locale, contentLocales }: { agent: Agent; locale: Locale; contentLocales: Locale[] }) {
  const t = teachingText(locale);
  const [contentLocale, setContentLocale] = useState<'nl' | 'en'>((contentLocales[0] as 'nl' | 'en' | undefined) ?? 'nl');
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [articles, setArticles] = useState<ArticleChoice[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    setSuggestions(null);
    setError('');
    Promise.all([teachingApi.pending(contentLocale), agentApi.articles(contentLocale)]).then(
      ([found, choices]) => {
        setSuggestions(found.phrasings);
        setArticles(choices);
      },
      (e: unknown) => setError(`${t.failed} ${e instanceof Error ? e.message : String(e)}`),
    );
  }, [contentLocale]);

  const replace = (next: Suggestion) => setSuggestions((all) => (all ?? []).flatMap((s) => (s.id !== next.id ? [s] : next.status === 'pending' ? [next] : [])));

  return (
    <main className="teaching-body" id="main">
      <p className="definition">{t.intro}</p>
      <label htmlFor="teaching-locale">{t.contentLanguage}</label>{' '}
      <select id="teaching-locale" value={contentLocale} onChange={(e) => setContentLocale(e.target.value as 'nl' | 'en')}>
        {contentLocales.map((l) => (
          <option key={l} value={l}>
            {l === 'nl' ? 'Nederlands' : 'English'}
          </option>
        ))}
      </select>
      <StatusAndAlert confirmation={status} problem={error} />
      {suggestions === null ? (
        !error && <p>{t.loading}</p>
      ) : suggestions.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <ul className="suggestions">
          {suggestions.map((s) => (
            <SuggestionItem
              key={s.id}
              t={t}
              locale={locale}
              admin={agent.role === 'admin'}
              suggestion={s}
              articles={articles}
              onChanged={replace}
              onStatus={setStatus}
            />
          ))}
        </ul>
      )}
    </main>
  );
}

function SuggestionItem({
  t,
  locale,
  admin,
  suggestion,
  articles,
  onChanged,
  onStatus,
}: {
  t: TeachingText;
  locale: Locale;
  admin: boolean;
  suggestion: Suggestion;
  articles: ArticleChoice[];
  onChanged: (next: Suggestion) => void;
  onStatus: (message: string) => void;
}) {
  const [text, setText] = useState(suggestion.text);
  const [articleId, setArticleId] = useState<string>(suggestion.articleId ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const edited = text.trim() !== suggestion.text || (articleId || null) !== suggestion.articleId;
  const live = suggestion.approvedAt !== null;

  const act = (change: { status?: 'approved' | 'rejected' | 'pending'; text?: string; articleId?: string | null }, message: (text: string) => string) => {
    if (busy) return;
    setBusy(true);
    setProblem('');
    teachingApi.change(suggestion.id, change).then(
      (next) => {
        setBusy(false);
        setText(next.text);
        setArticleId(next.articleId ?? '');
        onStatus(message(next.text));
        onChanged(next);
      },
      // What the agent typed stays in the box; the error says why.
      (e: unknown) => {
        setBusy(false);
        setProblem(`${t.failed} ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  };
  const withEdits = () => (edited ? { text, articleId: articleId || null } : {});
  const when = live
    ? new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(suggestion.approvedAt!))
    : '';
  const textId = `suggestion-${suggestion.id}-text`;
  const articleSelectId = `suggestion-${suggestion.id}-article`;

  return (
    <li className={`suggestion${live ? ' live' : ''}`}>
      <p className="suggestion-state">
        <span className={`badge${live ? ' answered' : ''}`}>{live ? t.live : t.waiting}</span>{' '}
        <span className="muted small">
          {live ? t.liveSince(when, suggestion.approvedBy?.name ?? '') : suggestion.agent ? t.by(suggestion.agent.name) : ''}
          {suggestion.proposedTitle ? ` · ${t.proposedTitle(suggestion.proposedTitle)}` : ''}
        </span>
      </p>
      <div className="suggestion-fields">
        <label htmlFor={textId}>{t.wording}</label>
        <input
          id={textId}
          type="text"
          lang={suggestion.locale}
          value={text}
          maxLength={200}
          aria-label={t.textOf(suggestion.text)}
          onChange={(e) => setText(e.target.value)}
        />
        <label htmlFor={articleSelectId}>{t.article}</label>
        <select id={articleSelectId} value={articleId} aria-label={t.articleOf(suggestion.text)} onChange={(e) => setArticleId(e.target.value)}>
          <option value="">{t.newArticle}</option>
          {articles.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      </div>
      <div className="suggestion-actions">
        {edited && (
          <button type="button" disabled={busy} aria-label={t.saveFor(suggestion.text)} onClick={() => act(withEdits(), t.saved)}>
            {t.save}
          </button>
        )}
        {admin && (!live || edited) && (
          <button
            type="button"
            disabled={busy}
            aria-label={t.approveFor(suggestion.text)}
            onClick={() => (articleId ? act({ ...withEdits(), status: 'approved' }, t.approved) : setProblem(t.needsArticle))}
          >
            {t.approve}
          </button>
        )}
        {live && !edited && (
          <button
            type="button"
            className="secondary"
            disabled={busy}
            aria-label={t.withdrawFor(suggestion.text)}
            onClick={() => act({ status: 'pending' }, t.withdrawn)}
          >
            {t.withdraw}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          disabled={busy}
          aria-label={t.rejectFor(suggestion.text)}
          onClick={() => act({ status: 'rejected' }, t.rejected)}
        >
          {t.reject}
        </button>
        {!admin && !live && <span className="muted small">{t.adminOnly}</span>}
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </li>
  );
}
