/**
 * Request and response schemas of the routing API: teams, agents' routing
 * status and cap, and the rules.
 */
import { z } from '@hono/zod-openapi';
import { LOCALES } from '#core/locale.ts';
import { AGENT_STATUSES } from '../db/tables.ts';
import { expecting, ILL_FORMED_MESSAGE, NUL_MESSAGE, STORABLE, WELL_FORMED } from '../http/validation.ts';

/** Most keywords one rule may have. */
export const MAX_KEYWORDS = 30;

/** Highest open-ticket cap an admin can set. */
export const MAX_OPEN_TICKET_CAP = 1000;

const text = (max: number) =>
  z
    .string({ error: expecting('a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(STORABLE, NUL_MESSAGE)
    .regex(WELL_FORMED, ILL_FORMED_MESSAGE);

const name = text(80);
const id = z.string({ error: expecting('an id') }).max(100, 'must be at most 100 characters');
const memberIds = z
  .array(id, { error: expecting('a list of agent ids') })
  .max(200, 'must have at most 200 members')
  .transform((ids) => [...new Set(ids)]);

/** Body of `POST /agent/routing/teams`. */
export const teamCreateSchema = z.object({ name, memberIds: memberIds.default([]) }).openapi('TeamCreate');
export type TeamCreate = z.infer<typeof teamCreateSchema>;

/** Body of `PATCH /agent/routing/teams/{id}`: a new name, a new member list, or both. */
export const teamChangeSchema = z
  .object({ name: name.optional(), memberIds: memberIds.optional() })
  .refine((change) => change.name !== undefined || change.memberIds !== undefined, { message: 'must change name or memberIds' })
  .openapi('TeamChange');
export type TeamChange = z.infer<typeof teamChangeSchema>;

/** Body of `PATCH /agent/routing/agents/{id}`. */
export const agentRoutingChangeSchema = z
  .object({
    status: z.enum(AGENT_STATUSES, { error: expecting(`one of ${AGENT_STATUSES.join(', ')}`) }).optional(),
    /** Most unresolved tickets routing gives them; null: no cap. */
    openTicketCap: z
      .number({ error: expecting(`a whole number from 0 to ${MAX_OPEN_TICKET_CAP}, or null`) })
      .int(`must be a whole number from 0 to ${MAX_OPEN_TICKET_CAP}`)
      .min(0, `must be a whole number from 0 to ${MAX_OPEN_TICKET_CAP}`)
      .max(MAX_OPEN_TICKET_CAP, `must be a whole number from 0 to ${MAX_OPEN_TICKET_CAP}`)
      .nullable()
      .optional(),
  })
  .refine((change) => change.status !== undefined || change.openTicketCap !== undefined, { message: 'must change status or openTicketCap' })
  .openapi('AgentRoutingChange');
export type AgentRoutingChange = z.infer<typeof agentRoutingChangeSchema>;

const keywords = z
  .array(
    text(60).refine((keyword) => /[\p{L}\p{N}]/u.test(keyword), 'must contain a letter or digit'),
    { error: expecting('a list of words') },
  )
  .max(MAX_KEYWORDS, `must have at most ${MAX_KEYWORDS} words`)
  .transform((list) => [...new Set(list)]);
const locale = z.enum(LOCALES, { error: expecting(`one of ${LOCALES.join(', ')}, or null`) }).nullable();
const categoryId = z
  .string({ error: expecting('a category id or null') })
  .max(100, 'must be at most 100 characters')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'must be a category id (letters, digits, ".", "_", "-")')
  .nullable();
const position = z
  .number({ error: expecting('a whole number') })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(1_000_000, 'must be at most 1000000');

/** Body of `POST /agent/routing/rules`. Without `position` the rule goes last. */
export const ruleCreateSchema = z
  .object({
    name,
    teamId: id,
    locale: locale.default(null),
    categoryId: categoryId.default(null),
    keywords: keywords.default([]),
    enabled: z.boolean({ error: expecting('true or false') }).default(true),
    position: position.optional(),
  })
  .openapi('RoutingRuleCreate');
export type RuleCreate = z.infer<typeof ruleCreateSchema>;

/** Body of `PATCH /agent/routing/rules/{id}`: at least one field. */
export const ruleChangeSchema = z
  .object({
    name: name.optional(),
    teamId: id.optional(),
    locale: locale.optional(),
    categoryId: categoryId.optional(),
    keywords: keywords.optional(),
    enabled: z.boolean({ error: expecting('true or false') }).optional(),
    position: position.optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), { message: 'must change at least one field' })
  .openapi('RoutingRuleChange');
export type RuleChange = z.infer<typeof ruleChangeSchema>;

const ref = z.object({ id: z.string(), name: z.string() });

/** A team with its members. */
export const teamSchema = z.object({ id: z.string(), name: z.string(), members: z.array(ref) }).openapi('Team');
export type Team = z.infer<typeof teamSchema>;

/** An agent as routing sees them. */
export const routingAgentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(['agent', 'admin']),
    status: z.enum(AGENT_STATUSES),
    openTicketCap: z.number().int().nullable(),
    /** Unresolved tickets they hold now. */
    openTickets: z.number().int(),
    teamIds: z.array(z.string()),
  })
  .openapi('RoutingAgent');
export type RoutingAgent = z.infer<typeof routingAgentSchema>;

/** A routing rule. */
export const ruleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    position: z.number().int(),
    enabled: z.boolean(),
    locale: z.enum(LOCALES).nullable(),
    categoryId: z.string().nullable(),
    keywords: z.array(z.string()),
    team: ref,
  })
  .openapi('RoutingRule');
export type Rule = z.infer<typeof ruleSchema>;

/** `GET /agent/routing`: everything the routing screen shows. */
export const routingOverviewSchema = z
  .object({ teams: z.array(teamSchema), agents: z.array(routingAgentSchema), rules: z.array(ruleSchema) })
  .openapi('RoutingOverview');
export type RoutingOverview = z.infer<typeof routingOverviewSchema>;
