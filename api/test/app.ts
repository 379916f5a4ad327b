/**
 * An app for route tests, and small factories for what those tests need:
 * agents with sessions, conversations, hand-offs. Rate limits are off unless
 * a test turns them on; e-mail is recorded instead of sent.
 */
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileStore } from '../attachments/store.ts';
import { createApp, type AppConfig, type AppOptions } from '../app.ts';
import { hashPassword, type ScryptCost } from '../agents/password.ts';
import { createAgent, type AgentRole } from '../agents/service.ts';
import { createSession, SESSION_COOKIE } from '../agents/sessions.ts';
import type { Database } from '../db/database.ts';
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import type { SiteLocales } from '../site-settings.ts';
import { recordingLogger } from './logger.ts';

/** The site the tests pretend to serve. */
export const TEST_SITE: SiteLocales = { locales: ['nl', 'en'], defaultLocale: 'nl' };

/** No limits: a test that wants one sets it. */
export const NO_LIMITS = { publicPerMinute: 0, agentPerMinute: 0, loginPer15Minutes: 0 };

/** A test app with what it recorded. */
export interface TestApp {
  app: ReturnType<typeof createApp>;
  logger: ReturnType<typeof recordingLogger>;
  /** E-mail the app sent. */
  mails: MailMessage[];
  /** Waits until every e-mail attempt so far is over. */
  delivered(): Promise<void>;
  /** Where the app keeps attachments (unless the test brought a store): a folder of its own under the system's temporary folder, made at the first upload. */
  attachmentsDir: string;
}

/** Creates an app on `database` with recording logger and mailer. */
export function testApp(
  database: Database,
  config: Partial<AppConfig> = {},
  mailer?: Mailer,
  options: Pick<AppOptions, 'targets' | 'attachments'> = {},
): TestApp {
  const logger = recordingLogger();
  const mails: MailMessage[] = [];
  const deliveries: Promise<void>[] = [];
  const attachmentsDir = path.join(tmpdir(), `wegwijs-attachments-${randomUUID()}`);
  const app = createApp({
    attachments: options.attachments ?? fileStore(attachmentsDir),
    config: { distDir: '/nonexistent', contentRoot: '/nonexistent', logLevel: 'error', rateLimits: NO_LIMITS, ...config },
    database,
    site: TEST_SITE,
    logger,
    mailer: mailer ?? {
      kind: 'log',
      async send(message) {
        mails.push(message);
      },
      close() {},
    },
    onNotify: (delivery) => deliveries.push(delivery),
    // No targets unless the test brings them (or a content root with settings).
    ...(options.targets !== undefined ? { targets: options.targets } : {}),
  });
  return { app, logger, mails, delivered: async () => void (await Promise.all(deliveries)), attachmentsDir };
}

/** The password every test agent has. */
export const TEST_PASSWORD = 'een lang genoeg wachtwoord';

/** Far below production cost: tests create many agents. */
export const CHEAP_COST: ScryptCost = { N: 1024, r: 8, p: 1 };

let cheapHash: Promise<string> | undefined;

/** A test agent: the row and the password. */
export interface TestAgent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  password: string;
}

/** Adds an agent with {@link TEST_PASSWORD} (hashed cheaply) and a unique e-mail address. */
export async function createTestAgent(database: Database, overrides: { name?: string; role?: AgentRole; email?: string } = {}): Promise<TestAgent> {
  cheapHash ??= hashPassword(TEST_PASSWORD, CHEAP_COST);
  const name = overrides.name ?? 'Sanne';
  const agent = await createAgent(database.db, {
    email: overrides.email ?? `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@duinwinkel.example`,
    name,
    role: overrides.role ?? 'agent',
    passwordHash: await cheapHash,
  });
  return { id: agent.id, email: agent.email, name: agent.name, role: agent.role, password: TEST_PASSWORD };
}

/** Headers of a signed-in agent's request: the session cookie and the CSRF header. */
export async function agentHeaders(database: Database, agent: { id: string }): Promise<Record<string, string>> {
  const id = await createSession(database.db, agent.id, 1);
  return { cookie: `${SESSION_COOKIE}=${id}`, 'x-requested-with': 'wegwijs', 'content-type': 'application/json' };
}

/** A conversation as the widget holds it, with the headers its requests carry. */
export interface TestConversation {
  id: string;
  token: string;
  headers: Record<string, string>;
}

/** Starts a conversation through the API. */
export async function startConversation(app: TestApp['app'], headers: Record<string, string> = {}): Promise<TestConversation> {
  const res = await app.request('/api/conversations', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
  if (res.status !== 201) throw new Error(`starting a conversation answered ${res.status}: ${await res.text()}`);
  const { id, token } = (await res.json()) as { id: string; token: string };
  return { id, token, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers } };
}

/**
 * Sends the conversation's signals as the widget's outbox does
 * (`POST /conversations/{id}/signals`); a signal without a `key` gets
 * `ces-<answerId>` for a score, else a random one.
 *
 * @example await sendSignals(app, conversation, [{ type: 'ces', answerId: 'a1', articleId: null, score: 4, locale: 'nl' }]);
 */
export function sendSignals(app: TestApp['app'], conversation: Pick<TestConversation, 'id' | 'headers'>, signals: Record<string, unknown>[]) {
  const keyed = signals.map((s) => ({ key: s['type'] === 'ces' ? `ces-${String(s['answerId'])}` : randomUUID(), ...s }));
  return app.request(`/api/conversations/${conversation.id}/signals`, {
    method: 'POST',
    headers: conversation.headers,
    body: JSON.stringify({ signals: keyed }),
  });
}

/** A hand-off body: a customer question, the assistant's answer with its reason, and a message. */
export function handoffBody(overrides: Record<string, unknown> = {}) {
  const at = new Date().toISOString();
  return {
    email: 'jan.jansen@example.nl',
    name: 'Jan Jansen',
    message: 'Mijn pakket is al een week onderweg.',
    locale: 'nl',
    transcript: [
      { from: 'customer', text: 'Waar is mijn pakket?', at },
      {
        from: 'assistant',
        text: 'Je volgt je pakket met de track-and-tracelink.',
        at,
        articleId: 'track-parcel',
        action: 'answer',
        why: { kind: 'ranking', terms: ['pakket'], score: 3.2, margin: 1.1 },
        ces: 4,
        helpful: false,
      },
      { from: 'customer', text: 'Dat werkt niet', at },
      { from: 'assistant', text: 'Bedoel je een van deze?', at, articleId: null, action: 'clarify', why: { kind: 'rule', ruleId: 'not-helpful', pattern: '' } },
    ],
    ...overrides,
  };
}

/** Hands a conversation off; returns the response. */
export function postHandoff(app: TestApp['app'], conversation: TestConversation, body: unknown = handoffBody(), key: string = randomUUID()) {
  return app.request(`/api/conversations/${conversation.id}/handoff`, {
    method: 'POST',
    headers: { ...conversation.headers, 'idempotency-key': key },
    body: JSON.stringify(body),
  });
}

/** A conversation handed off: its ticket's id and number. */
export async function createTicketVia(
  app: TestApp['app'],
  body: unknown = handoffBody(),
): Promise<{ conversation: TestConversation; ticketId: string; number: string }> {
  const conversation = await startConversation(app);
  const res = await postHandoff(app, conversation, body);
  if (res.status !== 201) throw new Error(`hand-off answered ${res.status}: ${await res.text()}`);
  const { ticketId, number } = (await res.json()) as { ticketId: string; number: string };
  return { conversation, ticketId, number };
}
