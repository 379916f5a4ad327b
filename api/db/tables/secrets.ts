/** Secrets the server generates for itself when the configuration gives none. */
import { pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/**
 * One row per purpose (`links`: the key that signs the links and reply
 * addresses in customer e-mail, when LINK_SECRET is unset). Kept in the
 * database so every API process signs and checks with the same key.
 */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  /** base64url of 32 random bytes. */
  value: text('value').notNull(),
  createdAt: createdAt(),
});
