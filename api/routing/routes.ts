/**
 * The routing API, mounted at `/api/agent/routing`. Every signed-in agent
 * may read it and set their own status; teams, rules, caps and colleagues'
 * statuses are for admins (403 otherwise). State-changing requests also need
 * `X-Requested-With: wegwijs` (checked for the whole agent API in app.ts).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { agentApp, agentRoute, requireAdmin, type AgentVariables, type SessionOptions } from '../agents/sessions.ts';
import type { Database } from '../db/database.ts';
import { errorResponse, idParamSchema, json, KB, limitBody } from '../http/validation.ts';
import {
  agentRoutingChangeSchema,
  routingAgentSchema,
  routingOverviewSchema,
  ruleChangeSchema,
  ruleCreateSchema,
  ruleSchema,
  teamChangeSchema,
  teamCreateSchema,
  teamSchema,
} from './schema.ts';
import { changeAgentRouting, createRule, createTeam, deleteRule, deleteTeam, routingOverview, updateRule, updateTeam } from './service.ts';

/** What the routing routes need. */
export interface RoutingRoutesOptions extends Pick<SessionOptions, 'ttlHours'> {
  database: Database;
}

const forbidden = errorResponse('Not an admin, or no `X-Requested-With: wegwijs` header.');
const invalid = errorResponse('A field is wrong; `field` names it.');

/**
 * The routing sub-app.
 *
 * @example agentApi.route('/routing', routingRoutes({ database, ttlHours: 12 }));
 */
export function routingRoutes(options: RoutingRoutesOptions): OpenAPIHono<{ Variables: AgentVariables }> {
  const db = options.database.db;
  const app = agentApp(db, options);

  app.openapi(
    agentRoute({
      method: 'get',
      path: '/',
      summary: 'Teams, agents and routing rules',
      description:
        'Teams with their members; active agents with status (`available`/`away`), open-ticket cap and the unresolved tickets they hold; rules in the order they are tried.',
      responses: { 200: { description: 'Routing as it stands.', content: json(routingOverviewSchema) } },
    }),
    async (c) => c.json(await routingOverview(db), 200),
  );

  app.openapi(
    agentRoute({
      method: 'post',
      path: '/teams',
      summary: 'Add a team',
      middleware: [requireAdmin(), limitBody(8 * KB)] as const,
      request: { body: { required: true, content: json(teamCreateSchema) } },
      responses: {
        201: { description: 'Added.', content: json(teamSchema) },
        400: invalid,
        403: forbidden,
        409: errorResponse('A team with this name exists (`field`: `name`).'),
        422: errorResponse('A member is not an active agent (`field`: `memberIds.N`).'),
      },
    }),
    async (c) => c.json(await createTeam(db, c.req.valid('json')), 201),
  );

  const teamId = idParamSchema('id', 'The team.');
  app.openapi(
    agentRoute({
      method: 'patch',
      path: '/teams/{id}',
      summary: 'Rename a team or replace its members',
      description: 'Members who stay keep their place in the round robin.',
      middleware: [requireAdmin(), limitBody(8 * KB)] as const,
      request: { params: teamId, body: { required: true, content: json(teamChangeSchema) } },
      responses: {
        200: { description: 'Changed.', content: json(teamSchema) },
        400: invalid,
        403: forbidden,
        404: errorResponse('No such team.'),
        409: errorResponse('A team with this name exists (`field`: `name`).'),
        422: errorResponse('A member is not an active agent (`field`: `memberIds.N`).'),
      },
    }),
    async (c) => c.json(await updateTeam(db, c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    agentRoute({
      method: 'delete',
      path: '/teams/{id}',
      summary: 'Delete a team',
      description: 'Refused (409) while a rule sends tickets to it. Its tickets keep their assignee.',
      middleware: [requireAdmin()] as const,
      request: { params: teamId },
      responses: { 204: { description: 'Deleted.' }, 403: forbidden, 404: errorResponse('No such team.'), 409: errorResponse('Rules still use it.') },
    }),
    async (c) => {
      await deleteTeam(db, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  app.openapi(
    agentRoute({
      method: 'patch',
      path: '/agents/{id}',
      summary: "Set an agent's status or open-ticket cap",
      description:
        "Routing gives new tickets only to `available` agents under their cap. Any agent may set their own status; colleagues' statuses and caps are for admins.",
      middleware: [limitBody(4 * KB)] as const,
      request: { params: idParamSchema('id', 'The agent.'), body: { required: true, content: json(agentRoutingChangeSchema) } },
      responses: {
        200: { description: 'Changed.', content: json(routingAgentSchema) },
        400: invalid,
        403: errorResponse("Not an admin (a colleague's status, or a cap), or no `X-Requested-With: wegwijs` header."),
        404: errorResponse('No such active agent.'),
      },
    }),
    async (c) => c.json(await changeAgentRouting(db, c.req.valid('param').id, c.var.agent, c.req.valid('json')), 200),
  );

  app.openapi(
    agentRoute({
      method: 'post',
      path: '/rules',
      summary: 'Add a routing rule',
      description:
        "A hand-off matches when every condition that is set holds: `locale`; `categoryId` (the category the customer chose, else that of the article the assistant last offered); any of `keywords` as a word or word beginning in the customer's note (case and accents ignored). Rules are tried by `position`, lowest first (without one, the rule goes last); the first match assigns the ticket to its team, round robin among available members under their cap.",
      middleware: [requireAdmin(), limitBody(8 * KB)] as const,
      request: { body: { required: true, content: json(ruleCreateSchema) } },
      responses: {
        201: { description: 'Added.', content: json(ruleSchema) },
        400: invalid,
        403: forbidden,
        422: errorResponse('`teamId` is not a team.'),
      },
    }),
    async (c) => c.json(await createRule(db, c.req.valid('json')), 201),
  );

  const ruleId = idParamSchema('id', 'The rule.');
  app.openapi(
    agentRoute({
      method: 'patch',
      path: '/rules/{id}',
      summary: 'Change a routing rule',
      middleware: [requireAdmin(), limitBody(8 * KB)] as const,
      request: { params: ruleId, body: { required: true, content: json(ruleChangeSchema) } },
      responses: {
        200: { description: 'Changed.', content: json(ruleSchema) },
        400: invalid,
        403: forbidden,
        404: errorResponse('No such rule.'),
        422: errorResponse('`teamId` is not a team.'),
      },
    }),
    async (c) => c.json(await updateRule(db, c.req.valid('param').id, c.req.valid('json')), 200),
  );

  app.openapi(
    agentRoute({
      method: 'delete',
      path: '/rules/{id}',
      summary: 'Delete a routing rule',
      middleware: [requireAdmin()] as const,
      request: { params: ruleId },
      responses: { 204: { description: 'Deleted.' }, 403: forbidden, 404: errorResponse('No such rule.') },
    }),
    async (c) => {
      await deleteRule(db, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );

  return app;
}
