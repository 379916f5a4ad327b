/**
 * The agents' ticket API, mounted at `/api/agent/tickets`. Every route needs
 * a session; state-changing ones also `X-Requested-With: wegwijs` (checked
 * for the whole agent API in app.ts).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { agentApp, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import { SESSION_SECURITY } from '../agents/routes.ts';
import type { Database } from '../db/database.ts';
import type { ResponseTargets } from '#core/targets/settings.ts';
import { errorBody } from '../http/errors.ts';
import { idempotencyKeySchema } from '../http/idempotency.ts';
import { errorResponse, idParamSchema, KB, limitBody } from '../http/validation.ts';
import { agentReplyBodySchema, ticketChangeSchema, ticketDetailSchema, ticketMergeSchema, ticketQuerySchema, ticketSummarySchema } from './schema.ts';
import { mergeTickets } from './merge.ts';
import { addAgentReply } from './agent-reply.ts';
import { changeTicket } from './change.ts';
import { claimTicket, listTickets, ticketDetail } from './queue.ts';

/** What the ticket routes need. */
export interface TicketRoutesOptions extends Pick<SessionOptions, 'ttlHours'> {
  database: Database;
  /**
   * Called with each nudge of the mail outbox after a reply or a solve; the
   * response does not wait for it. Tests use it to wait. Default: nothing.
   */
  onNotify?: (delivery: Promise<void>) => void;
  /** Sends what the mail outbox holds now (the e-mail is already stored; this only saves the worker's next tick). */
  sendMail: () => Promise<unknown>;
  /** Response targets (content/settings.yaml) for the queue's clocks; null: none. Default null. */
  targets?: ResponseTargets | null;
}

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const idParam = idParamSchema('id', 'The ticket.');
const security = [{ [SESSION_SECURITY]: [] }];
const unauthorized = errorResponse('Not signed in.');
const forbidden = errorResponse('No `X-Requested-With: wegwijs` header.');
const notFound = errorResponse('No such ticket.');

/**
 * The tickets sub-app.
 *
 * @example agentApi.route('/tickets', ticketRoutes({ database, sendMail: () => mailWorker.runOnce(), ttlHours: 12 }));
 */
export function ticketRoutes(options: TicketRoutesOptions): OpenAPIHono<{ Variables: AgentVariables }> {
  const { database, targets = null } = options;
  const db = database.db;
  const app = agentApp(db, options);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'The queue',
      description:
        'Tickets matching the filters, by default the customer who has waited longest first (`sort`). `q` also searches the words of every message (PostgreSQL full-text search with the Dutch and English configurations; the same on PGlite).',
      security,
      request: { query: ticketQuerySchema },
      responses: {
        200: { description: 'The tickets.', content: json(z.object({ tickets: z.array(ticketSummarySchema) })) },
        400: errorResponse('A filter is wrong; `field` names it.'),
        401: unauthorized,
      },
    }),
    async (c) => c.json({ tickets: await listTickets(db, c.var.agent.id, c.req.valid('query'), targets) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      summary: 'One ticket with its whole story',
      description: "Thread with internal notes (flagged), the transcript with the assistant's reasons, effort scores, articles offered and events.",
      security,
      request: { params: idParam },
      responses: {
        200: { description: 'The ticket.', content: json(ticketDetailSchema) },
        401: unauthorized,
        404: notFound,
      },
    }),
    async (c) => {
      const ticket = await ticketDetail(db, c.req.valid('param').id, targets);
      return ticket ? c.json(ticket, 200) : c.json(errorBody('no such ticket'), 404);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/claim',
      summary: 'Claim a ticket',
      description: 'Exactly one of any number of agents claiming at once wins; the others get 409. Claiming a ticket one already holds is 200.',
      security,
      request: { params: idParam },
      responses: {
        200: { description: 'Claimed: the ticket.', content: json(ticketSummarySchema) },
        401: unauthorized,
        403: forbidden,
        404: notFound,
        409: errorResponse('Someone else holds it (`assignee`).'),
      },
    }),
    async (c) => c.json(await claimTicket(db, c.req.valid('param').id, c.var.agent), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/replies',
      summary: 'Reply to the customer, or add an internal note',
      description:
        'A public reply sets the first-response time once, moves an open ticket to pending and e-mails the customer (or logs the e-mail when no SMTP server is configured). An internal note never reaches the customer. With an Idempotency-Key (the inbox sends one per draft), a retry or a double click posts once: the repeat gets the same `id`, header `Idempotent-Replayed: true`, and no second e-mail.',
      security,
      middleware: [limitBody(32 * KB)] as const,
      request: {
        params: idParam,
        headers: z.object({ 'idempotency-key': idempotencyKeySchema.optional() }),
        body: { required: true, content: json(agentReplyBodySchema) },
      },
      responses: {
        201: { description: 'Posted.', content: json(z.object({ id: z.string() })) },
        400: errorResponse('The body is missing or wrong; `field` names it.'),
        401: unauthorized,
        403: forbidden,
        404: notFound,
        409: errorResponse('A public reply on a closed ticket.'),
        422: errorResponse('This Idempotency-Key was used for a different reply.'),
      },
    }),
    async (c) => {
      const { id, notification, replayed } = await addAgentReply(
        db,
        c.req.valid('param').id,
        c.var.agent,
        c.req.valid('json'),
        c.req.valid('header')['idempotency-key'],
      );
      if (replayed) c.header('Idempotent-Replayed', 'true');
      if (notification) {
        // Stored with the reply; sent now without the agent waiting for an SMTP server.
        options.onNotify?.(options.sendMail().then(() => undefined));
      }
      return c.json({ id }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Change status, priority or assignee',
      description:
        'Status changes follow the state machine (open → pending → solved → closed; pending → open; solved → open); any other move is 409 naming both statuses. `assigneeId`: anyone may take an unassigned ticket or pass on their own; taking one a colleague holds (event `taken_over`) or giving it to someone else is for admins. Each change is a ticket event.',
      security,
      middleware: [limitBody(4 * KB)] as const,
      request: { params: idParam, body: { required: true, content: json(ticketChangeSchema) } },
      responses: {
        200: { description: 'Changed: the ticket.', content: json(ticketSummarySchema) },
        400: errorResponse('A field is wrong, or nothing to change; `field` names it.'),
        401: unauthorized,
        403: forbidden,
        404: notFound,
        409: errorResponse('A move the state machine does not allow (`from`, `to`), or a ticket someone else holds.'),
        422: errorResponse('`assigneeId` is not an active agent.'),
      },
    }),
    async (c) => {
      const { ticket, solved } = await changeTicket(db, c.req.valid('param').id, c.var.agent, c.req.valid('json'));
      if (solved) {
        // Stored with the change, like a reply's e-mail: it carries the satisfaction link.
        options.onNotify?.(options.sendMail().then(() => undefined));
      }
      return c.json(ticket, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/merge',
      summary: 'Merge two tickets of the same customer',
      description:
        "The younger of the two is merged into the older: its messages move there (every message once, in time order), it is closed with a `merged_into` event and the older gets a `merged` event. The customer's link and replies of the merged ticket's conversation lead to the older ticket from then on; agents' replies to the merged ticket (a retry with the same Idempotency-Key included) go there too. Only tickets with the same customer e-mail address.",
      security,
      middleware: [limitBody(4 * KB)] as const,
      request: { params: idParam, body: { required: true, content: json(ticketMergeSchema) } },
      responses: {
        200: {
          description: 'Merged: the surviving ticket and the one merged into it.',
          content: json(z.object({ survivor: ticketSummarySchema, merged: z.object({ id: z.string(), number: z.string() }) })),
        },
        400: errorResponse('The body is wrong; `field` names it.'),
        401: unauthorized,
        403: forbidden,
        404: notFound,
        409: errorResponse('One of them is closed or already merged.'),
        422: errorResponse('The same ticket twice, or tickets of different customers (`field`: `ticketId`).'),
      },
    }),
    async (c) => c.json(await mergeTickets(db, c.req.valid('param').id, c.req.valid('json').ticketId, c.var.agent), 200),
  );

  return app;
}
