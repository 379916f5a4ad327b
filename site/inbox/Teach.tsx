/**
 * "Teach the assistant": an agent attaches a customer's wording to an article
 * as a new phrasing, or proposes a new article (articleId null). The API keeps
 * it as pending until `content pull` writes it into the article's frontmatter;
 * the next build teaches the assistant. Used in the ticket view and in the
 * content-gap report.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { type ArticleChoice, type PhrasingProposal, agentApi } from './api.ts';
import { inboxText } from './strings.ts';

/** The value of the picker's "new article" option (an article id never is empty). */
export const NEW_ARTICLE = '';

// Articles per locale, fetched once per page: the list only changes with a new build.
const articleLists = new Map<Locale, Promise<ArticleChoice[]>>();
/** The articles of `locale` (GET /api/agent/articles), fetched once per page; the transcript uses their titles too. */
export function articlesOf(locale: Locale): Promise<ArticleChoice[]> {
  let list = articleLists.get(locale);
  if (!list) {
    list = agentApi.articles(locale);
    list.catch(() => articleLists.delete(locale));
    articleLists.set(locale, list);
  }
  return list;
}

/**
 * The request for a teach form's answers: the article picked, or a proposal
 * for a new one with its optional title. Exported for tests.
 */
export function proposalOf(input: {
  articleId: string;
  locale: Locale;
  text: string;
  proposedTitle: string;
  source: PhrasingProposal['source'];
  sourceRef?: string;
}): PhrasingProposal {
  const text = input.text.trim();
  const proposedTitle = input.proposedTitle.trim();
  return {
    articleId: input.articleId === NEW_ARTICLE ? null : input.articleId,
    locale: input.locale,
    text,
    ...(input.articleId === NEW_ARTICLE && proposedTitle ? { proposedTitle } : {}),
    source: input.source,
    ...(input.sourceRef ? { sourceRef: input.sourceRef } : {}),
  };
}

export interface TeachFormProps {
  /** Language of the interface. */
  locale: Locale;
  /** Language of the customer's wording, and so of the articles offered. */
  contentLocale: Locale;
  /** The wording to start with (editable). */
  text: string;
  /** Article chosen at first; NEW_ARTICLE or undefined for "new article". */
  articleId?: string | null;
  source: PhrasingProposal['source'];
  sourceRef?: string;
  /** Called with the confirmation text after saving, or null when cancelled. */
  onDone: (confirmation: string | null) => void;
}

/** The form: wording, article picker (or "new article" with a title), save. Focus goes to the wording when it opens. */
export function TeachForm({ locale, contentLocale, text, articleId, source, sourceRef, onDone }: TeachFormProps) {
  const t = inboxText(locale);
  const id = useId();
  const [articles, setArticles] = useState<ArticleChoice[] | null>(null);
  const [picked, setPicked] = useState<string>(articleId ?? NEW_ARTICLE);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    textRef.current?.focus();
    articlesOf(contentLocale).then(setArticles, (e: unknown) => setError(`${t.failed} ${e instanceof Error ? e.message : String(e)}`));
  }, [contentLocale]);

  return (
    <form
      className="teach"
      aria-label={t.teach}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const proposal = proposalOf({
          articleId: String(data.get('article') ?? NEW_ARTICLE),
          locale: contentLocale,
          text: String(data.get('text') ?? ''),
          proposedTitle: String(data.get('proposedTitle') ?? ''),
          source,
          ...(sourceRef ? { sourceRef } : {}),
        });
        if (!proposal.text) {
          setError(t.teachEmpty);
          textRef.current?.focus();
          return;
        }
        setBusy(true);
        agentApi.teach(proposal).then(
          () => {
            const title = articles?.find((a) => a.id === proposal.articleId)?.title ?? proposal.articleId;
            onDone(title ? t.taught(title) : t.taughtNew);
          },
          (e: unknown) => {
            setBusy(false);
            setError(`${t.failed} ${e instanceof Error ? e.message : String(e)}`);
          },
        );
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onDone(null);
        }
      }}
    >
      <p className="muted small">{t.teachHint}</p>
      <label htmlFor={`${id}-text`}>{t.teachText}</label>
      <textarea id={`${id}-text`} ref={textRef} name="text" rows={2} maxLength={500} defaultValue={text} />
      <label htmlFor={`${id}-article`}>{t.teachArticle}</label>
      <select id={`${id}-article`} name="article" value={picked} onChange={(e) => setPicked(e.target.value)} aria-busy={articles === null}>
        <option value={NEW_ARTICLE}>{t.teachNewArticle}</option>
        {articles === null && picked !== NEW_ARTICLE && <option value={picked}>{t.teachLoading}</option>}
        {articles?.map((a) => (
          <option key={a.id} value={a.id}>
            {a.title}
          </option>
        ))}
      </select>
      {picked === NEW_ARTICLE && (
        <>
          <label htmlFor={`${id}-title`}>{t.teachProposedTitle}</label>
          <input id={`${id}-title`} name="proposedTitle" maxLength={200} />
        </>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="teach-actions">
        <button type="submit" disabled={busy}>
          {t.teachSave}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t.teachCancel}
        </button>
      </div>
    </form>
  );
}
