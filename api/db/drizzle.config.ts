/**
 * drizzle-kit configuration: `npm run db:generate` compares the tables that
 * `tables.ts` re-exports (from `tables/`) with the last snapshot in
 * `migrations/` and writes the next migration. It needs
 * no database; the server applies the migrations at start (`migrate()`).
 */
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './api/db/tables.ts',
  out: './api/db/migrations',
  strict: true,
});
