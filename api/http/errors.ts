/**
 * How the API says no: every error is JSON `{ error: { message, field? } }`
 * with a fitting status. Validation problems are 400 and name the field;
 * anything unexpected is a 500 with a generic message, the details go to the
 * server log only.
 */
import { z, type Hook } from '@hono/zod-openapi';
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { matchedRoutes } from 'hono/route';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../log.ts';

/** Body of every error response of the API. */
export const errorBodySchema = z
  .object({
    error: z.object({
      /** What went wrong, in a sentence a developer can act on. */
      message: z.string(),
      /** The request field at fault (dot path), for validation errors. */
      field: z.string().optional(),
    }),
  })
  .openapi('Error');

/** Body of every error response of the API. */
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Builds an error body. */
export function errorBody(message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { message } : { message, field } };
}

/**
 * A refusal a service or route throws: rendered by {@link handleErrors} as
 * `{ error: { message, field? }, ...details }` with `status`. Thrown inside a
 * transaction it also rolls the transaction back.
 *
 * @example throw new ApiError(409, 'the ticket is closed');
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  /** The request field at fault, if one is. */
  readonly field: string | undefined;
  /** Extra top-level members of the body, e.g. `{ ticketId, number }` of the ticket in the way. */
  readonly details: Record<string, unknown>;
  constructor(status: ContentfulStatusCode, message: string, options: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = options.field;
    this.details = options.details ?? {};
  }
}

/** Message of a 500; deliberately says nothing about the cause. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side; please try again later.';

/**
 * The OpenAPI routes' validation hook: the first zod issue becomes a 400
 * naming its field, e.g. `{ error: { message: "query must be at most 200
 * characters", field: "query" } }`.
 */
// biome-ignore lint/suspicious/noExplicitAny: the hook serves every route, whatever its input types.
export const validationHook: Hook<any, any, any, any> = (result, c) => {
  if (result.success) return;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const subject = field ?? (result.target === 'json' ? 'the request body' : `the ${result.target}`);
  return c.json(errorBody(`${subject} ${issue?.message ?? 'is invalid'}`, field), 400);
};

/**
 * A zod issue path as a browser developer writes it: `signals[2].ces`
 * rather than `signals.2.ces`, so it can be pasted into code.
 */
export function bracketFieldName(path: readonly PropertyKey[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`)).join('');
}

/**
 * The hook of the batch routes (`/signals`, `/conversations/{id}/signals`):
 * like {@link validationHook}, with the field in brackets (`signals[2].score`)
 * so the outbox can set aside the one item named.
 */
// biome-ignore lint/suspicious/noExplicitAny: like validationHook, it serves routes of any input type.
export const batchValidationHook: Hook<any, any, any, any> = (result, c) => {
  if (result.success) return;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? bracketFieldName(issue.path) : undefined;
  return c.json(errorBody(`${field ?? 'the request body'} ${issue?.message ?? 'is invalid'}`, field), 400);
};

/** Responds to an unknown `/api` path. */
export function apiNotFound(c: Context): Response {
  return c.json(errorBody(`no API endpoint at ${c.req.method} ${c.req.path}`), 404);
}

/** Whether `path` belongs to the API rather than the site. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * The route a request matched, as registered (`/api/conversations/:id/handoff`):
 * what the log names, since the actual path and query can hold customer data.
 */
export function routeOf(c: Context): string {
  const handlers = matchedRoutes(c).filter((route) => route.method !== 'ALL');
  return handlers[handlers.length - 1]?.path ?? (isApiPath(c.req.path) ? '/api/*' : '/*');
}

/**
 * The app's error handler. {@link ApiError}s are the API's own refusals;
 * `HTTPException`s (malformed JSON, wrong content type, body too large…)
 * keep their status and message. A client that went away mid-request is
 * logged at info. Any other error is logged — method, route, request id
 * (`X-Request-Id`) and the error as `describeError` writes it, never the
 * query or the body — and answered with a generic 500.
 */
export function handleErrors(logger: Logger): ErrorHandler {
  return function handleError(error, c) {
    const api = isApiPath(c.req.path);
    const request = `${c.req.method} ${routeOf(c)} (request ${String(c.get('requestId' as never) ?? '-')})`;
    if (c.req.raw.signal.aborted) {
      // Nobody reads this answer; the client closed the connection (a closed tab, a lost network).
      logger.info(`${request}: the client closed the connection`);
      return c.json(errorBody('the client closed the connection'), 400);
    }
    if (error instanceof ApiError) {
      return c.json({ ...error.details, ...errorBody(error.message, error.field) }, error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const message = error.status === 415 ? 'the request body must be JSON (Content-Type: application/json)' : error.message || 'bad request';
      return api ? c.json(errorBody(message), error.status) : c.text(message, error.status);
    }
    logger.error(`${request} failed`, error);
    const status: ContentfulStatusCode = error instanceof HTTPException ? error.status : 500;
    return api ? c.json(errorBody(INTERNAL_ERROR_MESSAGE), status) : c.text(INTERNAL_ERROR_MESSAGE, status);
  };
}
