/**
 * Request and response schemas of the signals intake (`POST /api/signals`):
 * anonymous facts the help pages send in batches. Each item carries its own
 * idempotency key, so the browser can resend a whole batch after a lost
 * answer without anything being counted twice.
 */
import { z } from '@hono/zod-openapi';
import { expecting, NUL_MESSAGE, STORABLE, WELL_FORMED, ILL_FORMED_MESSAGE } from '../http/validation.ts';
import type { Locale } from '#core/locale.ts';
import { UNHELPFUL_WHY } from '../db/tables/feedback.ts';

/** Most signals in one batch. */
export const MAX_SIGNALS = 50;

/** Longest comment on an unhelpful article, in characters; the browser's field allows as many (site/feedback/article-feedback.ts). */
export const MAX_COMMENT_LENGTH = 500;

/** Longest failed-search query accepted, in characters; the browser cuts at the same length (site/search/client.ts). */
export const MAX_QUERY_LENGTH = 200;

// Larger than any result count, small enough for the int4 column.
const MAX_RESULT_COUNT = 2_147_483_647;

const key = z
  .string({ error: expecting('a string of 8 to 100 characters') })
  .min(8, 'must be at least 8 characters')
  .max(100, 'must be at most 100 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters without spaces')
  .openapi({ description: 'A random key (a UUID) per signal; a resend carries the same key.', example: '0f8fad5b-d9cb-469f-a165-70867728950e' });

const score = z
  .number({ error: expecting('a whole number from 1 to 5') })
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be a whole number from 1 to 5')
  .max(5, 'must be a whole number from 1 to 5');

/** Body of `POST /api/signals`, for a site in `locales`. Unknown fields are dropped. */
export function signalsBodySchema(locales: readonly [Locale, ...Locale[]]) {
  const locale = z.enum(locales, { error: expecting(`one of ${locales.join(', ')}`) }).openapi({ example: locales[0] });
  const articleFeedbackFields = z.object({
    key,
    type: z.literal('article_feedback'),
    /** The article the page shows: its translation key (or its `<locale>/<slug>` id). */
    articleId: z
      .string({ error: expecting('a string') })
      .min(1, 'must not be empty')
      .max(200, 'must be at most 200 characters')
      .regex(STORABLE, NUL_MESSAGE)
      .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
      .openapi({ example: 'track-parcel' }),
    locale,
    /** "Was this helpful?" */
    helpful: z.boolean({ error: expecting('true or false') }).optional(),
    /** The effort question: 1 = hardly any effort … 5 = a lot. */
    ces: score.optional().openapi({ example: 2 }),
  });
  const articleFeedback = articleFeedbackFields.refine((signal) => signal.helpful !== undefined || signal.ces !== undefined, {
    message: 'is required when ces is missing',
    path: ['helpful'],
  });
  const articleUnhelpful = z.object({
    key,
    type: z.literal('article_unhelpful'),
    /** The article, as for `article_feedback`. */
    articleId: articleFeedbackFields.shape.articleId,
    locale,
    /** Why the article was not helpful: no answer to the question, unclear, wrong or outdated, something else. */
    why: z.enum(UNHELPFUL_WHY, { error: expecting(`one of ${UNHELPFUL_WHY.join(', ')}`) }).openapi({ example: 'no_answer' }),
    /** What was missing, in the customer's words, redacted in the browser (and again here). Empty or left out: none. */
    comment: z
      .string({ error: expecting('a string') })
      .trim()
      .max(MAX_COMMENT_LENGTH, `must be at most ${MAX_COMMENT_LENGTH} characters`)
      .regex(STORABLE, NUL_MESSAGE)
      .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
      .optional()
      .openapi({ example: 'wat als de koerier het bij de buren heeft gelegd' }),
  });
  const failedSearch = z.object({
    key,
    type: z.literal('failed_search'),
    /** What the visitor typed, redacted in the browser (and again here). */
    query: z
      .string({ error: expecting('a string') })
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
      .regex(STORABLE, NUL_MESSAGE)
      .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
      .openapi({ example: 'retour zonder bon' }),
    locale,
    /** How many results the search showed. */
    resultCount: z
      .number({ error: expecting('a whole number') })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .max(MAX_RESULT_COUNT, `must be at most ${MAX_RESULT_COUNT}`)
      .openapi({ example: 0 }),
  });
  return z
    .object({
      signals: z
        .array(
          z.discriminatedUnion('type', [articleFeedback, articleUnhelpful, failedSearch], {
            error: expecting('article_feedback, article_unhelpful or failed_search'),
          }),
          {
            error: expecting('a list'),
          },
        )
        .min(1, 'must have at least 1 item')
        .max(MAX_SIGNALS, `must have at most ${MAX_SIGNALS} items`),
    })
    .openapi('Signals');
}

/** A validated batch. */
export type SignalsInput = z.infer<ReturnType<typeof signalsBodySchema>>;

/** One validated signal. */
export type Signal = SignalsInput['signals'][number];

/** What became of each signal, in the order sent. */
export const signalsResultSchema = z
  .object({
    results: z.array(
      z.object({
        key: z.string(),
        /** `duplicate`: this key was recorded before (or earlier in the same batch); nothing was counted twice. */
        status: z.enum(['recorded', 'duplicate']),
      }),
    ),
  })
  .openapi('SignalsRecorded');

/** Answer of the intake. */
export type SignalsResult = z.infer<typeof signalsResultSchema>;
