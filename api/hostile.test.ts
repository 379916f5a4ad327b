/**
 * The hostile battery: seeded malformed requests over every route of the
 * OpenAPI document (`GET /api/openapi.json`), signed in where the route
 * wants it, on PGlite and (under `.ci/with-postgres`) PostgreSQL. Each
 * request is a valid request with one thing broken — a field swapped for a
 * hostile value (half an emoji, NUL, year 0000, a reason nested 6,000 deep, a
 * formula, a huge number…), a query parameter, the id in the path, or the
 * body itself (not JSON, the wrong type). Whatever comes, the answer is
 * never a 5xx, every error has the one shape `{ error: { message } }`, and
 * no customer's e-mail address reaches the error log.
 *
 * `HOSTILE_REQUESTS` (default 1,200) sets the count per database;
 * `HOSTILE_SEED` the seed, printed when a request fails so it can be replayed.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { mulberry32 } from '#core/util/random.ts';
import { errorBodySchema } from './http/errors.ts';
import { agentHeaders, createTestAgent, createTicketVia, startConversation, testApp, type TestApp } from './test/app.ts';
import { describeOnDatabases } from './test/database.ts';

const COUNT = Number(process.env['HOSTILE_REQUESTS'] ?? 1200);
const SEED = Number(process.env['HOSTILE_SEED'] ?? 15);

/** A JSON Schema as the OpenAPI document writes it (the parts the generator reads). */
interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
}

interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  security?: Record<string, unknown>[];
}

/** Values that broke something once, or could: each replaces one part of a valid request. */
const DEEP = `${'['.repeat(6000)}0${']'.repeat(6000)}`;
const HOSTILE_JSON: string[] = [
  '"\\ud83d"',
  '"half an emoji \\ude00 here"',
  '"nul \\u0000 byte"',
  '""',
  '" "',
  JSON.stringify('x'.repeat(6000)),
  JSON.stringify('😀'.repeat(300)),
  '"=1+1"',
  '"zzq;=1+1;"',
  '"<img src=x onerror=alert(1)>"',
  '"0000-01-01T00:00:00Z"',
  '"9999-12-31T23:59:59+23:59"',
  '"2026-11-23T10:00:00+15:59"',
  '"0000-01-01"',
  '"9999-12-31"',
  '"00000000-0000-0000-0000-000000000000"',
  '"../../etc/passwd"',
  '"jan@example.nl\\r\\nBcc: x@example.com"',
  '-1',
  '0',
  '0.5',
  '2147483648',
  '1e308',
  '-1e308',
  '9007199254740993',
  'true',
  'null',
  '[]',
  '{}',
  '{"__proto__":{"polluted":1}}',
  '{"kind":"ranking","terms":[{"a":1}],"score":"x","margin":null}',
  DEEP,
  `{"a":${DEEP}}`,
];
const HOSTILE_QUERY: string[] = [
  '%ED%A0%80',
  '%00',
  '%',
  '%E0%A4%A',
  'x'.repeat(3000),
  '0000-01-01',
  '9999-12-31',
  '1999-12-31',
  '-1',
  '1e9',
  '99999',
  'csv',
  'all',
  '=1+1',
  '%F0%9F%98%80',
  "'; drop table tickets; --",
];
const HOSTILE_IDS: string[] = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '%ED%A0%80', '%00', 'x'.repeat(500), '..%2F..%2Fapi', '%F0%9F%98%80'];

/** Builds valid values for schemas, with `random` choosing among alternatives. */
function generator(components: Record<string, Schema>, random: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const resolve = (schema: Schema): Schema => (schema.$ref ? resolve(components[schema.$ref.split('/').pop() ?? ''] ?? {}) : schema);
  function valid(input: Schema, depth = 0): unknown {
    const schema = resolve(input);
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return pick(schema.enum);
    if (schema.example !== undefined && random() < 0.7) return schema.example;
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (alternatives) return valid(pick(alternatives.filter((s) => resolve(s).type !== 'null')), depth);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => valid(s, depth)));
    const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== 'null') ?? 'null') : schema.type;
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [name, property] of Object.entries(schema.properties ?? {})) {
          if (schema.required?.includes(name) || random() < 0.6) out[name] = valid(property, depth + 1);
        }
        return out;
      }
      case 'array':
        return depth > 4
          ? []
          : Array.from({ length: Math.max(schema.minItems ?? 0, 1 + Math.floor(random() * 2)) }, () => valid(schema.items ?? {}, depth + 1));
      case 'integer':
      case 'number':
        return schema.minimum ?? (schema.maximum !== undefined ? Math.min(1, schema.maximum) : 1);
      case 'boolean':
        return random() < 0.5;
      case 'string':
        if (schema.format === 'date-time') return new Date().toISOString();
        if (schema.format === 'email') return 'jan.jansen@example.nl';
        if (schema.format === 'uri') return 'https://hooks.example.com/wegwijs';
        if (schema.format === 'uuid') return crypto.randomUUID();
        return 'x'.repeat(Math.max(schema.minLength ?? 1, 8)).slice(0, schema.maxLength ?? 100);
      default:
        return null;
    }
  }
  return { valid, pick };
}

/** Every place in `value` where something could be swapped, as paths. */
function placesIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const here = path.length > 0 ? [path] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => placesIn(v, [...path, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => placesIn(v, [...path, k]))];
  return here;
}

/** JSON text of `value` with the value at `path` replaced by the raw JSON `replacement`. */
function withRawAt(value: unknown, path: (string | number)[], replacement: string): string {
  const marker = `__hostile_${Math.random().toString(36).slice(2)}__`;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target: Record<string | number, unknown> = copy;
  for (const part of path.slice(0, -1)) target = target[part] as Record<string | number, unknown>;
  target[path[path.length - 1] as string | number] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), replacement);
}

interface Sent {
  method: string;
  url: string;
  status: number;
  body: string;
  ms: number;
}

/** Sends `count` malformed requests over the document's routes; returns every exchange. */
async function runBattery(
  test: TestApp,
  headers: { agent: () => Promise<Record<string, string>>; conversation: { id: string; headers: Record<string, string> }; ticketId: string },
  count: number,
  seed: number,
): Promise<Sent[]> {
  const random = mulberry32(seed);
  const doc = (await (await test.app.request('/api/openapi.json')).json()) as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema> };
  };
  const { valid, pick } = generator(doc.components.schemas, random);
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
  );
  const sent: Sent[] = [];
  let agent = await headers.agent();
  for (let n = 0; n < count; n++) {
    let chosen = pick(operations);
    // Sign-in costs a full scrypt hash each time: fewer of those keep the run short.
    if (chosen.path === '/agent/login' && random() < 0.8) chosen = pick(operations);
    const { path, method, operation } = chosen;
    const parameters = operation.parameters ?? [];
    const bodySchema = operation.requestBody?.content['application/json']?.schema;
    // What to break: the body (most often), a query parameter, the path id, or the body's syntax.
    const queryParameters = parameters.filter((p) => p.in === 'query');
    const targets = [
      ...(bodySchema ? ['field', 'field', 'field', 'syntax'] : []),
      ...(queryParameters.length > 0 ? ['query', 'query'] : []),
      ...(path.includes('{id}') ? ['id'] : []),
      'none',
    ];
    const target = pick(targets);

    const requestHeaders: Record<string, string> = { 'content-type': 'application/json' };
    if (path.startsWith('/conversations/{id}')) Object.assign(requestHeaders, headers.conversation.headers);
    if (path.startsWith('/agent/')) Object.assign(requestHeaders, agent);
    if (parameters.some((p) => p.in === 'header' && p.name === 'idempotency-key')) requestHeaders['idempotency-key'] = crypto.randomUUID();

    let id = path.startsWith('/conversations/') ? headers.conversation.id : path.startsWith('/agent/tickets/') ? headers.ticketId : crypto.randomUUID();
    if (target === 'id') id = pick(HOSTILE_IDS);
    const query = new URLSearchParams();
    const rawQuery: string[] = [];
    for (const parameter of queryParameters) {
      if (parameter.required || random() < 0.5) query.set(parameter.name, String(valid(parameter.schema ?? {})));
    }
    if (target === 'query') {
      const parameter = pick(queryParameters);
      query.delete(parameter.name);
      rawQuery.push(`${encodeURIComponent(parameter.name)}=${pick(HOSTILE_QUERY)}`);
    }
    const search = [query.toString(), ...rawQuery].filter(Boolean).join('&');
    const url = `/api${path.replace('{id}', id)}${search ? `?${search}` : ''}`;

    let body: string | undefined;
    if (bodySchema) {
      const base = valid(bodySchema);
      if (target === 'field') {
        const places = placesIn(base);
        body = places.length > 0 ? withRawAt(base, pick(places), pick(HOSTILE_JSON)) : pick(HOSTILE_JSON);
      } else if (target === 'syntax') {
        body = pick(['{', '{"a":', 'null', '[]', '"text"', '42', '\u0000', '{"email":"a@b.nl"}garbage', pick(HOSTILE_JSON)]);
        if (random() < 0.3) requestHeaders['content-type'] = pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']);
      } else {
        body = JSON.stringify(base);
      }
    }
    const began = Date.now();
    const res = await test.app.request(url, { method, headers: requestHeaders, ...(body !== undefined && method !== 'GET' ? { body } : {}) });
    sent.push({ method, url: url.slice(0, 200), status: res.status, body: (await res.text()).slice(0, 500), ms: Date.now() - began });
    // Signing out ends the battery's session: sign in again, so the agent routes are reached past the 401.
    if (path === '/agent/logout') agent = await headers.agent();
  }
  return sent;
}

describeOnDatabases('the hostile battery', (database) => {
  it(
    `answers ${COUNT} seeded malformed requests over every documented route without a 5xx, each error in the one shape`,
    async () => {
      const test = testApp(database(), { contentRoot: path.join(import.meta.dirname, 'reports', 'fixtures') });
      const admin = await createTestAgent(database(), { role: 'admin' });
      const conversation = await startConversation(test.app);
      const { ticketId } = await createTicketVia(test.app);
      const started = Date.now();
      const sent = await runBattery(test, { agent: () => agentHeaders(database(), admin), conversation, ticketId }, COUNT, SEED);
      const seconds = (Date.now() - started) / 1000;

      const serverErrors = sent.filter((s) => s.status >= 500);
      const errorLog = test.logger.lines
        .filter((l) => l.level === 'error')
        .slice(0, 5)
        .map((l) => `${l.message}: ${l.error instanceof Error ? l.error.message : String(l.error)}`);
      expect(serverErrors, `seed ${SEED}: ${JSON.stringify(serverErrors.slice(0, 5), null, 1)}\nlogged: ${errorLog.join('\n')}`).toEqual([]);
      const misshapen = sent.filter((s) => s.status >= 400 && !errorBodySchema.safeParse(safeJson(s.body)).success);
      expect(misshapen, `seed ${SEED}: ${JSON.stringify(misshapen.slice(0, 5), null, 1)}`).toEqual([]);
      // The battery must reach past validation, or it proves little: some requests succeed, many are refused.
      const statuses = new Set(sent.map((s) => s.status));
      expect([...statuses].some((s) => s < 300)).toBe(true);
      expect(statuses.has(400)).toBe(true);
      expect(new Set(sent.map((s) => `${s.method} ${s.url.split('?')[0]}`)).size).toBeGreaterThan(25);
      const logged = test.logger.lines.map(
        (line) => `${line.message} ${line.error instanceof Error ? `${line.error.stack} ${String(line.error.cause)}` : String(line.error ?? '')}`,
      );
      expect(logged.filter((line) => /@example\.(nl|com)|@duinwinkel/.test(line))).toEqual([]);
      const slowest = Object.entries(Object.groupBy(sent, (s) => `${s.method} ${s.url.split('?')[0]}`))
        .map(([route, list]) => [route, (list ?? []).reduce((sum, s) => sum + s.ms, 0)] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5);
      console.info(`slowest routes (total ms): ${JSON.stringify(slowest)}`);
      console.info(`hostile battery: ${sent.length} requests in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(countBy(sent.map((s) => s.status)))}`);
    },
    // About 15 ms a request on a busy machine; room for a larger HOSTILE_REQUESTS.
    Math.max(240_000, COUNT * 60),
  );
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function countBy(values: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
