/**
 * An agent's own notice setting, mounted at `/api/agent/me/notices`: whether
 * they get e-mail notices (new tickets in their queue, customer replies on
 * their tickets, collected into digests) and in which language. Each agent
 * reads and changes only their own.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { eq, sql } from 'drizzle-orm';
import { LOCALES } from '#core/locale.ts';
import { agentApp, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import { SESSION_SECURITY } from '../agents/routes.ts';
import type { Database } from '../db/database.ts';
import { agents } from '../db/tables.ts';
import { errorResponse, expecting, KB, limitBody } from '../http/validation.ts';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const security = [{ [SESSION_SECURITY]: [] }];

/** An agent's notice setting. */
export const noticeSettingsSchema = z
  .object({
    /** E-mail notices on or off. */
    notifyByEmail: z.boolean(),
    /** Language of the notice e-mail. */
    locale: z.enum(LOCALES),
  })
  .openapi('NoticeSettings');

/** An agent's notice setting. */
export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;

const noticeChangeSchema = z
  .object({
    notifyByEmail: z.boolean({ error: expecting('true or false') }).optional(),
    locale: z.enum(LOCALES, { error: expecting(`one of ${LOCALES.join(', ')}`) }).optional(),
  })
  .refine((change) => change.notifyByEmail !== undefined || change.locale !== undefined, { message: 'must change notifyByEmail or locale' })
  .openapi('NoticeSettingsChange');

/**
 * The notice-settings sub-app.
 *
 * @example agentApi.route('/me/notices', noticeRoutes({ database, ttlHours: 12 }));
 */
export function noticeRoutes(options: { database: Database } & Pick<SessionOptions, 'ttlHours'>): OpenAPIHono<{ Variables: AgentVariables }> {
  const db = options.database.db;
  const app = agentApp(db, options);
  const columns = { notifyByEmail: agents.notifyByEmail, locale: agents.locale };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'My notice setting',
      security,
      responses: {
        200: { description: 'Whether I get e-mail notices, and in which language.', content: json(noticeSettingsSchema) },
        401: errorResponse('Not signed in.'),
      },
    }),
    async (c) => {
      const [row] = await db.select(columns).from(agents).where(eq(agents.id, c.var.agent.id));
      return c.json(row ?? { notifyByEmail: false, locale: 'nl' as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/',
      summary: 'Switch my e-mail notices on or off',
      description:
        "New tickets in my queue (assigned to me by routing, in my team's queue, or in the shared queue) and customer replies on tickets I hold, at most one e-mail per AGENT_NOTICE_MINUTES. The inbox sends its language along, so the e-mail speaks it. Requires `X-Requested-With: wegwijs`.",
      security,
      middleware: [limitBody(1 * KB)] as const,
      request: { body: { required: true, content: json(noticeChangeSchema) } },
      responses: {
        200: { description: 'Changed: my notice setting.', content: json(noticeSettingsSchema) },
        400: errorResponse('A field is wrong, or nothing to change; `field` names it.'),
        401: errorResponse('Not signed in.'),
        403: errorResponse('No `X-Requested-With: wegwijs` header.'),
      },
    }),
    async (c) => {
      const change = c.req.valid('json');
      const [row] = await db
        .update(agents)
        .set({
          ...(change.notifyByEmail !== undefined ? { notifyByEmail: change.notifyByEmail } : {}),
          ...(change.locale !== undefined ? { locale: change.locale } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(agents.id, c.var.agent.id))
        .returning(columns);
      return c.json(row ?? { notifyByEmail: false, locale: 'nl' as const }, 200);
    },
  );

  return app;
}
