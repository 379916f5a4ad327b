/** Agents (support staff) and their sign-in sessions. */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { LOCALES } from '../../../core/locale.ts';
import { createdAt, inList } from './columns.ts';

/** What an agent may do: admins also manage other agents' tickets. */
export const AGENT_ROLES = ['agent', 'admin'] as const;

/** Whether routing may give an agent new tickets (api/routing). */
export const AGENT_STATUSES = ['available', 'away'] as const;

/** A person on the support team who signs in to the inbox. */
export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Sign-in name, stored in lower case. */
    email: text('email').notNull().unique(),
    /** Shown to colleagues and, with replies, to customers. */
    name: text('name').notNull(),
    role: text('role', { enum: AGENT_ROLES }).notNull().default('agent'),
    /** scrypt hash in the PHC-like form written by api/agents/password.ts. */
    passwordHash: text('password_hash').notNull(),
    /** Whether they get e-mail notices (new tickets in their queue, customer replies on theirs), collected into digests (api/notices). */
    notifyByEmail: boolean('notify_by_email').notNull().default(false),
    /** Language of the e-mail they get: the inbox's language when they last changed their notice setting. */
    locale: text('locale', { enum: LOCALES }).notNull().default('nl'),
    /** A disabled agent cannot sign in and loses their sessions. */
    disabled: boolean('disabled').notNull().default(false),
    /** Routing gives new tickets only to available agents; an away agent keeps what they hold. */
    status: text('status', { enum: AGENT_STATUSES }).notNull().default('available'),
    /** Most unresolved tickets routing lets them hold; null: no cap. Claiming by hand is not capped. */
    openTicketCap: integer('open_ticket_cap'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('agents_role_check', sql`${table.role} in (${inList(AGENT_ROLES)})`),
    check('agents_email_lower_check', sql`${table.email} = lower(${table.email})`),
    check('agents_status_check', sql`${table.status} in (${inList(AGENT_STATUSES)})`),
    check('agents_open_ticket_cap_check', sql`${table.openTicketCap} >= 0`),
    check('agents_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/**
 * A saved reply: text an agent inserts into a reply with one choice, per
 * locale, managed by admins. Placeholders `{klant}`/`{customer}`,
 * `{ticket}` and `{medewerker}`/`{agent}` are filled in by the inbox.
 */
export const savedReplies = pgTable(
  'saved_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    locale: text('locale', { enum: LOCALES }).notNull(),
    /** What the agent picks it by. */
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The admin who added it. */
    createdBy: uuid('created_by').references(() => agents.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('saved_replies_locale_title_idx').on(table.locale, table.title),
    check('saved_replies_locale_check', sql`${table.locale} in (${inList(LOCALES)})`),
  ],
);

/** A signed-in agent. Only the SHA-256 of the session id (the cookie) is stored. */
export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session id, hex. */
    idHash: text('id_hash').primaryKey(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('sessions_agent_id_idx').on(table.agentId), index('sessions_expires_at_idx').on(table.expiresAt)],
);
