/**
 * Signing in and out of the inbox, mounted at `/api/agent`. The session is
 * a cookie (see ./sessions.ts); sign-in attempts are limited per client
 * address and e-mail address, and per address overall.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Database } from '../db/database.ts';
import { clientAddress } from '../http/client-address.ts';
import { errorBody, validationHook } from '../http/errors.ts';
import { tooManyRequests, type RateLimiter } from '../http/rate-limit.ts';
import { errorResponse, expecting, KB, limitBody, NUL_MESSAGE, STORABLE, WELL_FORMED, ILL_FORMED_MESSAGE } from '../http/validation.ts';
import { PasswordCheckBusyError } from './password.ts';
import { authenticate, listAgents, normalizeEmail } from './service.ts';
import {
  clearSessionCookie,
  createSession,
  deleteSession,
  findSession,
  requireAgent,
  SESSION_SECURITY,
  sessionIdOf,
  setSessionCookie,
  type AgentVariables,
  type SessionOptions,
} from './sessions.ts';

// Declared beside the session middleware (agentRoute); re-exported for the routes that import it from here.
export { SESSION_SECURITY };

/** An agent as the API shows them. */
export const agentSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['agent', 'admin']),
  })
  .openapi('Agent');

/** An agent as the API shows them. */
export type Agent = z.infer<typeof agentSchema>;

/** A colleague as the assign control lists them: no e-mail address needed there. */
export const colleagueSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(['agent', 'admin']) }).openapi('Colleague');

/** A colleague to assign a ticket to. */
export type Colleague = z.infer<typeof colleagueSchema>;

const loginBodySchema = z
  .object({
    email: z
      .string({ error: expecting('a string') })
      .trim()
      .min(1, 'must not be empty')
      .max(254, 'must be at most 254 characters')
      .regex(STORABLE, NUL_MESSAGE)
      .regex(WELL_FORMED, ILL_FORMED_MESSAGE)
      .openapi({ example: 'sanne@duinwinkel.nl' }),
    password: z
      .string({ error: expecting('a string') })
      .min(1, 'must not be empty')
      .max(256, 'must be at most 256 characters'),
  })
  .openapi('Login');

/** What the agent routes need. */
export interface AgentRoutesOptions extends SessionOptions {
  database: Database;
  /** Counts sign-in attempts per address and e-mail address. */
  loginLimiter: RateLimiter;
  /** Counts sign-in attempts per address, whatever the e-mail address. */
  loginAddressLimiter: RateLimiter;
}

const json = <T>(schema: T) => ({ 'application/json': { schema } });

/**
 * The sign-in sub-app: `/login`, `/logout`, `/session`, `/me`.
 *
 * @example agentApi.route('/', agentRoutes({ database, ttlHours: 12, trustProxy: 0, loginLimiter, loginAddressLimiter }));
 */
export function agentRoutes(options: AgentRoutesOptions): OpenAPIHono<{ Variables: AgentVariables }> {
  const { database, loginLimiter, loginAddressLimiter } = options;
  const db = database.db;
  const app = new OpenAPIHono<{ Variables: AgentVariables }>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/login',
      summary: 'Sign in',
      description: 'Sets the `wegwijs_session` cookie (HttpOnly, SameSite=Strict, Secure over HTTPS). Requires `X-Requested-With: wegwijs`.',
      middleware: [limitBody(4 * KB)] as const,
      request: { body: { required: true, content: json(loginBodySchema) } },
      responses: {
        200: { description: 'Signed in.', content: json(z.object({ agent: agentSchema })) },
        400: errorResponse('A field is missing or wrong; `field` names it.'),
        401: errorResponse('Wrong e-mail address or password (or the agent is disabled).'),
        403: errorResponse('No `X-Requested-With: wegwijs` header.'),
        429: errorResponse('Too many attempts, or too many sign-ins at once; `Retry-After` says when to try again.'),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const address = clientAddress(c, options.trustProxy);
      for (const [limiter, key] of [
        [loginAddressLimiter, address],
        [loginLimiter, `${address}|${normalizeEmail(email)}`],
      ] as const) {
        const verdict = await limiter.hit(key);
        if (!verdict.allowed) return tooManyRequests(c, verdict.retryAfterSeconds);
      }
      let agent: Awaited<ReturnType<typeof authenticate>>;
      try {
        agent = await authenticate(db, email, password);
      } catch (error) {
        // Password checks are queued (password.ts); a full queue means a burst, answered like a rate limit.
        if (error instanceof PasswordCheckBusyError) return tooManyRequests(c, 5);
        throw error;
      }
      if (!agent) return c.json(errorBody('wrong e-mail address or password'), 401);
      const previous = sessionIdOf(c);
      if (previous) await deleteSession(db, previous);
      setSessionCookie(c, await createSession(db, agent.id, options.ttlHours), options);
      return c.json({ agent }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      summary: 'Sign out',
      description: 'Ends the session (if any) and removes the cookie. Requires `X-Requested-With: wegwijs`.',
      responses: {
        204: { description: 'Signed out.' },
        403: errorResponse('No `X-Requested-With: wegwijs` header.'),
      },
    }),
    async (c) => {
      const id = sessionIdOf(c);
      if (id) await deleteSession(db, id);
      clearSessionCookie(c, options);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/session',
      summary: 'Whether this browser is signed in',
      description:
        "The inbox's first question on every visit. 200 either way, `agent` null when signed out: the browser logs every 401 as an error in its console, and a signed-out visit is no error. Nothing is given away that the visitor's own cookie does not already hold; every other route still answers 401 without a session.",
      responses: {
        200: { description: 'The signed-in agent, or null.', content: json(z.object({ agent: agentSchema.nullable() })) },
      },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      const id = sessionIdOf(c);
      const agent = id === undefined ? null : await findSession(db, id, options.ttlHours);
      return c.json({ agent }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      summary: 'The signed-in agent',
      security: [{ [SESSION_SECURITY]: [] }],
      middleware: [requireAgent(db, options)] as const,
      responses: {
        200: { description: 'Signed in as this agent.', content: json(agentSchema) },
        401: errorResponse('Not signed in.'),
      },
    }),
    (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(c.var.agent, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/agents',
      summary: 'Colleagues a ticket can be assigned to',
      description: "Active agents by name, for the inbox's assign and take-over controls. Disabled agents are left out.",
      security: [{ [SESSION_SECURITY]: [] }],
      middleware: [requireAgent(db, options)] as const,
      responses: {
        200: { description: 'Active agents, by name.', content: json(z.object({ agents: z.array(colleagueSchema) })) },
        401: errorResponse('Not signed in.'),
      },
    }),
    async (c) => {
      const active = (await listAgents(db)).filter((agent) => !agent.disabled);
      active.sort((a, b) => a.name.localeCompare(b.name));
      return c.json({ agents: active.map(({ id, name, role }) => ({ id, name, role })) }, 200);
    },
  );

  return app;
}
