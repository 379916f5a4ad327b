/**
 * Saved replies, mounted at `/api/agent/saved-replies`: every agent lists
 * them per locale to insert into a reply; admins add, change and delete
 * them (the screen at /agent/saved-replies/). The
 * text may hold placeholders the inbox fills in: `{klant}`/`{customer}`
 * (the customer's name), `{ticket}` (its number), `{medewerker}`/`{agent}`
 * (the agent's name).
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { asc, eq } from 'drizzle-orm';
import { LOCALES } from '#core/locale.ts';
import { agentApp, requireAdmin, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import { SESSION_SECURITY } from '../agents/routes.ts';
import type { Database } from '../db/database.ts';
import { isUniqueViolation } from '../db/query.ts';
import { savedReplies } from '../db/tables.ts';
import { errorBody } from '../http/errors.ts';
import { errorResponse, expecting, idParamSchema, isUuid, KB, limitBody, NUL_MESSAGE, STORABLE, WELL_FORMED, ILL_FORMED_MESSAGE } from '../http/validation.ts';
import { messageBodySchema } from '../conversations/schema.ts';

const json = <T>(schema: T) => ({ 'application/json': { schema } });
const security = [{ [SESSION_SECURITY]: [] }];
const localeSchema = z.enum(LOCALES, { error: expecting(`one of ${LOCALES.join(', ')}`) });

/** A saved reply as the API shows it. */
export const savedReplySchema = z
  .object({ id: z.string(), locale: z.enum(LOCALES), title: z.string(), body: z.string(), createdAt: z.string().openapi({ format: 'date-time' }) })
  .openapi('SavedReply');

/** A saved reply, with placeholders such as {klant} and {ticket}. */
export type SavedReply = z.infer<typeof savedReplySchema>;

const savedReplyBodySchema = z
  .object({
    locale: localeSchema,
    title: z
      .string({ error: expecting('a string') })
      .trim()
      .min(1, 'must not be empty')
      .max(80, 'must be at most 80 characters')
      .regex(STORABLE, NUL_MESSAGE)
      .regex(WELL_FORMED, ILL_FORMED_MESSAGE),
    body: messageBodySchema.openapi({ example: 'Hoi {klant}, dank je voor je geduld. Groet, {medewerker}' }),
  })
  .openapi('SavedReplyInput');

/** Body of `PATCH /saved-replies/{id}`: any of the fields, at least one. */
const savedReplyChangeSchema = savedReplyBodySchema
  .partial()
  .refine((change) => change.locale !== undefined || change.title !== undefined || change.body !== undefined, { message: 'must change locale, title or body' })
  .openapi('SavedReplyChange');

/**
 * The saved-replies sub-app.
 *
 * @example agentApi.route('/saved-replies', savedReplyRoutes({ database, ttlHours: 12 }));
 */
export function savedReplyRoutes(options: { database: Database } & Pick<SessionOptions, 'ttlHours'>): OpenAPIHono<{ Variables: AgentVariables }> {
  const db = options.database.db;
  const app = agentApp(db, options);
  const columns = { id: savedReplies.id, locale: savedReplies.locale, title: savedReplies.title, body: savedReplies.body, createdAt: savedReplies.createdAt };
  const shown = (row: { id: string; locale: 'nl' | 'en'; title: string; body: string; createdAt: Date }) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      summary: 'Saved replies of a locale',
      description: 'By title. Placeholders in the text: `{klant}`/`{customer}`, `{ticket}`, `{medewerker}`/`{agent}`.',
      security,
      request: { query: z.object({ locale: localeSchema.openapi({ param: { name: 'locale', in: 'query' } }) }) },
      responses: {
        200: { description: 'The saved replies.', content: json(z.object({ savedReplies: z.array(savedReplySchema) })) },
        400: errorResponse('`locale` is missing or wrong.'),
        401: errorResponse('Not signed in.'),
      },
    }),
    async (c) => {
      const rows = await db
        .select(columns)
        .from(savedReplies)
        .where(eq(savedReplies.locale, c.req.valid('query').locale))
        .orderBy(asc(savedReplies.title));
      return c.json({ savedReplies: rows.map(shown) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      summary: 'Add a saved reply (admins)',
      security,
      middleware: [requireAdmin(), limitBody(32 * KB)] as const,
      request: { body: { required: true, content: json(savedReplyBodySchema) } },
      responses: {
        201: { description: 'Added.', content: json(savedReplySchema) },
        400: errorResponse('A field is wrong; `field` names it.'),
        401: errorResponse('Not signed in.'),
        403: errorResponse('Not an admin, or no `X-Requested-With: wegwijs` header.'),
        409: errorResponse('This locale already has a saved reply with this title.'),
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const [row] = await db
        .insert(savedReplies)
        .values({ ...input, createdBy: c.var.agent.id })
        .onConflictDoNothing()
        .returning(columns);
      if (!row) return c.json(errorBody(`there is already a saved reply titled "${input.title}" in ${input.locale}`, 'title'), 409);
      return c.json(shown(row), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      summary: 'Change a saved reply (admins)',
      description: 'Any of `locale`, `title` and `body`; a title stays unique per locale.',
      security,
      middleware: [requireAdmin(), limitBody(32 * KB)] as const,
      request: { params: idParamSchema('id', 'The saved reply.'), body: { required: true, content: json(savedReplyChangeSchema) } },
      responses: {
        200: { description: 'Changed.', content: json(savedReplySchema) },
        400: errorResponse('A field is wrong; `field` names it.'),
        401: errorResponse('Not signed in.'),
        403: errorResponse('Not an admin, or no `X-Requested-With: wegwijs` header.'),
        404: errorResponse('No such saved reply.'),
        409: errorResponse('That locale already has a saved reply with this title.'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const change = c.req.valid('json');
      if (!isUuid(id)) return c.json(errorBody('no such saved reply'), 404);
      try {
        const [row] = await db.update(savedReplies).set(change).where(eq(savedReplies.id, id)).returning(columns);
        return row ? c.json(shown(row), 200) : c.json(errorBody('no such saved reply'), 404);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return c.json(errorBody(`there is already a saved reply with this title in ${change.locale ?? 'its locale'}`, 'title'), 409);
      }
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      summary: 'Delete a saved reply (admins)',
      security,
      middleware: [requireAdmin()] as const,
      request: { params: idParamSchema('id', 'The saved reply.') },
      responses: {
        204: { description: 'Deleted.' },
        401: errorResponse('Not signed in.'),
        403: errorResponse('Not an admin, or no `X-Requested-With: wegwijs` header.'),
        404: errorResponse('No such saved reply.'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const deleted = isUuid(id) ? await db.delete(savedReplies).where(eq(savedReplies.id, id)).returning({ id: savedReplies.id }) : [];
      return deleted.length > 0 ? c.body(null, 204) : c.json(errorBody('no such saved reply'), 404);
    },
  );

  return app;
}
