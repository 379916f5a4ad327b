/**
 * The chat as the customer's browser keeps it: messages, the assistant's
 * state and feedback given, saved in localStorage so the conversation
 * survives navigation and reload. Plain data and pure updates; no DOM.
 */
import type { Locale } from '#core/locale.ts';
import type { KeyValueStorage } from './outbox.ts';

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
  handoff?: Handoff;
}

const STORAGE_KEY = 'wegwijs.chat';

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
    const raw = storage.getItem(STORAGE_KEY);
    const saved = raw ? (JSON.parse(raw) as Chat) : null;
    if (saved && saved.v === 1 && Array.isArray(saved.messages)) return { ...saved, locale };
  } catch {
    // Corrupt or from an older version: start over rather than break the widget.
  }
  return newChat(locale);
}

/** Saves the chat. */
export function saveChat(storage: KeyValueStorage, chat: Chat): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(chat));
}

/** Forgets the saved chat (restart). */
export function clearChat(storage: KeyValueStorage): void {
  storage.removeItem(STORAGE_KEY);
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

/** The transcript sent with a hand-off: every message, with the assistant's reasons. */
export function transcriptOf(chat: Chat): { from: ChatMessage['from']; text: string; at: string; articleId?: string | null; action?: string; why?: unknown; ces?: number; helpful?: boolean }[] {
  return chat.messages.map((m) => ({
    from: m.from,
    text: m.text,
    at: m.at,
    ...(m.turn ? { articleId: m.turn.articleId, action: m.turn.action, why: m.turn.why } : {}),
    ...(m.ces !== undefined ? { ces: m.ces } : {}),
    ...(m.helpful !== undefined ? { helpful: m.helpful } : {}),
  }));
}
