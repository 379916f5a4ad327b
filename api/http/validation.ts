/**
 * Pieces the routes share: schema helpers and body limits. Messages complete "<field> …", since
 * the validation hook puts the field's name in front ("score must be a whole
 * number from 1 to 5").
 */
import { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody, errorBodySchema } from './errors.ts';

/** "is required" for a missing field, else `must be <expected>`: the error option of a zod type. */
export function expecting(expected: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${expected}`);
}

/**
 * Text PostgreSQL can store: anything but U+0000, which neither `text` nor
 * `jsonb` accepts. Used with {@link WELL_FORMED} as
 * `.regex(STORABLE, NUL_MESSAGE).regex(WELL_FORMED, ILL_FORMED_MESSAGE)`, the
 * pair every text field of a request carries.
 */
export const STORABLE = /^[^\u0000]*$/;

/** The message for text with U+0000 in it. */
export const NUL_MESSAGE = 'must not contain NUL characters';

/**
 * Well-formed UTF-16: no unpaired surrogate (half of an emoji, e.g. from a
 * cut made by code units). JSON's `\ud83d` escape can carry one into a
 * string; PostgreSQL refuses it (`jsonb`, and PGlite's `text`), so it is a
 * 400 here rather than a 500 there. With the `u` flag a paired surrogate is
 * one code point, so `\p{Cs}` matches only the unpaired ones.
 */
export const WELL_FORMED = /^\P{Cs}*$/u;

/** The message for text with an unpaired surrogate in it. */
export const ILL_FORMED_MESSAGE = 'must be well-formed Unicode text (it contains half of a surrogate pair)';

/** Whether `text` is storable: no U+0000, no unpaired surrogate. */
export function isStorableText(text: string): boolean {
  return STORABLE.test(text) && WELL_FORMED.test(text);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` looks like one of our ids; anything else cannot exist, so the route answers 404 without a query. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** A path parameter holding an id. Not validated as a UUID here: a malformed id is "not found" (404), not a bad request. */
export function idParamSchema<Name extends string>(name: Name, description: string) {
  const id = z.string().openapi({ param: { name, in: 'path' }, description, example: '3f2c1b7e-8a4d-4c1e-9f1a-2b3c4d5e6f70' });
  return z.object({ [name]: id } as Record<Name, typeof id>);
}

/** A JSON body's size limit, as the routes declare it in their middleware. */
export const KB = 1024;

/**
 * Refuses bodies over `maxBytes` with 413 and the usual JSON error, whether
 * or not the client declared a Content-Length.
 *
 * @example middleware: [limitBody(8 * KB)]
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // The rest of the body is never read, so the connection cannot carry another request: answer with
      // `Connection: close` and close it (RFC 9112, 9.6), rather than leave a keep-alive client waiting on it.
      // Node's own flag, since @hono/node-server drops a Connection header set on the Response.
      const outgoing = (c.env as { outgoing?: { shouldKeepAlive?: boolean } } | undefined)?.outgoing;
      if (outgoing) outgoing.shouldKeepAlive = false;
      return c.json(errorBody(`the request body must be at most ${maxBytes} bytes`), 413);
    },
  });
}

/** The OpenAPI description of an error response. */
export function errorResponse(description: string) {
  return { description, content: json(errorBodySchema) };
}

/** The OpenAPI `content` of a JSON body or response: `{ 'application/json': { schema } }`. */
export function json<T>(schema: T) {
  return { 'application/json': { schema } };
}
