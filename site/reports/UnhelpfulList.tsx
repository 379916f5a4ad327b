/**
 * Articles customers answered "No" to at their end, for one locale: how
 * often, what they said was missing, and their latest comments, which an
 * admin can delete. A list rather than a table, so a comment wraps on a
 * phone instead of scrolling sideways. Comments are the customer's words:
 * rendered as text (never as HTML) and marked with their language.
 */
import { useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { type ContentGaps, csvUrl, type ReportFilter, reportsApi } from './api.ts';
import { formatCount } from './format.ts';
import { StatusAndAlert } from '../agent/StatusAndAlert.tsx';
import { Csv } from './parts.tsx';
import type { ReportText } from './strings.ts';

const WHY = ['no_answer', 'unclear', 'outdated', 'other'] as const satisfies readonly (keyof ContentGaps['unhelpful'][number]['why'])[];

export function UnhelpfulList({
  t,
  locale,
  gaps,
  filter,
  canDelete,
}: {
  t: ReportText;
  locale: Locale;
  gaps: ContentGaps;
  filter: ReportFilter;
  /** Only admins may delete a comment (the API answers 403 to others). */
  canDelete: boolean;
}) {
  const [articles, setArticles] = useState(gaps.unhelpful);
  const [busy, setBusy] = useState<number | null>(null);
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState('');
  const headings = useRef(new Map<string, HTMLHeadingElement>());
  const headingId = `unhelpful-${gaps.locale}`;
  const title = t.unhelpfulTitle(t[`language_${gaps.locale}`]);

  const remove = (articleId: string, id: number) => {
    if (busy !== null) return;
    setBusy(id);
    setProblem('');
    reportsApi.deleteComment(id).then(
      () => {
        setArticles((all) => all.map((a) => (a.articleId === articleId ? { ...a, comments: a.comments.filter((c) => c.id !== id) } : a)));
        setConfirmation(t.commentDeleted);
        setBusy(null);
        // The button is gone: the article's heading keeps keyboard users in place.
        headings.current.get(articleId)?.focus();
      },
      (e: unknown) => {
        setProblem(`${t.failed} ${e instanceof Error ? e.message : String(e)}`);
        setBusy(null);
      },
    );
  };

  return (
    <div className="unhelpful-report">
      <h3 id={headingId}>{title}</h3>
      <p className="definition">{t.unhelpfulDefinition}</p>
      <StatusAndAlert confirmation={confirmation} problem={problem} />
      {articles.length === 0 ? (
        <p>{t.noUnhelpful}</p>
      ) : (
        <ul className="unhelpful-articles" aria-labelledby={headingId}>
          {articles.map((article) => (
            <li key={article.articleId}>
              <h4
                tabIndex={-1}
                ref={(el) => void (el ? headings.current.set(article.articleId, el) : headings.current.delete(article.articleId))}
                lang={gaps.locale}
              >
                {article.url ? <a href={article.url}>{article.title}</a> : article.title}
              </h4>
              <ul className="signals">
                <li>
                  {formatCount(article.notHelpful, locale)} × {t.notHelpful}
                </li>
                {WHY.filter((why) => article.why[why] > 0).map((why) => (
                  <li key={why}>
                    {formatCount(article.why[why], locale)} × {t[`why_${why}`]}
                  </li>
                ))}
              </ul>
              {article.comments.length === 0 ? (
                <p className="muted small">{t.noComments}</p>
              ) : (
                <ul className="unhelpful-comments" aria-label={`${t.latestComments}: ${article.title}`}>
                  {article.comments.map((comment) => (
                    <li key={comment.id}>
                      <q lang={gaps.locale}>{comment.text}</q>{' '}
                      <span className="muted small">
                        ({t[`why_${comment.why}`]}, <time dateTime={comment.createdAt}>{comment.createdAt.slice(0, 10)}</time>)
                      </span>
                      {canDelete && (
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t.deleteCommentFor(comment.text.length > 60 ? `${comment.text.slice(0, 59)}…` : comment.text)}
                          disabled={busy === comment.id}
                          onClick={() => remove(article.articleId, comment.id)}
                        >
                          {t.deleteComment}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <Csv href={`${csvUrl('content-gaps', { ...filter, locale: gaps.locale })}&table=unhelpful`} what={title} t={t} />
    </div>
  );
}
