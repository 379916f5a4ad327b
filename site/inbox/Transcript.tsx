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
import { chatText as dutchChat } from '../chat/strings/nl.ts';
import { chatText as englishChat } from '../chat/strings/en.ts';

/** The widget's "None of these" button, in each language: a line that says only that was pressed, not typed. */
const NONE_BUTTONS = new Set([dutchChat.chatNoneOfThese, englishChat.chatNoneOfThese]);

/** The pattern the widget writes when the customer picked an offered article. */
const PICKED_PATTERN = 'picked from the offered articles';

/** A transcript line as the API sends it (the optional fields the inbox reads). */
export type TranscriptLine = ThreadMessage;

/** Article titles and links by id, for the ticket's locale. */
export type ArticleIndex = ReadonlyMap<string, ArticleChoice>;

export function Thread({
  ticketId,
  messages,
  locale,
  articles,
}: {
  ticketId: string;
  messages: readonly TranscriptLine[];
  locale: Locale;
  articles: ArticleIndex;
}) {
  return (
    <ol className="thread">
      {messages.map((m, index) => (
        // One odd stored line (an old or malformed reason) shows as unreadable, never blanks the ticket.
        <MessageBoundary
          key={m.id}
          fallback={
            <li className={`msg from-${m.author}`}>
              <p className="error">{inboxText(locale).messageUnreadable}</p>
            </li>
          }
        >
          <MessageItem ticketId={ticketId} message={m} previous={messages[index - 1]} next={messages[index + 1]} locale={locale} articles={articles} />
        </MessageBoundary>
      ))}
    </ol>
  );
}

/** One line of the thread or transcript. */
export function MessageItem({
  ticketId,
  message: m,
  previous,
  next,
  locale,
  articles,
}: {
  ticketId: string;
  message: TranscriptLine;
  previous: TranscriptLine | undefined;
  next?: TranscriptLine | undefined;
  locale: Locale;
  articles: ArticleIndex;
}) {
  const t = inboxText(locale);
  return (
    <li className={`msg from-${m.author}${m.internal ? ' internal' : ''}`}>
      <small>
        {m.authorName ?? t[`author_${m.author}`]}
        {m.internal ? ` · ${t.internalNote}` : ''}
        {m.email ? ` · ${mailText(locale).viaEmail}` : ''} · <LineTime message={m} locale={locale} />
      </small>
      {m.author === 'customer' ? <CustomerLine message={m} previous={previous} locale={locale} articles={articles} /> : <p>{m.body}</p>}
      {m.attachments?.length > 0 && <Attachments ticketId={ticketId} files={m.attachments} locale={locale} />}
      {m.author === 'assistant' && <AssistantTurn message={m} picked={next?.choice ?? null} locale={locale} articles={articles} />}
      {m.email && <EmailOriginal email={m.email} locale={locale} />}
    </li>
  );
}

/**
 * A customer's line: a pick from the assistant's buttons says so ("Chose:"
 * and the article as a link, or "none of these", with the customer's words
 * when they typed it); typed text is shown as typed. Transcripts from before picks were stored (no `choice`) still mark
 * the line after a "did you mean" as the choice, with the text the button had.
 */
function CustomerLine({
  message: m,
  previous,
  locale,
  articles,
}: {
  message: TranscriptLine;
  previous: TranscriptLine | undefined;
  locale: Locale;
  articles: ArticleIndex;
}) {
  const t = inboxText(locale);
  if (m.choice) {
    return (
      <p>
        <strong className="chose">{t.customerChose}: </strong>
        {m.choice.articleId === null ? t.choseNone : <ArticleLink id={m.choice.articleId} articles={articles} locale={locale} />}
        {/* "niet echt" typed to the offered articles is that choice too: the customer's own words stay visible. */}
        {m.choice.articleId === null && m.body && !NONE_BUTTONS.has(m.body) && <span className="typed"> ({m.body})</span>}
      </p>
    );
  }
  const chose = m.transcript && previous?.author === 'assistant' && previous.action === 'clarify';
  return (
    <p>
      {chose && <strong className="chose">{t.customerChose}: </strong>}
      {m.body}
    </p>
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

/**
 * What the assistant did, the articles it offered (the one the customer
 * picked next marked), the customer's feedback on it, and why (folded away).
 */
function AssistantTurn({
  message: m,
  picked,
  locale,
  articles,
}: {
  message: TranscriptLine;
  picked: TranscriptLine['choice'];
  locale: Locale;
  articles: ArticleIndex;
}) {
  const t = inboxText(locale);
  const offered = m.offered ?? [];
  const label =
    m.action === 'answer'
      ? t.turn_answer
      : m.action === 'clarify'
        ? // A "no" with no other article to offer: the widget offers a person instead.
          offered.length > 0
          ? t.turn_asked
          : m.articleId
            ? t.turn_clarify
            : t.turn_offeredPerson
        : m.action === 'nomatch'
          ? t.turn_nomatch
          : m.action === 'rule'
            ? t.turn_rule
            : null;
  return (
    <>
      {label && (
        <p className="turn">
          {label}
          {m.articleId && (m.action === 'answer' || (m.action === 'clarify' && offered.length === 0)) && (
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
      {offered.length > 0 && (
        <div className="offered">
          {t.offered}:
          <ol>
            {offered.map((id) => (
              <li key={id}>
                <ArticleLink id={id} articles={articles} locale={locale} />
                {picked?.articleId === id && <span className="chip">{t.picked}</span>}
              </li>
            ))}
          </ol>
          {picked && picked.articleId === null && <p className="muted small">{t.choseNone}</p>}
        </div>
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
  // The widget's own rules (site/chat/ChatWidget.tsx) said in words; content rules by their id.
  if (view.kind === 'rule' && view.ruleId === 'not-helpful') return <p>{t.why_notHelpful}</p>;
  if (view.kind === 'rule' && view.ruleId === 'none-of-these') return <p>{t.why_noneOfThese}</p>;
  if (view.kind === 'rule') return <p>{t.why_rule(view.ruleId || '?')}</p>;
  // The widget's own reason for a pick from its buttons (site/chat/ChatWidget.tsx): said in words.
  if (view.kind === 'pattern' && view.pattern === PICKED_PATTERN) return <p>{t.why_picked}</p>;
  if (view.kind === 'pattern') return <p>{t.why_pattern(view.pattern)}</p>;
  if (view.kind === 'ranking') {
    return (
      <ul className="why">
        <li>{t.why_ranking(percent(view.score), percent(view.margin))}</li>
        {view.terms.length > 0 ? (
          <li>
            {t.why_terms}: {view.terms.join(', ')}
          </li>
        ) : null}
        {view.phrasing ? (
          <li>
            {t.why_phrasing}: “{view.phrasing}”
          </li>
        ) : null}
      </ul>
    );
  }
  return <pre>{view.json}</pre>;
}
