/**
 * Request schemas of the searches domain. Each field says in its error
 * message what a good value is; the validation hook prefixes the field name
 * ("query must be at most 200 characters").
 */
import { z } from '@hono/zod-openapi';
import { ILL_FORMED_MESSAGE, NUL_MESSAGE, STORABLE, WELL_FORMED } from '../http/validation.ts';
import type { Locale } from '#core/locale.ts';

/** Longest query accepted, in characters; the browser cuts at the same length. */
export const MAX_QUERY_LENGTH = 200;

// Larger than any result count, small enough for the int4 column.
const MAX_RESULT_COUNT = 2_147_483_647;

/** "is required" for a missing field, else `must be <expected>`. */
function expecting(expected: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${expected}`);
}

/**
 * Body of `POST /api/searches/failed`, for a site in `locales`. Unknown
 * fields are ignored, so an older or newer browser script still reports.
 */
export function failedSearchBodySchema(locales: readonly [Locale, ...Locale[]]) {
  return z
    .object({
      /** What the visitor typed, already redacted in the browser. */
      query: z
        .string({ error: expecting('a string') })
        .trim()
        .min(1, 'must not be empty')
        .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
        .regex(STORABLE, NUL_MESSAGE)
        .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
        .openapi({ example: 'retour zonder bon' }),
      /** Locale of the page the search ran on. */
      locale: z.enum(locales, { error: expecting(`one of ${locales.join(', ')}`) }).openapi({ example: locales[0] }),
      /** How many results the search showed. */
      resultCount: z
        .number({ error: expecting('a whole number') })
        .int('must be a whole number')
        .min(0, 'must be 0 or more')
        .max(MAX_RESULT_COUNT, `must be at most ${MAX_RESULT_COUNT}`)
        .openapi({ example: 0 }),
    })
    .openapi('FailedSearch');
}

/** A validated failed-search report. */
export type FailedSearchReport = z.infer<ReturnType<typeof failedSearchBodySchema>>;
