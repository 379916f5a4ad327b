/**
 * Agent sessions: a random id (256 bits) in the `wegwijs_session` cookie,
 * stored only as its SHA-256, valid until it has not been used for the
 * configured time. In the database, so any API process recognises it.
 */
import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Db } from '../db/database.ts';
import { agents, sessions, type AGENT_ROLES } from '../db/tables.ts';
import { isHttps } from '../http/client-address.ts';
import { errorBody, validationHook } from '../http/errors.ts';
import { errorResponse } from '../http/validation.ts';
import { randomToken, sha256Hex } from '../http/tokens.ts';

/** The name of the session's security scheme in the OpenAPI document. */
export const SESSION_SECURITY = 'session';

/** The cookie's name, as the inbox expects it. */
export const SESSION_COOKIE = 'wegwijs_session';

/** The cookie is sent only to the API. */
const COOKIE_PATH = '/api';

/** A session's expiry moves forward at most this often (ms), so not every request writes. */
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/** A signed-in agent, as routes see them. */
export interface SignedInAgent {
  id: string;
  email: string;
  name: string;
  role: (typeof AGENT_ROLES)[number];
}

/** Context variables of the agent API. */
export interface AgentVariables {
  agent: SignedInAgent;
}

/** Session settings. */
export interface SessionOptions {
  /** Hours a session lasts without use. */
  ttlHours: number;
  /** Proxies trusted for `X-Forwarded-Proto` (the cookie's Secure flag). */
  trustProxy: number;
  /** Mark the cookie `Secure` whatever the request looks like (COOKIE_SECURE=always, or SITE_URL is https). Default false. */
  alwaysSecure?: boolean;
}

/** Starts a session for `agentId`; returns the id to put in the cookie. */
export async function createSession(db: Db, agentId: string, ttlHours: number): Promise<string> {
  const id = randomToken();
  await db.insert(sessions).values({ idHash: sha256Hex(id), agentId, expiresAt: new Date(Date.now() + ttlHours * 3_600_000) });
  return id;
}

/**
 * The agent a session id belongs to, or null when it is unknown, expired or
 * its agent is disabled. Moves the expiry forward when the session was last
 * seen more than {@link SESSION_TOUCH_INTERVAL_MS} ago.
 */
export async function findSession(db: Db, id: string, ttlHours: number): Promise<SignedInAgent | null> {
  const idHash = sha256Hex(id);
  const [found] = await db
    .select({ id: agents.id, email: agents.email, name: agents.name, role: agents.role, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, sql`now()`), eq(agents.disabled, false)));
  if (!found) return null;
  if (Date.now() - found.lastSeenAt.getTime() > SESSION_TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()`, expiresAt: sql`now() + make_interval(hours => ${ttlHours}::int)` })
      .where(eq(sessions.idHash, idHash));
  }
  const { lastSeenAt: _, ...agent } = found;
  return agent;
}

/** Ends the session with this id (nothing happens for an unknown one). */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, sha256Hex(id)));
}

/** Ends every session of an agent (disabled, password changed). */
export async function deleteSessionsOf(db: Db, agentId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.agentId, agentId));
}

/** Deletes sessions that expired before `before`. */
export async function sweepSessions(db: Db, before: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, before));
}

/**
 * Sets the session cookie: HttpOnly (no script reads it), SameSite=Strict
 * (no other site's request carries it), Secure over HTTPS (or always, see
 * {@link SessionOptions.alwaysSecure}), for `/api` only.
 * No Max-Age: it ends with the browser session, the server ends it sooner.
 */
export function setSessionCookie(c: Context, id: string, options: Pick<SessionOptions, 'trustProxy' | 'alwaysSecure'>): void {
  setCookie(c, SESSION_COOKIE, id, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'Strict',
    secure: options.alwaysSecure === true || isHttps(c, options.trustProxy),
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(c: Context, options: Pick<SessionOptions, 'trustProxy' | 'alwaysSecure'>): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: COOKIE_PATH,
    httpOnly: true,
    sameSite: 'Strict',
    secure: options.alwaysSecure === true || isHttps(c, options.trustProxy),
  });
}

/** The session id from the request's cookie, if any. */
export function sessionIdOf(c: Context): string | undefined {
  const id = getCookie(c, SESSION_COOKIE);
  // Ours are 43 base64url characters; anything else is not worth a query.
  return id !== undefined && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
}

/**
 * Middleware: answers 401 unless the request has a valid session, and puts
 * the agent in `c.var.agent`.
 *
 * @example tickets.use(requireAgent(db, options));
 */
export function requireAgent(db: Db, options: Pick<SessionOptions, 'ttlHours'>): MiddlewareHandler<{ Variables: AgentVariables }> {
  return async function requireAgent(c, next) {
    const id = sessionIdOf(c);
    const agent = id === undefined ? null : await findSession(db, id, options.ttlHours);
    if (!agent) return c.json(errorBody('sign in first (no valid session)'), 401);
    c.set('agent', agent);
    return next();
  };
}

/**
 * Middleware after {@link requireAgent}: answers 403 unless the signed-in
 * agent is an admin (webhooks, erasure).
 *
 * @example webhooks.use(requireAgent(db, options), requireAdmin());
 */
export function requireAdmin(): MiddlewareHandler<{ Variables: AgentVariables }> {
  return async function requireAdmin(c, next) {
    if (c.var.agent.role !== 'admin') return c.json(errorBody('only an admin may do this'), 403);
    return next();
  };
}

/**
 * A sub-app of the agent API: every route needs a session (and, with
 * `role: 'admin'`, an admin), and no answer is cached, since what an agent
 * sees changes all the time and is nobody else's business.
 *
 * @example const app = agentApp(db, options, { role: 'admin' });
 */
export function agentApp(
  db: Db,
  options: Pick<SessionOptions, 'ttlHours'>,
  { role = 'agent' }: { role?: 'agent' | 'admin' } = {},
): OpenAPIHono<{ Variables: AgentVariables }> {
  const app = new OpenAPIHono<{ Variables: AgentVariables }>({ defaultHook: validationHook });
  if (role === 'admin') app.use(requireAgent(db, options), requireAdmin());
  else app.use(requireAgent(db, options));
  app.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  return app;
}

/**
 * The OpenAPI declaration of a route of an {@link agentApp}: `createRoute`
 * plus what every such route shares — the session as its security and the
 * 401 its middleware answers when nobody is signed in (a route may still
 * describe its own 401) — so a route states only what is its own.
 *
 * @example app.openapi(agentRoute({ method: 'get', path: '/report', summary: '…', responses: { 200: { description: '…', content: json(reportSchema) } } }), handler);
 */
export function agentRoute<const R extends Omit<RouteConfig, 'security'>>(config: R) {
  return createRoute({ ...config, security: [{ [SESSION_SECURITY]: [] }], responses: { 401: NOT_SIGNED_IN, ...config.responses } });
}

const NOT_SIGNED_IN = errorResponse('Not signed in.');
