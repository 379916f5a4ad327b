/**
 * Cross-site request forgery protection for the agent API. The session
 * cookie is SameSite=Strict already; on top of that every state-changing
 * request must carry `X-Requested-With: wegwijs`. A cross-site form cannot
 * set a header, and a cross-site script could only with a CORS preflight,
 * which the agent API never grants.
 */
import type { MiddlewareHandler } from 'hono';
import { errorBody } from './errors.ts';

/** The header and value the inbox sends. */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_VALUE = 'wegwijs';

/** Methods that change nothing (RFC 9110, 9.2.1) and so need no proof. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Answers 403 to an unsafe request without `X-Requested-With: wegwijs`.
 *
 * @example agentApi.use(requireCsrfHeader());
 */
export function requireCsrfHeader(): MiddlewareHandler {
  return async function requireCsrfHeader(c, next) {
    if (SAFE_METHODS.has(c.req.method) || c.req.header(CSRF_HEADER)?.toLowerCase() === CSRF_VALUE) return next();
    return c.json(errorBody(`this request must carry the header ${CSRF_HEADER}: ${CSRF_VALUE} (protection against cross-site request forgery)`), 403);
  };
}
