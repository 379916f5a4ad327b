/**
 * For tests (and an admin's own checks): where in the whole database a piece
 * of text still occurs. The tables and columns come from
 * information_schema, so a table added later is searched without anyone
 * remembering to add it here.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/query.ts';
import { rows } from '../db/query.ts';

/**
 * Every `table.column` of the current schema (text, varchar, json, jsonb and
 * arrays, compared as text, case-insensitively) that contains `needle`.
 *
 * @example await findEverywhere(db, 'jan@example.nl') // ['tickets.customer_email', 'messages.body']
 */
export async function findEverywhere(db: Executor, needle: string): Promise<string[]> {
  const columns = await rows<{ table_name: string; column_name: string }>(
    db,
    sql`select c.table_name, c.column_name
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
        where c.table_schema = current_schema()
          and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY'))
        order by c.table_name, c.ordinal_position`,
  );
  const found: string[] = [];
  const pattern = `%${needle.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  for (const { table_name: table, column_name: column } of columns) {
    const [hit] = await rows<{ hit: number }>(
      db,
      sql`select 1 as hit from ${sql.identifier(table)} where ${sql.identifier(column)}::text ilike ${pattern} limit 1`,
    );
    if (hit) found.push(`${table}.${column}`);
  }
  return found;
}
