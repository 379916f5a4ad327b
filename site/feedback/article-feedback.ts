/**
 * "Was this helpful?" and the effort question at the end of an article, and
 * after "No" what was missing: what the browser remembers per article and
 * the anonymous signals it sends. No DOM: storage and the outbox are passed
 * in.
 *
 * Each answer is sent once, under a key made of a random id (kept per article
 * in localStorage) and the question, so a retry, a second tab, a reload or a
 * double click never counts it twice, and nothing ties the answer to a
 * person. The comment is redacted (e-mail addresses, phone numbers, long
 * numbers) before it is stored or queued: nothing personal leaves the
 * browser.
 */
import { redactAndCut } from '#core/privacy/redact.ts';
import type { Locale } from '#core/locale.ts';
import type { KeyValueStorage, Outbox } from '../chat/outbox.ts';
import { newKey } from '../chat/outbox.ts';

/**
 * Why an article was not helpful, in the order the form offers them; the
 * API's list (`UNHELPFUL_WHY`, api/db/tables/feedback.ts), written out here
 * because the browser imports no server code (a test holds them equal).
 */
export const UNHELPFUL_WHY = ['no_answer', 'unclear', 'outdated', 'other'] as const;

/** One reason of {@link UNHELPFUL_WHY}. */
export type UnhelpfulWhy = (typeof UNHELPFUL_WHY)[number];

/** Longest comment, in characters: the field's `maxlength` and the API's limit (`MAX_COMMENT_LENGTH`). */
export const MAX_COMMENT_LENGTH = 500;

/** What was missing from an article the visitor found not helpful. */
export interface UnhelpfulAnswer {
  why: UnhelpfulWhy;
  /** The comment as sent: redacted, trimmed; empty when none. */
  comment: string;
}

/** What was answered for one article in this browser. */
export interface ArticleFeedbackState {
  /** Random id behind the idempotency keys of this article's answers. */
  id: string;
  helpful?: boolean;
  /** Effort, 1 = hardly any, 5 = a lot. */
  ces?: number;
  /** After "No": what was missing. */
  unhelpful?: UnhelpfulAnswer;
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
      ...(isUnhelpful(data.unhelpful) ? { unhelpful: { why: data.unhelpful.why, comment: data.unhelpful.comment } } : {}),
    };
  } catch {
    return null;
  }
}

/** Whether `value` is a score of the 1–5 scale. */
export function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

function isUnhelpful(value: unknown): value is UnhelpfulAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const { why, comment } = value as Partial<UnhelpfulAnswer>;
  return UNHELPFUL_WHY.includes(why as UnhelpfulWhy) && typeof comment === 'string';
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

/**
 * Records what was missing after "No": redacts and cuts the comment, saves
 * it and queues one `article_unhelpful` signal under the key
 * `article-<id>-unhelpful`. Only after "No" (a RangeError otherwise: the
 * form offers it only then); given before (a double click, a second tab, a
 * reload), it is left as it was and nothing is queued. Returns the state.
 *
 * @example giveUnhelpful(localStorage, pageOutbox(), { id: 'track-parcel', locale: 'nl' }, { why: 'unclear', comment: 'mail me op jan@example.com' })
 * // { id: '…', helpful: false, unhelpful: { why: 'unclear', comment: 'mail me op [e-mail]' } }
 */
export function giveUnhelpful(
  storage: KeyValueStorage,
  outbox: Pick<Outbox, 'enqueue'>,
  article: ArticleRef,
  answer: { why: UnhelpfulWhy; comment: string },
): ArticleFeedbackState {
  const state = loadFeedback(storage, article);
  if (state?.helpful !== false) throw new RangeError('Wegwijs feedback: what was missing follows a "no" to "was this helpful"');
  if (state.unhelpful !== undefined) return state;
  if (!UNHELPFUL_WHY.includes(answer.why)) throw new RangeError(`Wegwijs feedback: the reason must be one of ${UNHELPFUL_WHY.join(', ')}, not ${answer.why}`);
  // Folded like the API stores it, then redacted and cut: what is kept here is exactly what is sent.
  const comment = redactAndCut(answer.comment.replace(/\s+/g, ' ').trim(), MAX_COMMENT_LENGTH).trim();
  const next: ArticleFeedbackState = { ...state, unhelpful: { why: answer.why, comment } };
  storage.setItem(storageKey(article), JSON.stringify(next));
  outbox.enqueue(
    '/signals',
    { type: 'article_unhelpful', articleId: article.id, locale: article.locale, why: answer.why, ...(comment === '' ? {} : { comment }) },
    `article-${state.id}-unhelpful`,
  );
  return next;
}
