/**
 * "Was this helpful?" and the effort question at the end of an article: what
 * the browser remembers per article and the anonymous signals it sends. No
 * DOM: storage and the outbox are passed in.
 *
 * Each answer is sent once, under a key made of a random id (kept per article
 * in localStorage) and the question, so a retry, a second tab or a reload
 * never counts it twice, and nothing ties the answer to a person.
 */
import type { Locale } from '#core/locale.ts';
import type { KeyValueStorage, Outbox } from '../chat/outbox.ts';
import { newKey } from '../chat/outbox.ts';

/** What was answered for one article in this browser. */
export interface ArticleFeedbackState {
  /** Random id behind the idempotency keys of this article's answers. */
  id: string;
  helpful?: boolean;
  /** Effort, 1 = hardly any, 5 = a lot. */
  ces?: number;
}

/**
 * An article as the assistant and the reports name it: its translation key
 * (the same in every locale) and the locale.
 */
export interface ArticleRef {
  id: string;
  locale: Locale;
}

const storageKey = (article: ArticleRef) => `wegwijs.feedback.${article.locale}.${article.id}`;

/** The answers given for `article`, or null when none (or the entry is unreadable). */
export function loadFeedback(storage: KeyValueStorage, article: ArticleRef): ArticleFeedbackState | null {
  try {
    const raw = storage.getItem(storageKey(article));
    if (raw === null) return null;
    const data = JSON.parse(raw) as Partial<ArticleFeedbackState>;
    if (typeof data.id !== 'string') return null;
    return {
      id: data.id,
      ...(typeof data.helpful === 'boolean' ? { helpful: data.helpful } : {}),
      ...(isScore(data.ces) ? { ces: data.ces } : {}),
    };
  } catch {
    return null;
  }
}

/** Whether `value` is a score of the 1–5 scale. */
export function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** An answer to one of the two questions. */
export type ArticleAnswer = { helpful: boolean } | { ces: number };

/**
 * Records `answer` for the article: saves it and queues the signal. A
 * question already answered in this browser is left as it was (the API
 * would count only the first anyway) and nothing is queued; returns the
 * state either way.
 */
export function giveFeedback(
  storage: KeyValueStorage,
  outbox: Pick<Outbox, 'enqueue'>,
  article: ArticleRef,
  answer: ArticleAnswer,
  makeId: () => string = newKey,
): ArticleFeedbackState {
  const state = loadFeedback(storage, article) ?? { id: makeId() };
  const question = 'helpful' in answer ? 'helpful' : 'ces';
  if (state[question] !== undefined) return state;
  if ('ces' in answer && !isScore(answer.ces)) throw new RangeError(`Wegwijs feedback: effort must be 1 to 5, not ${answer.ces}`);
  const next = { ...state, ...answer };
  storage.setItem(storageKey(article), JSON.stringify(next));
  outbox.enqueue('/signals', { type: 'article_feedback', articleId: article.id, locale: article.locale, ...answer }, `article-${state.id}-${question}`);
  return next;
}
