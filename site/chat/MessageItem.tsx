/**
 * One line of the thread: who said it (for screen readers; agents by first
 * name and time), the text (always as text: replies keep their line breaks
 * through CSS, never through HTML), the answer's article, the offered
 * articles with "None of these", the questions after an answer, the offer
 * of a person and, for what goes to the team, whether it is still waiting.
 */
import type { Locale } from '#core/locale.ts';
import type { AssistantModel } from '#core/assistant/model.ts';
import { chatText } from './strings.ts';
import type { ChatMessage, FeedbackStep } from './conversation.ts';
import { Feedback } from './Feedback.tsx';
import { formatBytes } from '#core/attachments.ts';
import type { FileRef } from './attachments.ts';

type Article = AssistantModel['articles'][number];

/** A ticket number in a line of text (`WW-1042`, api/db/tables/tickets.ts). */
const TICKET_NUMBER = /WW-\d+/g;

/**
 * `text` with each ticket number kept on one line: on a phone the line broke at its hyphen ("WW-" / "1010"), and
 * a number in two halves is misread and mistyped. A span, not a non-breaking hyphen, so copying and searching find
 * the number as the customer got it by e-mail.
 */
export function withWholeTicketNumbers(text: string): React.ReactNode[] {
  const parts: React.ReactNode[] = [];
  let from = 0;
  for (const match of text.matchAll(TICKET_NUMBER)) {
    parts.push(
      text.slice(from, match.index),
      <span key={match.index} className="chat-ticket">
        {match[0]}
      </span>,
    );
    from = match.index + match[0].length;
  }
  parts.push(text.slice(from));
  return parts;
}

interface Props {
  message: ChatMessage;
  locale: Locale;
  /** The line's text as it reads now (the hand-off line follows its state). */
  text: string;
  article: (id: string | null) => Article | undefined;
  /** Offer the clarify buttons (the customer has not moved on). */
  choices: boolean;
  feedback: FeedbackStep;
  /** Show "Talk to a person" under this line. */
  offerPerson: boolean;
  /** "Sending…" or "Waiting for a connection…" while the outbox holds it; '' once acknowledged. */
  waiting: string;
  /** Set when the outbox gave up on this message: it says so, and "try again" puts it back. */
  notSent?: { label: string; retryLabel: string; onRetry: () => void };
  onPick: (articleId: string) => void;
  onNone: () => void;
  onHelpful: (helpful: boolean) => void;
  onCes: (score: number) => void;
  onPerson: () => void;
  /** Where the conversation's files are (`/api/conversations/{id}/attachments/`); a plain link cannot carry the token, so a click goes through `onDownload`. */
  filesAt: string;
  /** Saves one of the message's files (fetched with the conversation's token). */
  onDownload: (file: FileRef) => void;
}

export function MessageItem({
  message,
  locale,
  text,
  article,
  choices,
  feedback,
  offerPerson,
  waiting,
  notSent,
  onPick,
  onNone,
  onHelpful,
  onCes,
  onPerson,
  filesAt,
  onDownload,
}: Props) {
  const t = chatText(locale);
  // As it was answered (the title and address kept with the line); lines saved before they were kept: looked up.
  const shown = message.turn?.action === 'answer' ? (message.turn.article ?? article(message.turn.articleId)) : undefined;
  const speaker = { customer: t.youSay, agent: t.agentSays, assistant: t.assistantSays, system: '' }[message.from];
  const time = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(message.at));
  return (
    // tabIndex -1: focus moves here after a choice, so the customer hears and sees what came of it.
    <li className={`from-${message.from}`} tabIndex={-1}>
      {speaker && message.from !== 'agent' && <span className="sr-only">{speaker}: </span>}
      {message.from === 'agent' && (
        <span className="chat-byline">
          {message.author ?? t.agentSays} · <time dateTime={message.at}>{time}</time>
        </span>
      )}
      {shown && <strong>{shown.title}</strong>}
      {text && <p>{withWholeTicketNumbers(text)}</p>}
      {message.files && (
        <ul className="chat-files" aria-label={t.attachDownload}>
          {message.files.map((file) => (
            <li key={file.id}>
              <a
                href={filesAt + file.id}
                download={file.name}
                onClick={(event) => {
                  event.preventDefault();
                  onDownload(file);
                }}
              >
                {file.name}
              </a>{' '}
              ({formatBytes(file.size, locale)})
            </li>
          ))}
        </ul>
      )}
      {waiting && !notSent && <span className="chat-waiting">{waiting}</span>}
      {notSent && (
        <span className="chat-waiting chat-not-sent" role="status">
          {withWholeTicketNumbers(notSent.label)}{' '}
          <button type="button" onClick={notSent.onRetry}>
            {notSent.retryLabel}
          </button>
        </span>
      )}
      {shown?.url && <a href={shown.url}>{t.chatReadArticle}</a>}
      {choices && message.turn && (
        <div className="chat-options">
          {message.turn.offered.map((id) => (
            <button type="button" key={id} onClick={() => onPick(id)}>
              {article(id)?.title ?? id}
            </button>
          ))}
          <button type="button" className="chat-none" onClick={onNone}>
            {t.chatNoneOfThese}
          </button>
        </div>
      )}
      {!choices && message.turn && message.turn.offered.length > 0 && (
        // Moved on past the offer: the articles stay as links, so "Perhaps one of these helps:" does not dangle.
        <ul className="chat-offered">
          {message.turn.offered.map((id) => {
            const offered = article(id);
            return offered ? (
              <li key={id}>
                <a href={offered.url}>{offered.title}</a>
              </li>
            ) : null;
          })}
        </ul>
      )}
      <Feedback step={feedback} locale={locale} onHelpful={onHelpful} onCes={onCes} />
      {offerPerson && (
        <div className="chat-handoff-offer">
          {message.text !== t.chatOfferHandoff && <p>{t.chatOfferHandoff}</p>}
          <button type="button" onClick={onPerson}>
            {t.chatTalkToPerson}
          </button>
        </div>
      )}
    </li>
  );
}
