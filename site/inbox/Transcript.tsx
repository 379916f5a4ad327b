/**
 * The conversation as an agent reads it: each line with the time the
 * customer's browser gave it; each assistant turn said in the agent's language
 * (answered with an article, asked which one was meant, found nothing, a set
 * reply), the article's title as a link, the customer's yes/no and effort, the
 * choice after a question; the technical reasons one click away in a
 * <details>. Small components, one per concern, so each can be wrapped or
 * changed alone. Customer text is text, never HTML.
 */
import type { Locale } from '#core/locale.ts';
import type { ArticleChoice, ThreadMessage } from './api.ts';
import { EmailOriginal } from './EmailOriginal.tsx';
import { mailText } from './mail-strings.ts';
import { describeWhy, MessageBoundary } from './message.tsx';
import { inboxText } from './strings.ts';
import { dateTime } from './time.ts';
import { formatBytes } from '#core/attachments.ts';

/** A transcript line as the API sends it (the optional fields the inbox reads). */
export type TranscriptLine = ThreadMessage;

/** Article titles and links by id, for the ticket's locale. */
export type ArticleIndex = ReadonlyMap<string, ArticleChoice>;

export function Thread({ ticketId, messages, locale, articles }: { ticketId: string; messages: readonly TranscriptLine[]; locale: Locale; articles: ArticleIndex }) {
  return (
    <ol className="thread">
      {messages.map((m, index) => (
        // One odd stored line (an old or malformed reason) shows as unreadable, never blanks the ticket.
        <MessageBoundary key={m.id} fallback={<li className={`msg from-${m.author}`}><p className="error">{inboxText(locale).messageUnreadable}</p></li>}>
          <MessageItem ticketId={ticketId} message={m} previous={messages[index - 1]} locale={locale} articles={articles} />
        </MessageBoundary>
      ))}
    </ol>
  );
}

/** One line of the thread or transcript. */
export function MessageItem({ ticketId, message: m, previous, locale, articles }: { ticketId: string; message: TranscriptLine; previous: TranscriptLine | undefined; locale: Locale; articles: ArticleIndex }) {
  const t = inboxText(locale);
  // After "which one did you mean?", the customer's next line is their choice.
  const chose = m.author === 'customer' && previous?.author === 'assistant' && previous.action === 'clarify';
  return (
    <li className={`msg from-${m.author}${m.internal ? ' internal' : ''}`}>
      <small>
        {m.authorName ?? t[`author_${m.author}`]}
        {m.internal ? ` · ${t.internalNote}` : ''}
        {m.email ? ` · ${mailText(locale).viaEmail}` : ''} · <LineTime message={m} locale={locale} />
      </small>
      <p>
        {chose && <strong className="chose">{t.customerChose}: </strong>}
        {m.body}
      </p>
      {m.attachments?.length > 0 && <Attachments ticketId={ticketId} files={m.attachments} locale={locale} />}
      {m.author === 'assistant' && <AssistantTurn message={m} locale={locale} articles={articles} />}
      {m.email && <EmailOriginal email={m.email} locale={locale} />}
    </li>
  );
}

/**
 * A message's files as download links with name and size (the API serves
 * them as attachments, never inline); photos with a small preview.
 */
function Attachments({ ticketId, files, locale }: { ticketId: string; files: TranscriptLine['attachments']; locale: Locale }) {
  const t = inboxText(locale);
  return (
    <ul className="attachments" aria-label={t.attachments}>
      {files.map((file) => {
        const url = `/api/agent/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(file.id)}`;
        return (
          <li key={file.id}>
            <a href={url} download={file.filename}>
              {file.contentType.startsWith('image/') && <img src={`${url}?preview=1`} alt="" loading="lazy" />}
              <span>{file.filename}</span> <small>{formatBytes(file.size, locale)}</small>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** The customer's clock for transcript lines (when they really wrote), else the server's. */
function LineTime({ message, locale }: { message: TranscriptLine; locale: Locale }) {
  const t = inboxText(locale);
  const at = message.sentAt ?? message.createdAt;
  return (
    <time dateTime={at} title={message.sentAt ? t.sentAtHint : undefined}>
      {dateTime(at, locale)}
    </time>
  );
}

/** An article as a link with its title; the id when the article is not (or no longer) on the site. */
export function ArticleLink({ id, articles, locale }: { id: string; articles: ArticleIndex; locale: Locale }) {
  const article = articles.get(id);
  if (!article) return <span>{inboxText(locale).unknownArticle(id)}</span>;
  return (
    <a href={article.url} target="_blank" rel="noopener">
      {article.title}
    </a>
  );
}

/** What the assistant did, the customer's feedback on it, and why (folded away). */
function AssistantTurn({ message: m, locale, articles }: { message: TranscriptLine; locale: Locale; articles: ArticleIndex }) {
  const t = inboxText(locale);
  const label = m.action === 'answer' ? t.turn_answer : m.action === 'clarify' ? t.turn_clarify : m.action === 'nomatch' ? t.turn_nomatch : m.action === 'rule' ? t.turn_rule : null;
  return (
    <>
      {label && (
        <p className="turn">
          {label}
          {m.articleId && (m.action === 'answer' || m.action === 'clarify') && (
            <>
              {': '}
              <ArticleLink id={m.articleId} articles={articles} locale={locale} />
            </>
          )}
          {m.helpful === true && <span className="chip">{t.helpfulYes}</span>}
          {m.helpful === false && <span className="chip no">{t.helpfulNo}</span>}
          {typeof m.ces === 'number' && <span className={`chip ces-${m.ces}`}>{t.cesGiven(m.ces)}</span>}
        </p>
      )}
      {m.why !== undefined && m.why !== null && (
        <details>
          <summary>{t.technical}</summary>
          <Why why={m.why} locale={locale} />
        </details>
      )}
    </>
  );
}

/** The assistant's explanation in the agent's language, read defensively whatever was stored (message.tsx, describeWhy). */
function Why({ why, locale }: { why: unknown; locale: Locale }) {
  const t = inboxText(locale);
  const view = describeWhy(why);
  const percent = (n: number | null) => (n === null ? '?' : `${Math.round(n * 100)}%`);
  if (view.kind === 'rule') return <p>{t.why_rule(view.ruleId || '?')}</p>;
  if (view.kind === 'pattern') return <p>{t.why_pattern(view.pattern)}</p>;
  if (view.kind === 'ranking') {
    return (
      <ul className="why">
        <li>{t.why_ranking(percent(view.score), percent(view.margin))}</li>
        {view.terms.length > 0 ? <li>{t.why_terms}: {view.terms.join(', ')}</li> : null}
        {view.phrasing ? <li>{t.why_phrasing}: “{view.phrasing}”</li> : null}
      </ul>
    );
  }
  return <pre>{view.json}</pre>;
}
