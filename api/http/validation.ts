/**
 * Pieces the routes share: schema helpers and body limits. Messages complete "<field> …", since
 * the validation hook puts the field's name in front ("score must be a whole
 * number from 1 to 5").
 */
import { z } from '@hono/zod-openapi';
import type { IncomingMessage } from 'node:http';
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

/** How long a refused body is still read, at most, after the 413 (see {@link drainThenClose}). */
const DRAIN_MS = 10_000;

/**
 * How much of a refused body is still read: twice the route's limit (a 12 MB photo to a 10 MB route is read to
 * its end, a 1 GB one is not), at least this (see {@link drainThenClose}).
 */
const DRAIN_BYTES = 1024 * 1024;

/** How a route's 413 names what was too large: the request field at fault, and the `code` a client says it with. */
export interface TooLarge {
  /** The request field at fault (`file`). */
  field: string;
  /** The message, completing "<field> …" like the validation messages (`must be at most 10 MB`). */
  message: string;
  /** What the widget and the inbox put in the person's language (core/attachments.ts). */
  code: string;
}

/**
 * Refuses bodies over `maxBytes` with 413 and the usual JSON error, whether
 * or not the client declared a Content-Length; with `tooLarge`, naming the
 * field and a `code` the client says in the person's language. A client
 * still sending gets to read that answer ({@link drainThenClose}).
 *
 * @example middleware: [limitBody(8 * KB)]
 */
export function limitBody(maxBytes: number, tooLarge?: TooLarge): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      // The rest of the body is not taken, so the connection cannot carry another request: answer with
      // `Connection: close` (RFC 9112, 9.6), rather than leave a keep-alive client waiting on it.
      // Node's own flag, since @hono/node-server drops a Connection header set on the Response.
      const env = c.env as { incoming?: IncomingMessage; outgoing?: { shouldKeepAlive?: boolean } } | undefined;
      if (env?.outgoing) env.outgoing.shouldKeepAlive = false;
      if (env?.incoming) drainThenClose(env.incoming, Math.max(DRAIN_BYTES, 2 * maxBytes));
      if (tooLarge) return c.json({ ...errorBody(`${tooLarge.field} ${tooLarge.message}`, tooLarge.field), code: tooLarge.code }, 413);
      return c.json(errorBody(`the request body must be at most ${maxBytes} bytes`), 413);
    },
  });
}

/**
 * Reads the rest of a refused body and throws it away, at most `maxBytes`
 * and {@link DRAIN_MS}, before the connection closes. Closed with bytes
 * unread, the kernel resets the connection (RFC 9293, 3.6.1): a client still
 * sending (a browser uploading a large file, curl, a script that reads the
 * answer once it has sent the body) gets EPIPE or "connection reset" instead
 * of the 413, and may lose the answer. So our side ends after the answer
 * (a FIN, as before), and the socket is destroyed only when the body has
 * come in, or the bound is reached: no more than that is ever read.
 */
function drainThenClose(incoming: IncomingMessage, maxBytes: number): void {
  const socket = incoming.socket;
  if (!socket || socket.destroyed) return;
  let read = 0;
  let done = false;
  let answered = false;
  // Once the answer is out (never cut short by a body that ends first).
  const destroy = () => (socket.writableFinished ? socket.destroy() : socket.once('finish', () => socket.destroy()));
  const stop = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    incoming.off('data', count);
    incoming.pause();
    if (answered) destroy();
  };
  const count = (chunk: Buffer) => {
    read += chunk.length;
    if (read > maxBytes) stop();
  };
  const timer = setTimeout(stop, DRAIN_MS);
  timer.unref();
  // Node ends a `Connection: close` answer with socket.destroySoon(): end our side, destroy once written (and so
  // with the body unread). For this one socket: end our side, and destroy when the drain is done.
  socket.destroySoon = () => {
    answered = true;
    if (socket.writable) socket.end();
    if (done) destroy();
  };
  // Nobody reads the body now, but the stream handed to the app (Readable.toWeb, attached when the app first
  // looks at the body, maybe after this) pauses the socket once its queue is full, and the rest would never come
  // in. So whenever it pauses, its listener goes and this one, which counts and drops, reads on.
  const takeOver = () => {
    if (done) return;
    incoming.removeAllListeners('data');
    incoming.on('data', count);
    incoming.resume();
  };
  incoming.on('pause', takeOver);
  incoming.once('end', stop);
  incoming.once('error', stop);
  takeOver();
}

/** The OpenAPI description of an error response. */
export function errorResponse(description: string) {
  return { description, content: json(errorBodySchema) };
}

/** The OpenAPI `content` of a JSON body or response: `{ 'application/json': { schema } }`. */
export function json<T>(schema: T) {
  return { 'application/json': { schema } };
}
