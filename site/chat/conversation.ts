/**
 * The chat as the customer's browser keeps it: messages, the assistant's
 * state and feedback given, saved in localStorage so the conversation
 * survives navigation and reload. Plain data and pure updates; no DOM, so
 * every rule of the widget's states is tested here without a browser.
 */
import type { Reply } from '#core/assistant/model.ts';
import type { Locale } from '#core/locale.ts';
import type { HandoffBody, PublicMessage } from '../../api/conversations/schema.ts';
import type { KeyValueStorage } from './outbox.ts';
import type { FileRef } from './attachments.ts';

/** What the assistant did for one message (a slice of its Reply, kept for the transcript). */
export interface AssistantTurn {
  action: 'answer' | 'clarify' | 'nomatch' | 'rule';
  articleId: string | null;
  /** Articles offered as buttons (clarify) or alternatives. */
  offered: string[];
  /** Ranked candidate ids, for "No" → alternatives. */
  candidates: string[];
  confidence: number;
  ruleId?: string;
  offerHandoff: boolean;
  /** The assistant's explanation, stored with the transcript for agents. */
  why: unknown;
  /** The locale of the articles this turn offers, when the customer wrote in another language than the page's. */
  locale?: Locale;
  /**
   * The answer's article as the line showed it, in the language it was answered in. A chat follows the page's
   * language ({@link loadChat}); looked up again on the English page, a Dutch answer got its English title over
   * its Dutch text, and a link to the English article.
   */
  article?: { title: string; url?: string };
  /**
   * The message as the assistant ranked it (core/assistant: `Reply.ranked`),
   * while `why.phrasing` waits for the model's phrasings, which load for a
   * hand-off only ({@link withPhrasings}). Never sent.
   */
  ranked?: string;
}

/** One line of the chat. */
export interface ChatMessage {
  id: string;
  from: 'customer' | 'assistant' | 'agent' | 'system';
  text: string;
  /** ISO time. */
  at: string;
  turn?: AssistantTurn;
  /** "Did this answer your question?" */
  helpful?: boolean;
  /** Effort score given for this answer, 1–5. */
  ces?: number;
  /** The outbox key this message went out with (a reply to the team): it shows as waiting until the API acknowledged it. */
  outboxKey?: string;
  /** A line whose text follows the state, not the moment it was written ('handoff': queued → passed on). */
  kind?: 'handoff';
  /** For agent replies: the agent's first name. */
  author?: string;
  /** A customer's pick from the buttons of the assistant's line before: the article, or null for "none of these". */
  choice?: { articleId: string | null };
  /** Files on the message (the customer's, or the agent's on a reply). */
  files?: FileRef[];
  /**
   * A customer's "ja" or "nee" typed instead of pressed: the id of the answer
   * whose "did this answer your question?" it answers. It does not move the
   * customer on from that answer, so the effort question still follows.
   */
  feedbackFor?: string;
}

/** The hand-off, once asked for. */
export interface Handoff {
  email: string;
  name?: string;
  /** Set when the API has created the ticket. */
  ticketNumber?: string;
}

/** The whole chat state that is persisted. */
export interface Chat {
  v: 1;
  locale: Locale;
  messages: ChatMessage[];
  /** The assistant's memory between messages (no-matches in a row). */
  assistantState: { noMatchStreak: number };
  /** Set once the customer asked for a person: from then on they talk to the team. */
  handoff?: Handoff;
  /**
   * The ticket of a conversation the customer started over from: its replies
   * still arrive here, while the assistant answers new questions.
   */
  earlierTicket?: Handoff;
  /** Ids of agent replies the customer has seen (the widget was open when they arrived or since). */
  seenReplies?: string[];
  /**
   * Numbers of this conversation's tickets that closed and were left behind.
   * Until a new hand-off reaches the API it still names the last of them, so
   * a poll answered in between is old news, not the new question's number.
   */
  closedTickets?: string[];
}

/** localStorage: the conversation, shared by every tab of the site (ChatWidget.tsx follows another tab's writes). */
export const CHAT_STORAGE_KEY = 'wegwijs.chat';

/** A fresh, empty chat. */
export function newChat(locale: Locale): Chat {
  return { v: 1, locale, messages: [], assistantState: { noMatchStreak: 0 } };
}

/**
 * The saved chat, or a new one. A chat follows the page's locale: the
 * messages stay, the assistant answers in the new language from then on.
 */
export function loadChat(storage: KeyValueStorage, locale: Locale): Chat {
  try {
    const raw = storage.getItem(CHAT_STORAGE_KEY);
    const saved = raw ? (JSON.parse(raw) as Chat) : null;
    if (saved && saved.v === 1 && Array.isArray(saved.messages)) return { ...saved, locale };
  } catch {
    // Corrupt or from an older version: start over rather than break the widget.
  }
  return newChat(locale);
}

/** Saves the chat. */
export function saveChat(storage: KeyValueStorage, chat: Chat): void {
  storage.setItem(CHAT_STORAGE_KEY, JSON.stringify(chat));
}

/** A chat with one more message. */
export function addMessage(chat: Chat, message: Omit<ChatMessage, 'id' | 'at'> & { id?: string; at?: string }): Chat {
  const full: ChatMessage = { id: message.id ?? globalThis.crypto.randomUUID(), at: message.at ?? new Date().toISOString(), ...message } as ChatMessage;
  return { ...chat, messages: [...chat.messages, full] };
}

/** A chat with one message changed. */
export function updateMessage(chat: Chat, id: string, change: Partial<ChatMessage>): Chat {
  return { ...chat, messages: chat.messages.map((m) => (m.id === id ? { ...m, ...change } : m)) };
}

/**
 * Whether the customer has moved on from message `id`: they wrote or chose
 * something after it. Questions still open on a message they moved on from
 * (did this answer, effort, the offered articles) are no longer asked.
 */
export function movedOn(chat: Chat, id: string): boolean {
  const index = chat.messages.findIndex((m) => m.id === id);
  // Writing again, or asking for a person, is moving on: the questions about this answer no longer apply.
  return index >= 0 && chat.messages.slice(index + 1).some((m) => (m.from === 'customer' && m.feedbackFor !== id) || m.kind === 'handoff');
}

/** What the widget still asks about an answer: first "did this answer", then the effort score, once each. */
export type FeedbackStep = 'helpful' | 'effort' | 'thanks' | 'none';

/** The next feedback question for an answer, or 'none' when the customer moved on or it is not an answer. */
export function feedbackStep(chat: Chat, message: ChatMessage): FeedbackStep {
  if (message.turn?.action !== 'answer') return 'none';
  if (message.ces !== undefined) return 'thanks';
  if (movedOn(chat, message.id)) return 'none';
  return message.helpful === undefined ? 'helpful' : 'effort';
}

/**
 * Where each answer's effort question shows: under the assistant's last line
 * of the exchange about that answer ("glad I could help", after a pressed or
 * typed "ja") rather than inside the answer, which has scrolled up by then on
 * a phone. Maps the line's id to the answer; answers not listed keep their
 * questions themselves.
 */
export function feedbackHosts(chat: Chat): Map<string, ChatMessage> {
  const hosts = new Map<string, ChatMessage>();
  chat.messages.forEach((answer, index) => {
    if (answer.turn?.action !== 'answer' || answer.helpful === undefined) return;
    let host: ChatMessage | undefined;
    for (const line of chat.messages.slice(index + 1)) {
      // The customer's typed answers belong to the exchange; the questions show under the assistant's lines only.
      if (line.from === 'customer' && line.feedbackFor === answer.id) continue;
      if (line.from !== 'assistant' || line.turn || line.kind) break;
      host = line;
    }
    if (host) hosts.set(host.id, answer);
  });
  return hosts;
}

/** The answer whose "did this answer your question?" is the open question now, if any. */
export function askedHelpful(chat: Chat): ChatMessage | undefined {
  const latest = latestTurn(chat);
  return latest && feedbackStep(chat, latest) === 'helpful' ? latest : undefined;
}

/** The assistant's latest turn (an answer, an offer, a rule's reply): whatever the widget asks now, it asks there. */
function latestTurn(chat: Chat): ChatMessage | undefined {
  return chat.messages.findLast((m) => m.from === 'assistant' && m.turn !== undefined);
}

/** The answer whose effort question (1–5) is the open question now, if any. */
export function askedEffort(chat: Chat): ChatMessage | undefined {
  const latest = latestTurn(chat);
  return latest && feedbackStep(chat, latest) === 'effort' ? latest : undefined;
}

/**
 * A typed effort score ("2", "4!", "3/5"): customers answer the scale in the
 * text field as often as on its buttons. Null for anything else, so "2
 * pakketten" stays a question.
 */
export function typedScore(text: string): number | null {
  const score = /^\s*([1-5])\s*(?:\/\s*5)?\s*[.!]*\s*$/.exec(text)?.[1];
  return score === undefined ? null : Number(score);
}

/** The assistant's offered articles ("did you mean one of these?") that are the open question now, if any. */
export function askedWhichArticle(chat: Chat): ChatMessage | undefined {
  const latest = latestTurn(chat);
  return latest && (latest.turn?.offered.length ?? 0) > 0 && !movedOn(chat, latest.id) ? latest : undefined;
}

/**
 * Whether the assistant's latest turn found nothing. Its words ask the
 * customer to put it differently or let a person look, so a typed "ja" there
 * means the person: the word alone is no question to answer.
 */
export function lastFoundNothing(chat: Chat): boolean {
  const latest = chat.messages.at(-1);
  return latest?.from === 'assistant' && latest.turn?.action === 'nomatch' && !chat.handoff;
}

const TYPED_YES: Record<Locale, string> = {
  nl: ' ja jaa jep jup jawel zeker klopt yes yep ja hoor ja zeker ',
  en: ' yes yeah yep yup sure it did yes it did that helped ',
};
const TYPED_NO: Record<Locale, string> = {
  nl: ' nee neen nope no nee hoor niet echt helaas niet nee helaas ',
  en: ' no nope nah not really it didnt no it didnt didnt help ',
};
/** A typed message as letters and single spaces only: "Ja, bedankt!" is "ja bedankt", "didn't" is "didnt". */
function lettersOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
}

/** Thanks or a please that may follow a typed yes ("ja bedankt", "ja graag", "yes please"). */
const TYPED_THANKS = / (bedankt|dank je|dankjewel|dank u wel|dank u|merci|thanks|thank you|thx|graag|alsjeblieft|alstublieft|aub|svp|please|pls|plz)$/;

/**
 * A typed yes or no to the widget's own question ("did this answer your
 * question?", "would you like a person to help you?"): true, false, or null
 * for anything else. Customers type "ja" or "nee hoor" instead of pressing the
 * button; the assistant would take the word for a new question and not find
 * an article for it.
 */
export function typedYesOrNo(text: string, locale: Locale): boolean | null {
  const said = lettersOf(text);
  // Each list is space-delimited, so a whole phrase matches and never a part of one.
  if (said !== '' && TYPED_NO[locale].includes(` ${said} `)) return false;
  const yes = said.replace(TYPED_THANKS, '');
  return yes !== '' && TYPED_YES[locale].includes(` ${yes} `) ? true : null;
}

/** Words that make a thanks a "no, thanks" ("nee, toch bedankt", "not really, thanks"). */
const NEGATIONS = new Set(['nee', 'neen', 'nope', 'niet', 'geen', 'no', 'not', 'nah', 'didnt']);

/**
 * A thanks typed under "did this answer your question?" ("top, bedankt!",
 * "thx"): a yes. Customers thank instead of pressing Ja, and the effort
 * question that follows a yes is where the CES comes from. The assistant's
 * own thanks rule decides what a thanks is, so a question beside it
 * ("bedankt, maar hoe stuur ik het terug?") still goes to the assistant, and
 * a no beside it never counts.
 */
export function thanksAsYes(reply: Pick<Reply, 'action' | 'ruleId'>, text: string): boolean {
  if (reply.action !== 'rule' || reply.ruleId !== 'thanks') return false;
  return !lettersOf(text)
    .split(' ')
    .some((word) => NEGATIONS.has(word));
}

/**
 * Whether to offer a person: some assistant turn since the customer's last
 * message offered one (a second no-match, a "no", "none of these"). A later
 * line of the assistant in the same exchange ("glad I could help") does not
 * take the offer back.
 */
export function handoffOffered(chat: Chat): boolean {
  if (chat.handoff) return false;
  let lastCustomer = -1;
  chat.messages.forEach((m, i) => {
    if (m.from === 'customer') lastCustomer = i;
  });
  return chat.messages.slice(lastCustomer + 1).some((m) => m.from === 'assistant' && m.turn?.offerHandoff === true);
}

/**
 * A new conversation with the assistant, started over from `chat`. An open
 * ticket stays linked (its replies still arrive here) and the replies already
 * seen stay seen; what is queued in the outbox is not this function's
 * business and is never dropped.
 */
export function startOver(chat: Chat, ticketClosed: boolean): Chat {
  const ticket = chat.handoff ?? chat.earlierTicket;
  const closedTickets = ticketClosed ? leftBehind(chat) : chat.closedTickets;
  return {
    ...newChat(chat.locale),
    ...(ticket && !ticketClosed ? { earlierTicket: ticket } : {}),
    ...(chat.seenReplies ? { seenReplies: chat.seenReplies } : {}),
    ...(closedTickets?.length ? { closedTickets } : {}),
  };
}

/** The chat's closed tickets with the one it links now added (it is being left behind, closed). */
function leftBehind(chat: Chat): string[] {
  const number = linkedTicket(chat)?.ticketNumber;
  const before = chat.closedTickets ?? [];
  return number && !before.includes(number) ? [...before, number] : before;
}

/** Whether `number` is a ticket this chat left behind closed: what the API says of it is not about the current hand-off. */
export function isLeftBehind(chat: Chat, number: string): boolean {
  return chat.closedTickets?.includes(number) ?? false;
}

/** The ticket whose replies this chat shows: the current hand-off, else one kept over a start-over. */
export function linkedTicket(chat: Chat): Handoff | undefined {
  return chat.handoff ?? chat.earlierTicket;
}

/** One message of the ticket's public thread, as the API lists it (its schema, as a type only). */
export type AgentReply = PublicMessage;

/**
 * The chat with the agent replies it did not have yet, each once (by the
 * API's message id, also across a start-over). Returns the same object when
 * nothing is new.
 */
export function addReplies(chat: Chat, replies: AgentReply[]): Chat {
  const known = new Set([...chat.messages.map((m) => m.id), ...(chat.seenReplies ?? []).map((id) => `agent-${id}`)]);
  let next = chat;
  for (const reply of replies) {
    if (reply.author !== 'agent' || known.has(`agent-${reply.id}`)) continue;
    const author = reply.authorName?.trim().split(/\s+/)[0];
    next = addMessage(next, {
      id: `agent-${reply.id}`,
      from: 'agent',
      text: reply.body,
      at: reply.createdAt,
      ...(author ? { author } : {}),
      ...filesOf(reply),
    });
  }
  return next;
}

/** `{ files }` of a thread message that has attachments, else nothing. */
function filesOf(message: AgentReply): { files?: FileRef[] } {
  const files = (message.attachments ?? []).map((a) => ({ id: a.id, name: a.filename, size: a.size }));
  return files.length > 0 ? { files } : {};
}

/** The lines {@link withTicket} may add. */
export interface TicketLines {
  /** After a start-over: the kept ticket stays open. */
  kept: (number: string) => string;
  /** The conversation went on in a newer ticket (a new question after a closed one, perhaps from another device). */
  continues: (number: string) => string;
  /** The hand-off line of a ticket that is no longer the current one, frozen with its number. */
  sent: (number: string) => string;
}

/**
 * The chat with its hand-off lines written out for good: the line of a
 * hand-off follows the state while its ticket is the current one; once the
 * conversation moves on to another ticket, it keeps the number it had.
 */
function freezeHandoffLines(chat: Chat, sent: (number: string) => string): Chat {
  const number = chat.handoff?.ticketNumber;
  if (!number) return chat;
  return { ...chat, messages: chat.messages.map(({ kind, ...m }) => (kind === 'handoff' ? { ...m, text: sent(number) } : kind ? { ...m, kind } : m)) };
}

/**
 * The chat after hearing from the API about its (newest) ticket: the ticket
 * number on the hand-off (or, after a start-over, on the kept ticket, with a
 * line saying it stays open; or, when the conversation went on in a newer
 * ticket, that number with a line saying so), the new agent replies, marked
 * as seen when the customer has the widget open. The same object when
 * nothing changed, so a caller can tell news from no news.
 */
export function withTicket(chat: Chat, ticket: { number: string; messages: AgentReply[] }, open: boolean, lines: TicketLines): Chat {
  let next = chat;
  if (next.handoff && !next.handoff.ticketNumber) next = { ...next, handoff: { ...next.handoff, ticketNumber: ticket.number } };
  else if (next.handoff?.ticketNumber && next.handoff.ticketNumber !== ticket.number) {
    const handoff = { ...next.handoff, ticketNumber: ticket.number };
    next = addMessage({ ...freezeHandoffLines(next, lines.sent), handoff }, { from: 'system', text: lines.continues(ticket.number) });
  }
  // Started over before the queued hand-off went out: the ticket is still theirs, now with its number.
  if (next.earlierTicket && !next.earlierTicket.ticketNumber) {
    next = addMessage({ ...next, earlierTicket: { ...next.earlierTicket, ticketNumber: ticket.number } }, { from: 'system', text: lines.kept(ticket.number) });
  }
  next = addReplies(next, ticket.messages);
  return open ? markRepliesSeen(next) : next;
}

/** Agent replies in the chat the customer has not seen yet, oldest first. */
export function unreadReplies(chat: Chat): ChatMessage[] {
  const seen = new Set((chat.seenReplies ?? []).map((id) => `agent-${id}`));
  return chat.messages.filter((m) => m.from === 'agent' && !seen.has(m.id));
}

/** The chat with every agent reply marked as seen; the same object when nothing changes. */
export function markRepliesSeen(chat: Chat): Chat {
  const unread = unreadReplies(chat);
  if (unread.length === 0) return chat;
  return { ...chat, seenReplies: [...(chat.seenReplies ?? []), ...unread.map((m) => m.id.replace(/^agent-/, ''))] };
}

/** A line said before the hand-off, as the API gives it back with a link. */
export interface TranscriptLine {
  from: 'customer' | 'assistant';
  text: string;
  at: string;
}

/**
 * The chat of a conversation opened from the link in an e-mail, on a device
 * that did not have it: the conversation with the team as the API keeps it
 * (what was said before the hand-off, the customer's messages and the team's
 * replies, all seen now), linked to
 * its ticket, and a line `openedLine(number)` saying where the customer is.
 */
export function restoredChat(
  locale: Locale,
  ticket: { number: string; messages: AgentReply[] },
  openedLine: (number: string) => string,
  transcript: TranscriptLine[] = [],
): Chat {
  let thread: Chat = newChat(locale);
  for (const m of ticket.messages) {
    if (m.author === 'agent') continue;
    thread = addMessage(thread, { id: `thread-${m.id}`, from: m.author === 'customer' ? 'customer' : 'system', text: m.body, at: m.createdAt, ...filesOf(m) });
  }
  // Agent replies take the same ids as when polled, so they are never added twice.
  thread = addReplies(thread, ticket.messages);
  // The thread in the server's order of time; the transcript (the browser's clock) before it.
  const before = transcript.map((line, i) => ({ id: `transcript-${i}`, from: line.from, text: line.text, at: line.at }));
  const chat: Chat = {
    ...thread,
    handoff: { email: '', ticketNumber: ticket.number },
    messages: [...before, ...[...thread.messages].sort((a, b) => a.at.localeCompare(b.at))],
  };
  return markRepliesSeen(addMessage(chat, { from: 'system', text: openedLine(ticket.number) }));
}

/**
 * The chat after the customer wrote to a closed ticket (a closed ticket never
 * opens again): the ticket is no longer linked, the assistant's state is
 * kept, and the customer's words go into a new hand-off (the caller fills the
 * form with them). The line `closedLine` says why.
 */
export function afterClosedTicket(chat: Chat, closedLine: string, sent: (number: string) => string): Chat {
  const { handoff: _handoff, earlierTicket: _earlier, ...rest } = freezeHandoffLines(chat, sent);
  const closedTickets = leftBehind(chat);
  return addMessage({ ...rest, ...(closedTickets.length > 0 ? { closedTickets } : {}) }, { from: 'system', text: closedLine });
}

/**
 * The chat with the explanation's closest phrasing filled in for each turn
 * that waited for it (`ranked` set): `find` gives it, or undefined when the
 * phrasings could not be had (then the explanation says none, as for a
 * message that shares no word with the article).
 */
export function withPhrasings(chat: Chat, find: (turn: AssistantTurn & { articleId: string; ranked: string }) => string | null | undefined): Chat {
  if (!chat.messages.some((m) => m.turn?.ranked !== undefined)) return chat;
  return {
    ...chat,
    messages: chat.messages.map((m) => {
      if (!m.turn || m.turn.ranked === undefined) return m;
      const { ranked, ...turn } = m.turn;
      const phrasing = turn.articleId === null ? null : (find({ ...turn, articleId: turn.articleId, ranked }) ?? null);
      const why = typeof turn.why === 'object' && turn.why !== null ? { ...turn.why, phrasing } : turn.why;
      return { ...m, turn: { ...turn, why } };
    }),
  };
}

/** The transcript sent with a hand-off: every message, with the assistant's reasons, the articles it offered and the customer's picks. */
export function transcriptOf(chat: Chat): HandoffBody['transcript'] {
  return chat.messages.map((m) => ({
    from: m.from,
    text: m.text,
    at: m.at,
    ...(m.turn ? { articleId: m.turn.articleId, action: m.turn.action, why: m.turn.why } : {}),
    // What was on offer and what was picked: the agent reads "offered A, B, C; the customer chose B".
    ...(m.turn && m.turn.offered.length > 0 ? { offered: m.turn.offered } : {}),
    ...(m.choice ? { choice: m.choice } : {}),
    ...(m.ces !== undefined ? { ces: m.ces } : {}),
    ...(m.helpful !== undefined ? { helpful: m.helpful } : {}),
  }));
}
