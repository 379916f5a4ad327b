/**
 * The public API the chat widget calls, mounted at `/api/conversations`.
 * Anonymous: a conversation's token (`Authorization: Bearer …`) is the only
 * credential, and it reaches only its own conversation — any other id is 404.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { conversationCsatBodySchema, csatRecordedSchema } from '../csat/schema.ts';
import { recordConversationCsat } from '../csat/service.ts';
import type { Database } from '../db/database.ts';
import { batchValidationHook, errorBody, validationHook } from '../http/errors.ts';
import { idempotencyKeySchema } from '../http/idempotency.ts';
import { errorResponse, idParamSchema, isUuid, KB, limitBody } from '../http/validation.ts';
import type { SiteLocales } from '../site-settings.ts';
import { type LinkSigner, openLink } from './link.ts';
import { handOff } from '../tickets/handoff.ts';
import { customerReply, publicThread } from '../tickets/thread.ts';
import { handoffRoutingOf, type CategoryLookup } from '../routing/handoff.ts';
import {
  conversationCreatedSchema,
  createdIdSchema,
  customerReplyBodySchema,
  handoffBodySchema,
  handoffCreatedSchema,
  linkBodySchema,
  linkOpenedSchema,
  publicTicketSchema,
  conversationSignalsBodySchema,
  conversationSignalsRecordedSchema,
} from './schema.ts';
import { conversationExists, createConversation, opensConversation, recordConversationSignals } from './service.ts';

/** Body limits: one signal is tiny, a batch of 50 well under 64 KB, a hand-off carries a transcript (200 lines, 4 KB of reasons each at most). */
export const BODY_LIMITS = { small: 8 * KB, signals: 64 * KB, reply: 32 * KB, handoff: 512 * KB } as const;

/** What the conversation routes need. */
export interface ConversationRoutesOptions {
  database: Database;
  site: SiteLocales;
  /** Signs and checks the links back to a conversation in customer e-mail. */
  links: LinkSigner;
  /** Category of an article, for the contact reason and routing by category. Default: none known. */
  categoryOf?: CategoryLookup;
}

interface Env {
  Variables: { token: string };
}

/** The name of the security scheme in the OpenAPI document. */
export const CONVERSATION_TOKEN = 'conversationToken';

/** 401 unless the request carries `Authorization: Bearer <token>`; the token goes to `c.var.token`. */
export const requireBearer: MiddlewareHandler<Env> = async function requireBearer(c, next) {
  const match = /^Bearer[ ]+([A-Za-z0-9_-]{1,200})$/i.exec(c.req.header('Authorization') ?? '');
  if (!match?.[1]) {
    // Per RFC 6750, 3: say which scheme is expected.
    c.header('WWW-Authenticate', 'Bearer realm="wegwijs"');
    return c.json(errorBody("send the conversation's token as Authorization: Bearer <token>"), 401);
  }
  c.set('token', match[1]);
  return next();
};

const notFound = errorResponse('No conversation with this id for this token (or, for the ticket routes, no ticket yet).');
const unauthorized = errorResponse('No `Authorization: Bearer <token>`.');
const tooMany = errorResponse('Too many requests from this address; `Retry-After` says when to try again.');
const json = <T>(schema: T) => ({ 'application/json': { schema } });
const idParam = idParamSchema('id', 'The conversation.');
const security = [{ [CONVERSATION_TOKEN]: [] }];

/**
 * The conversations sub-app.
 *
 * @example api.route('/conversations', conversationRoutes({ database, site, links }));
 */
export function conversationRoutes({ database, site, links, categoryOf }: ConversationRoutesOptions): OpenAPIHono<Env> {
  const [first, ...rest] = site.locales;
  if (first === undefined) throw new Error('Wegwijs: the site has no locales');
  const locales = [first, ...rest] as const;
  const db = database.db;
  const app = new OpenAPIHono<Env>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Start an anonymous conversation',
      description:
        'Returns the id and a secret token for the other routes. Not deduplicated: a retried request after a lost answer leaves an unused anonymous conversation behind, which is harmless.',
      middleware: [limitBody(BODY_LIMITS.small)] as const,
      responses: {
        201: { description: 'Created; keep the token, it is shown only now.', content: json(conversationCreatedSchema) },
        429: tooMany,
      },
    }),
    async (c) => c.json(await createConversation(db), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/links',
      summary: 'Open a conversation from the link in a customer e-mail',
      description:
        'The link (`/c/<link>` in every e-mail to the customer) is signed and expires (LINK_TTL_DAYS). Opening it gives this browser a token of its own for the conversation and returns the public thread, so the customer continues on any device. Refusals carry `code`: `link-invalid` (400: changed or cut off), `link-expired` (410), `link-gone` (410: the conversation was erased or deleted by retention).',
      middleware: [limitBody(BODY_LIMITS.small)] as const,
      request: { body: { required: true, content: json(linkBodySchema) } },
      responses: {
        200: { description: 'The conversation: keep the token, it is shown only now.', content: json(linkOpenedSchema) },
        400: errorResponse('The link is malformed, changed or cut off (`code`: `link-invalid`).'),
        410: errorResponse('The link has expired (`link-expired`) or its conversation no longer exists (`link-gone`).'),
        413: errorResponse('The body is too large.'),
        429: tooMany,
      },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await openLink(db, links, c.req.valid('json').link), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/signals',
      summary: 'Record several effort scores, outcomes and "helpful" answers at once',
      description:
        'What the widget\'s outbox has waiting for this conversation, 1 to 50 signals in one request, each with its own `key`. A score counts once per answer, an outcome or "helpful" once per key; a resent batch counts nothing twice. A wrong signal refuses the whole batch with 400 and `field` naming it, e.g. `signals[2].score`.',
      security,
      middleware: [requireBearer, limitBody(BODY_LIMITS.signals)] as const,
      request: { params: idParam, body: { required: true, content: json(conversationSignalsBodySchema(locales)) } },
      responses: {
        200: { description: 'What became of each signal, in the order sent.', content: json(conversationSignalsRecordedSchema) },
        400: errorResponse('A signal is wrong; `field` names it, e.g. `signals[2].score`.'),
        401: unauthorized,
        404: notFound,
        413: errorResponse('The body is larger than 64 KB.'),
        429: tooMany,
      },
    }),
    async (c) => {
      const outcome = await recordConversationSignals(db, c.req.valid('param').id, c.var.token, c.req.valid('json').signals);
      return outcome === 'not-found' ? c.json(errorBody('no such conversation'), 404) : c.json(outcome, 200);
    },
    (result, c) => batchValidationHook(result, c),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/handoff',
      summary: 'Hand the conversation over to a person: create a ticket',
      description:
        "The transcript becomes the ticket's history. The same Idempotency-Key with the same body returns the same ticket (header `Idempotent-Replayed: true`); with a different body, 422. A conversation has at most one open ticket: a new key while one is open gets 409 with its `ticketId` and `number`.",
      security,
      middleware: [requireBearer, limitBody(BODY_LIMITS.handoff)] as const,
      request: {
        params: idParam,
        headers: z.object({ 'idempotency-key': idempotencyKeySchema }),
        body: { required: true, content: json(handoffBodySchema(locales)) },
      },
      responses: {
        201: { description: 'The ticket (also for a replayed request).', content: json(handoffCreatedSchema) },
        400: errorResponse('A field or the Idempotency-Key header is missing or wrong; `field` names it.'),
        401: unauthorized,
        404: notFound,
        409: errorResponse('The conversation already has an open ticket (`ticketId`, `number`).'),
        413: errorResponse('The body is larger than 512 KB.'),
        422: errorResponse('This Idempotency-Key was used for a different hand-off.'),
        429: tooMany,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!isUuid(id)) return c.json(errorBody('no such conversation'), 404);
      const input = c.req.valid('json');
      // The token is checked in the hand-off's own first statement (404 from there): one round trip fewer.
      const result = await handOff(db, id, c.req.valid('header')['idempotency-key'], input, await handoffRoutingOf(input, categoryOf), {
        access: opensConversation(id, c.var.token),
      });
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, result.status as 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/ticket',
      summary: "The conversation's ticket: status and public thread",
      description: 'Agent replies appear here; internal notes never do. Poll it while the chat is open.',
      security,
      middleware: [requireBearer] as const,
      request: { params: idParam },
      responses: {
        200: { description: 'The newest ticket of the conversation.', content: json(publicTicketSchema) },
        401: unauthorized,
        404: notFound,
        429: tooMany,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      c.header('Cache-Control', 'no-store');
      if (!(await conversationExists(db, id, c.var.token))) return c.json(errorBody('no such conversation'), 404);
      const ticket = await publicThread(db, id);
      if (!ticket) return c.json(errorBody('this conversation has no ticket'), 404);
      return c.json(ticket, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/csat',
      summary: 'Answer the satisfaction question (CSAT) about the solved ticket',
      description: 'About the newest ticket of the conversation, once it is solved or closed. A second answer replaces the first.',
      security,
      middleware: [requireBearer, limitBody(BODY_LIMITS.small)] as const,
      request: { params: idParam, body: { required: true, content: json(conversationCsatBodySchema) } },
      responses: {
        201: { description: 'Recorded.', content: json(csatRecordedSchema) },
        200: { description: 'Recorded, replacing an earlier answer.', content: json(csatRecordedSchema) },
        400: errorResponse('The score is missing or wrong; `field` names it.'),
        401: unauthorized,
        404: notFound,
        409: errorResponse('The newest ticket is not solved or closed (`status`).'),
        413: errorResponse('The body is too large.'),
        429: tooMany,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await conversationExists(db, id, c.var.token))) return c.json(errorBody('no such conversation'), 404);
      const { score } = c.req.valid('json');
      const outcome = await recordConversationCsat(db, id, score);
      return c.json({ score, created: outcome === 'created' }, outcome === 'created' ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/ticket/messages',
      summary: 'The customer replies on their ticket',
      description: 'A pending ticket becomes open again; a solved one is reopened. With an Idempotency-Key, a retry does not post twice.',
      security,
      middleware: [requireBearer, limitBody(BODY_LIMITS.reply)] as const,
      request: {
        params: idParam,
        headers: z.object({ 'idempotency-key': idempotencyKeySchema.optional() }),
        body: { required: true, content: json(customerReplyBodySchema) },
      },
      responses: {
        201: { description: 'Posted.', content: json(createdIdSchema) },
        400: errorResponse('The body is missing or wrong; `field` names it.'),
        401: unauthorized,
        404: notFound,
        409: errorResponse('The ticket is closed.'),
        413: errorResponse('The body is too large.'),
        422: errorResponse('This Idempotency-Key was used for a different reply.'),
        429: tooMany,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (!(await conversationExists(db, id, c.var.token))) return c.json(errorBody('no such conversation'), 404);
      const result = await customerReply(db, id, c.req.valid('json'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return c.json(result.body, result.status as 201);
    },
  );

  return app;
}
