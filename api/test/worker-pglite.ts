/**
 * One PGlite per Vitest worker, handed to test file after test file and
 * brought back to the migrated state in between, instead of a new PGlite
 * per file: opening one from the migrated dump (pglite-dump.ts) costs
 * 1.1–2.8 s of CPU, bringing a used one back 0.13–0.17 s (decision 038).
 *
 * "Back to the migrated state" is checked, not assumed. {@link databaseState}
 * reads what a test could see or change from the catalogue: every object made
 * after initdb, the definitions of the app's tables, columns, constraints,
 * indexes, triggers and functions, database-wide and session settings,
 * prepared statements, cursors, LISTEN channels, advisory locks, temporary
 * tables, each sequence's position and each table's rows. The state after a
 * reset must equal the state the instance had when it was opened from the
 * dump; if it does not (a test made or altered a table, a function, a role…:
 * nothing a reset undoes), the instance is closed and the next file gets a
 * new one. The test files are in worker-pglite.test.ts.
 *
 * The files of the `shared` project share their workers and their modules
 * (`isolate: false`, decision 032), so the idle instance below outlives the
 * file that used it. Files of the `isolated` project get a new worker, and
 * so a new instance, each.
 */
import { isDeepStrictEqual } from 'node:util';
import type { PGlite } from '@electric-sql/pglite';
import { type Database, pgliteDatabase } from '../db/database.ts';
import { migratedPgliteDump } from './pglite-dump.ts';

/** What a PGlite database holds that a test could see or change; equal states mean no test can tell the databases apart. */
export interface DatabaseState {
  /** Every object made after initdb (oid ≥ 16384), as `catalog oid`: a table, index, type, function, role, large object… made or dropped. */
  objects: string[];
  /** How the app's relations, columns, defaults, constraints, indexes, triggers, functions, sequences, extensions and comments are defined. */
  definitions: string[];
  /** Settings that outlive a session: the database's and roles' (`ALTER DATABASE/ROLE … SET`), roles' attributes, `ALTER SYSTEM`. */
  settings: string[];
  /** What the session holds: its settings (search_path…), user, prepared statements, cursors (the unnamed one of the query itself left out), LISTEN channels, advisory locks, temporary tables. */
  session: string[];
  /** Each sequence of the app's schemas and where it stands (`lastValue` null: never called since it was set). */
  sequences: { sequence: string; lastValue: string | null; start: string }[];
  /** Each table of the app's schemas, its row count and a hash of its rows. */
  contents: { table: string; rows: number; md5: string }[];
}

/** The schemas PostgreSQL makes itself; every other schema is the app's. */
const SYSTEM_SCHEMAS = `(n.nspname in ('pg_catalog', 'information_schema') or n.nspname ~ '^pg_(toast|temp_|toast_temp_)')`;

/** PostgreSQL's FirstNormalObjectId: objects below it come from initdb. */
const FIRST_USER_OID = 16384;

/** The sections of {@link DatabaseState} read from the catalogue as lines of text. */
type CatalogSection = 'objects' | 'definitions' | 'settings' | 'session';

/** Reads {@link DatabaseState} of `client`. */
export async function databaseState(client: PGlite): Promise<DatabaseState> {
  const state: DatabaseState = { objects: [], definitions: [], settings: [], session: [], sequences: [], contents: [] };
  const { rows } = await client.query<{ section: CatalogSection; line: string }>(`${await catalogLines(client)} order by 1, 2`);
  for (const { section, line } of rows) state[section].push(line);
  state.sequences = await sequencePositions(client);
  state.contents = await tableContents(client, await appTables(client));
  return state;
}

/**
 * {@link DatabaseState} in short: a hash of each catalogue section instead of
 * its lines (a few thousand), the sequences and the contents of `tables` as
 * they are. What a reset compares; equal digests mean equal states.
 */
async function stateDigest(client: PGlite, tables: readonly string[]): Promise<unknown> {
  const { rows } = await client.query<{ section: CatalogSection; md5: string }>(
    `select section, md5(string_agg(line, E'\n' order by line)) as md5 from (${await catalogLines(client)}) as lines group by section order by 1`,
  );
  return { catalog: rows, sequences: await sequencePositions(client), contents: await tableContents(client, tables) };
}

/** The catalogues that have an oid column, once per process (the same for every instance of one PGlite version). */
let catalogsWithOids: string[] | undefined;

/** A query of the catalogue sections of {@link DatabaseState}, as rows of (section, line). */
async function catalogLines(client: PGlite): Promise<string> {
  catalogsWithOids ??= (
    await client.query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'oid' and not a.attisdropped
       where c.relnamespace = 'pg_catalog'::regnamespace and c.relkind = 'r' order by 1`,
    )
  ).rows.map((row) => row.name);
  const objects = catalogsWithOids
    .map((catalog) =>
      catalog === 'pg_namespace'
        ? // A session's temporary schemas stay once made, empty after DISCARD ALL; what was in them is in `session`.
          `select 'pg_namespace ' || oid from pg_namespace where oid >= ${FIRST_USER_OID} and nspname !~ '^pg_(toast_)?temp_'`
        : `select '${catalog} ' || oid from pg_catalog.${catalog} where oid >= ${FIRST_USER_OID}`,
    )
    .join(' union all ');
  // concat_ws: every value as text, NULL left out ("char" and array columns do not take ||).
  return `with app_relations as (
       select c.* from pg_class c join pg_namespace n on n.oid = c.relnamespace where not ${SYSTEM_SCHEMAS} or c.relpersistence = 't'
     )
     select 'objects' as section, line from (${objects}) as o(line)
     union all select 'definitions', concat_ws(' ', 'relation', oid::regclass, relkind, relpersistence, reloptions, relacl, relrowsecurity, relforcerowsecurity,
       relreplident, relispartition) from app_relations
     union all select 'definitions', concat_ws(' ', 'column', a.attrelid::regclass, a.attname, format_type(a.atttypid, a.atttypmod), a.attnum, a.attnotnull,
       a.attidentity, a.attgenerated, a.attisdropped, a.attcollation, a.attoptions, a.attacl, 'default', pg_get_expr(d.adbin, d.adrelid))
       from pg_attribute a join app_relations r on r.oid = a.attrelid left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum where a.attnum > 0
     union all select 'definitions', concat_ws(' ', 'constraint', conrelid::regclass, contypid::regtype, conname, pg_get_constraintdef(oid), convalidated)
       from pg_constraint where oid >= ${FIRST_USER_OID}
     union all select 'definitions', concat_ws(' ', 'index', pg_get_indexdef(indexrelid), indisvalid, indisclustered, indisreplident)
       from pg_index where indexrelid >= ${FIRST_USER_OID}
     union all select 'definitions', concat_ws(' ', 'trigger', pg_get_triggerdef(oid), tgenabled) from pg_trigger where oid >= ${FIRST_USER_OID}
     union all select 'definitions', concat_ws(' ', 'function', oid::regprocedure, prokind, provolatile, prosecdef, md5(prosrc), proconfig, proacl)
       from pg_proc where oid >= ${FIRST_USER_OID}
     union all select 'definitions', concat_ws(' ', 'rule', pg_get_ruledef(oid)) from pg_rewrite where oid >= ${FIRST_USER_OID}
     union all select 'definitions', concat_ws(' ', 'enum', enumtypid::regtype, enumlabel, enumsortorder) from pg_enum where oid >= ${FIRST_USER_OID}
     union all select 'definitions', concat_ws(' ', 'sequence', seqrelid::regclass, seqtypid::regtype, seqstart, seqincrement, seqmax, seqmin, seqcache, seqcycle)
       from pg_sequence
     union all select 'definitions', concat_ws(' ', 'extension', extname, extversion) from pg_extension
     union all select 'definitions', concat_ws(' ', 'depends', classid::regclass, objid, objsubid, 'on', refclassid::regclass, refobjid, refobjsubid, deptype)
       from pg_depend where objid >= ${FIRST_USER_OID}
     union all select 'definitions', concat_ws(' ', 'comment', classoid::regclass, objoid, objsubid, description) from pg_description where objoid >= ${FIRST_USER_OID}
     union all select 'settings', concat_ws(' ', 'role-setting', setdatabase, setrole, setconfig) from pg_db_role_setting
     union all select 'settings', concat_ws(' ', 'database', datname, datallowconn, datconnlimit, datistemplate, datacl) from pg_database
     union all select 'settings', concat_ws(' ', 'role', rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls,
       rolconnlimit, rolvaliduntil, md5(rolpassword)) from pg_authid
     union all select 'settings', concat_ws(' ', 'file', sourcefile, name, setting, applied) from pg_file_settings
     union all select 'session', concat_ws(' ', 'setting', name, setting, source) from pg_settings where source <> 'default'
     union all select 'session', concat_ws(' ', 'user', current_user, session_user, current_schemas(false))
     union all select 'session', concat_ws(' ', 'prepared', name, statement) from pg_prepared_statements
     union all select 'session', concat_ws(' ', 'cursor', name) from pg_cursors where name <> ''
     union all select 'session', concat_ws(' ', 'listening', pg_listening_channels())
     union all select 'session', concat_ws(' ', 'lock', locktype, classid, objid, objsubid, mode) from pg_locks where locktype = 'advisory'
     union all select 'session', concat_ws(' ', 'temporary', oid::regclass) from pg_class where relpersistence = 't'`;
}

/** Each sequence of the app's schemas and where it stands. */
async function sequencePositions(client: PGlite): Promise<DatabaseState['sequences']> {
  const { rows } = await client.query<DatabaseState['sequences'][number]>(
    `select quote_ident(schemaname) || '.' || quote_ident(sequencename) as sequence, last_value::text as "lastValue", start_value::text as start
     from pg_sequences where schemaname !~ '^pg_' and schemaname <> 'information_schema' order by 1`,
  );
  return rows;
}

/** Row count and a hash of the rows of each of `tables`. */
async function tableContents(client: PGlite, tables: readonly string[]): Promise<DatabaseState['contents']> {
  if (tables.length === 0) return [];
  const perTable = tables.map(
    (table) =>
      `select ${quoteLiteral(table)} as table, count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5 from ${table} as t`,
  );
  const { rows } = await client.query<DatabaseState['contents'][number]>(`${perTable.join(' union all ')} order by 1`);
  return rows;
}

/** The tables of the app's schemas, schema-qualified and quoted, read from the catalogue. */
async function appTables(client: PGlite): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select quote_ident(n.nspname) || '.' || quote_ident(c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and not ${SYSTEM_SCHEMAS} order by 1`,
  );
  return rows.map((row) => row.name);
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A database's migrated state, to bring it back to. */
export interface MigratedState {
  /** The tables of the app's schemas. */
  tables: string[];
  /** The state in short (what a reset compares). */
  digest: unknown;
  /** Per table that had rows (drizzle's record of the migrations, rows a migration inserts): its insertable columns and its rows as JSON. */
  rows: Map<string, { columns: string; json: string }>;
}

/** Records what `client` holds now as the state {@link resetToMigrated} brings it back to. */
export async function recordMigratedState(client: PGlite): Promise<MigratedState> {
  const tables = await appTables(client);
  const rows = new Map<string, { columns: string; json: string }>();
  for (const { table, rows: count } of await tableContents(client, tables)) {
    if (count === 0) continue;
    // Generated columns are computed again on insert and may not be given.
    const { rows: columns } = await client.query<{ name: string }>(
      `select quote_ident(attname) as name from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
      [table],
    );
    const { rows: data } = await client.query<{ json: string }>(`select json_agg(t)::text as json from ${table} as t`);
    rows.set(table, { columns: columns.map((column) => column.name).join(', '), json: data[0]?.json ?? '[]' });
  }
  return { tables, digest: await stateDigest(client, tables), rows };
}

/**
 * Brings `client` back to `migrated`: ends an open transaction, `DISCARD
 * ALL` for the session (settings, prepared statements, cursors, LISTEN,
 * advisory locks, temporary tables), empties every table whose rows differ
 * (`TRUNCATE … RESTART IDENTITY CASCADE`) and puts the migrated rows back,
 * and sets every sequence that moved back where it stood. Resolves to
 * whether the database's state (a {@link DatabaseState} in short) now equals
 * the migrated one; when it does not (a test made or changed a table, a
 * function, a role…, which no reset undoes), the caller must not hand the
 * database out again.
 */
export async function resetToMigrated(client: PGlite, migrated: MigratedState): Promise<boolean> {
  // Outside a transaction ROLLBACK only warns; DISCARD ALL may not run inside one.
  await client.exec('rollback');
  await client.exec('discard all');
  const { contents, sequences } = migrated.digest as { contents: DatabaseState['contents']; sequences: DatabaseState['sequences'] };
  const expected = new Map(contents.map((table) => [table.table, table]));
  const changed = (await tableContents(client, migrated.tables))
    .filter((table) => !isDeepStrictEqual(table, expected.get(table.table)))
    .map((table) => table.table);
  if (changed.length > 0) {
    await client.exec(`truncate table ${changed.join(', ')} restart identity cascade`);
    // The migrated rows back, into every table that had them (CASCADE may have emptied one whose own rows had not changed).
    await client.transaction(async (tx) => {
      // As they were: foreign keys and triggers not consulted (they held when the migrations left the rows).
      await tx.exec('set local session_replication_role = replica');
      for (const [table, { columns, json }] of migrated.rows) {
        await tx.query(`delete from ${table}`); // the ones CASCADE spared
        await tx.query(`insert into ${table} (${columns}) overriding system value select ${columns} from json_populate_recordset(null::${table}, $1)`, [json]);
      }
    });
  }
  const positions = new Map((await sequencePositions(client)).map((sequence) => [sequence.sequence, sequence]));
  for (const { sequence, lastValue, start } of sequences.filter((sequence) => !isDeepStrictEqual(sequence, positions.get(sequence.sequence)))) {
    await client.query(`select setval($1::regclass, $2::bigint, $3)`, [sequence, lastValue ?? start, lastValue !== null]);
  }
  return isDeepStrictEqual(await stateDigest(client, migrated.tables), migrated.digest);
}

/** An instance waiting for the next file, with the state it goes back to. */
interface Idle {
  client: PGlite;
  close: () => Promise<void>;
  migrated: MigratedState;
}

/** At most this many idle instances per worker: one per database a file holds at once; more would only hold memory. */
const MAX_IDLE = 2;

const idle: Idle[] = [];

/** What a lease may use of the client: drizzle's queries and transactions. Anything else (LISTEN callbacks, the protocol) leaves JavaScript state no reset can check. */
const LEASED_CLIENT_USE = new Set<PropertyKey>(['query', 'exec', 'transaction', 'sql', 'closed', 'ready', 'waitReady', 'then']);

/**
 * A migrated PGlite for one test file: the worker's idle instance when there
 * is one, else a new one from the dump. `drop()` hands it back, reset; a
 * database the file closed, or used beyond queries and transactions, is not
 * handed out again. After `drop()` the file's handle refuses every query: a
 * timer or server left running would otherwise write into the next file's
 * database.
 */
export async function leaseWorkerPglite(): Promise<{ database: Database; drop(): Promise<void> }> {
  const instance = idle.pop() ?? (await openInstance());
  let state: 'leased' | 'tainted' | 'closed' | 'returned' = 'leased';
  const guarded = new Proxy(instance.client, {
    get(target, property) {
      if (state === 'returned') {
        throw new Error('Wegwijs tests: this test database was handed back at the end of its file; something (a timer, a server not stopped) still uses it');
      }
      if (typeof property === 'string' && !LEASED_CLIENT_USE.has(property) && state === 'leased') state = 'tainted';
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const database = await pgliteDatabase(guarded, async () => {
    state = 'closed';
    await instance.close();
  });
  return {
    database,
    async drop() {
      if (state === 'returned') return;
      const reusable = state === 'leased' && !instance.client.closed;
      state = 'returned';
      if (!reusable || idle.length >= MAX_IDLE) return void (await instance.close());
      let reset = false;
      try {
        reset = await resetToMigrated(instance.client, instance.migrated);
      } finally {
        // A reset that failed or did not get back to the migrated state: this instance is done, the next file gets a new one.
        if (reset) idle.push(instance);
        else await instance.close();
      }
    },
  };
}

async function openInstance(): Promise<Idle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const client = await PGlite.create({ loadDataDir: await migratedPgliteDump() });
  // Once: a file may have closed it through its handle before handing it back.
  const close = () => (client.closed ? Promise.resolve() : client.close());
  try {
    // Nothing to apply when the dump is current (its name is the migrations' hash); cheap, and safe if it is not.
    await (await pgliteDatabase(client, close)).migrate();
    return { client, close, migrated: await recordMigratedState(client) };
  } catch (error) {
    await close();
    throw error;
  }
}
