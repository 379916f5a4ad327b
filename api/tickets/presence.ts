/**
 * Presence: who has a ticket open in the inbox and who is typing on it, so
 * two agents do not answer the same customer at once. Light polling: the
 * open inbox says "I am here (and typing or not)" every few seconds with
 * `PUT /api/agent/presence/{ticket id}` and gets the colleagues who are
 * there in the same answer; `DELETE` when it leaves the ticket. Kept in
 * PostgreSQL (`ticket_presence`), so every API process sees every agent.
 *
 * - **Here**: said so within {@link PRESENT_SECONDS} (a few missed polls).
 * - **Typing**: said so within {@link TYPING_SECONDS}; the inbox says it while
 *   keys are pressed in the reply box, and stops saying it when they stop.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { SESSION_SECURITY } from '../agents/routes.ts';
import { agentApp, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import type { Database, Db } from '../db/database.ts';
import { rows } from '../db/query.ts';
import { errorBody } from '../http/errors.ts';
import { errorResponse, expecting, idParamSchema, isUuid, KB, limitBody } from '../http/validation.ts';

/** How long after its last poll an agent still counts as having the ticket open. */
export const PRESENT_SECONDS = 30;

/** How long after its last "typing" an agent still counts as typing. */
export const TYPING_SECONDS = 10;

/** Rows older than this are deleted on the next write: presence is not history. */
const FORGET_AFTER = '1 hour';

/** A colleague on the same ticket. */
export const colleagueSchema = z
  .object({
    agentId: z.string(),
    name: z.string(),
    typing: z.boolean(),
    /** When their inbox last said it shows the ticket. */
    seenAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('TicketPresence');

/** A colleague on the same ticket. */
export type Colleague = z.infer<typeof colleagueSchema>;

/** The colleagues (not `agentId`) who have ticket `ticketId` open now, typing ones first, then by name. */
export async function colleaguesOn(db: Db, ticketId: string, agentId: string): Promise<Colleague[]> {
  const found = await rows<{ agent_id: string; name: string; typing: boolean; seen_at: string | Date }>(
    db,
    sql`select p.agent_id, a.name, coalesce(p.typing_at > now() - make_interval(secs => ${TYPING_SECONDS}), false) as typing, p.seen_at
        from ticket_presence p join agents a on a.id = p.agent_id
        where p.ticket_id = ${ticketId}::uuid and p.agent_id <> ${agentId}::uuid and p.seen_at > now() - make_interval(secs => ${PRESENT_SECONDS})
        order by 3 desc, a.name, p.agent_id`,
  );
  return found.map((row) => ({ agentId: row.agent_id, name: row.name, typing: row.typing, seenAt: new Date(row.seen_at).toISOString() }));
}

/**
 * Records that `agentId` has the ticket open (and is typing or not) and
 * returns the colleagues there; false when there is no such ticket.
 */
export async function sayPresent(db: Db, ticketId: string, agentId: string, typing: boolean): Promise<Colleague[] | false> {
  const written = await rows<{ ticket_id: string }>(
    db,
    sql`insert into ticket_presence (ticket_id, agent_id, seen_at, typing_at)
        select id, ${agentId}::uuid, now(), ${typing ? sql`now()` : sql`null`} from tickets where id = ${ticketId}::uuid
        on conflict (ticket_id, agent_id) do update set seen_at = excluded.seen_at, typing_at = excluded.typing_at
        returning ticket_id`,
  );
  if (written.length === 0) return false;
  await db.execute(sql`delete from ticket_presence where seen_at < now() - ${FORGET_AFTER}::interval`);
  return colleaguesOn(db, ticketId, agentId);
}

/** Forgets that `agentId` has the ticket open. */
export async function sayGone(db: Db, ticketId: string, agentId: string): Promise<void> {
  await db.execute(sql`delete from ticket_presence where ticket_id = ${ticketId}::uuid and agent_id = ${agentId}::uuid`);
}

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const security = [{ [SESSION_SECURITY]: [] }];
const idParam = idParamSchema('id', 'The ticket.');

/**
 * The presence routes, mounted at `/api/agent/presence` (a sub-app of its
 * own rather than beside the ticket routes, so a ticket request checks the
 * session once).
 *
 * @example agentApi.route('/presence', presenceRoutes({ database, ttlHours: 12 }));
 */
export function presenceRoutes(options: { database: Database } & Pick<SessionOptions, 'ttlHours'>): OpenAPIHono<{ Variables: AgentVariables }> {
  const db = options.database.db;
  const app = agentApp(db, options);

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{id}',
      summary: 'I have this ticket open (and am typing or not); who else has?',
      description: `Say it every few seconds while the ticket is open (it counts for ${PRESENT_SECONDS} s; typing for ${TYPING_SECONDS} s). Answers the colleagues who have it open now, typing ones first.`,
      security,
      middleware: [limitBody(1 * KB)] as const,
      request: { params: idParam, body: { required: true, content: json(z.object({ typing: z.boolean({ error: expecting('true or false') }) })) } },
      responses: {
        200: { description: 'The colleagues on this ticket.', content: json(z.object({ colleagues: z.array(colleagueSchema) })) },
        400: errorResponse('`typing` is missing or not a boolean.'),
        401: errorResponse('Not signed in.'),
        404: errorResponse('No such ticket.'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const colleagues = isUuid(id) ? await sayPresent(db, id, c.var.agent.id, c.req.valid('json').typing) : false;
      return colleagues === false ? c.json(errorBody('no such ticket'), 404) : c.json({ colleagues }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'I left this ticket',
      security,
      request: { params: idParam },
      responses: { 204: { description: 'Forgotten.' }, 401: errorResponse('Not signed in.') },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      if (isUuid(id)) await sayGone(db, id, c.var.agent.id);
      return c.body(null, 204);
    },
  );

  return app;
}
