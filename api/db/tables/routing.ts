/** Routing: teams of agents and the rules that send a hand-off to a team (api/routing). */
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../core/locale.ts';
import { agents } from './agents.ts';
import { createdAt, inList } from './columns.ts';

/**
 * A named group of agents a routing rule sends tickets to (e.g. "Bezorging",
 * "Retouren"). Its row is also the lock of its round robin: routing locks it
 * `for update`, so two processes take turns one after the other.
 */
export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** The round robin's clock: how many tickets routing has given to members of this team. */
  turn: bigint('turn', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
});

/** Who is in a team, and when routing last gave them one of its tickets. */
export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    /** The team's `turn` when this member last got a ticket; null: never. The lowest goes next. */
    lastTurn: bigint('last_turn', { mode: 'number' }),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.agentId] }), index('team_members_agent_id_idx').on(table.agentId)],
);

/**
 * A routing rule: when a hand-off matches every condition that is set
 * (locale, category, any of the keywords in the customer's note), its ticket
 * goes to `team`. Rules are tried by `position`, lowest first; the first that
 * matches decides. No match: the shared queue.
 */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Shown in the ticket's history, so the agent sees why it came to them. */
    name: text('name').notNull(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Only hand-offs in this locale; null: any. */
    locale: text('locale', { enum: LOCALES }),
    /** Only hand-offs about an article of this category (content/categories.yaml); null: any. */
    categoryId: text('category_id'),
    /** At least one of these words (or word beginnings) in the customer's note; empty: any note. */
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('routing_rules_position_idx').on(table.position, table.id),
    check('routing_rules_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);
