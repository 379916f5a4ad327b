/**
 * Agents: the support team. Queries, no Hono; the sign-in route, the
 * `npm run agents` command and the first start use these.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { agents, type AGENT_ROLES } from '../db/tables.ts';
import { DEFAULT_COST, generatePassword, hashPassword, passwordProblem, verifyNothing, verifyPassword, type ScryptCost } from './password.ts';
import { deleteSessionsOf, type SignedInAgent } from './sessions.ts';

/** An agent's role. */
export type AgentRole = (typeof AGENT_ROLES)[number];

/** An agent as listed (never with the password hash). */
export interface AgentListing extends SignedInAgent {
  disabled: boolean;
  createdAt: Date;
}

/** Thrown for what an operator must fix (a taken e-mail address, a short password); its message says what. */
export class AgentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AgentError';
  }
}

/** E-mail addresses are compared in lower case, and stored so. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const listing = { id: agents.id, email: agents.email, name: agents.name, role: agents.role, disabled: agents.disabled, createdAt: agents.createdAt };

/**
 * Adds an agent.
 *
 * `cost` is the scrypt cost of the password's hash: {@link DEFAULT_COST} unless
 * a test passes its cheap one (api/test/app.ts, `CHEAP_COST`: a production
 * hash costs each test agent a few hundred ms of CPU).
 *
 * @throws AgentError when the e-mail address is taken or the password too short.
 * @example await createAgent(db, { email: 'sanne@duinwinkel.nl', name: 'Sanne', role: 'agent', password });
 */
export async function createAgent(
  db: Db,
  input: { email: string; name: string; role: AgentRole; password: string } | { email: string; name: string; role: AgentRole; passwordHash: string },
  cost: ScryptCost = DEFAULT_COST,
): Promise<AgentListing> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new AgentError(`agents: "${input.email}" is not an e-mail address`);
  if (name === '') throw new AgentError('agents: the name must not be empty');
  let passwordHash: string;
  if ('password' in input) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AgentError(`agents: the password ${problem}`);
    passwordHash = await hashPassword(input.password, cost);
  } else {
    passwordHash = input.passwordHash;
  }
  const [created] = await db.insert(agents).values({ email, name, role: input.role, passwordHash }).onConflictDoNothing().returning(listing);
  if (!created) throw new AgentError(`agents: there is already an agent with e-mail address ${email}`);
  return created;
}

/** Every agent, by e-mail address. */
export function listAgents(db: Db): Promise<AgentListing[]> {
  return db.select(listing).from(agents).orderBy(asc(agents.email));
}

/**
 * Disables or enables an agent by e-mail address. Disabling also ends their
 * sessions at once.
 *
 * @throws AgentError when there is no such agent.
 */
export async function setAgentDisabled(db: Db, email: string, disabled: boolean): Promise<AgentListing> {
  const [changed] = await db
    .update(agents)
    .set({ disabled, updatedAt: sql`now()` })
    .where(eq(agents.email, normalizeEmail(email)))
    .returning(listing);
  if (!changed) throw new AgentError(`agents: there is no agent with e-mail address ${normalizeEmail(email)}`);
  if (disabled) await deleteSessionsOf(db, changed.id);
  return changed;
}

/**
 * Gives an agent a new password (hashed at `cost`, like {@link createAgent}) and ends their sessions.
 *
 * @throws AgentError when there is no such agent or the password is too short.
 */
export async function setAgentPassword(db: Db, email: string, password: string, cost: ScryptCost = DEFAULT_COST): Promise<AgentListing> {
  const problem = passwordProblem(password);
  if (problem) throw new AgentError(`agents: the password ${problem}`);
  const [changed] = await db
    .update(agents)
    .set({ passwordHash: await hashPassword(password, cost), updatedAt: sql`now()` })
    .where(eq(agents.email, normalizeEmail(email)))
    .returning(listing);
  if (!changed) throw new AgentError(`agents: there is no agent with e-mail address ${normalizeEmail(email)}`);
  await deleteSessionsOf(db, changed.id);
  return changed;
}

/**
 * The agent with this e-mail address and password, or null — for an unknown
 * address, a wrong password or a disabled agent alike, and in about the same
 * time, so the answer does not tell which addresses exist.
 */
export async function authenticate(db: Db, email: string, password: string): Promise<SignedInAgent | null> {
  const [found] = await db
    .select({ id: agents.id, email: agents.email, name: agents.name, role: agents.role, passwordHash: agents.passwordHash, disabled: agents.disabled })
    .from(agents)
    .where(eq(agents.email, normalizeEmail(email)));
  if (!found) return verifyNothing(password).then(() => null);
  const matches = await verifyPassword(password, found.passwordHash);
  if (!matches || found.disabled) return null;
  return { id: found.id, email: found.email, name: found.name, role: found.role };
}

/**
 * On the first start: when there are no agents at all, creates an admin with
 * `email` and a generated password and returns both, to be shown once.
 * Returns null when agents exist (or another process created the admin at
 * the same moment). `cost` as for {@link createAgent}: `npm start` never
 * passes one; test servers do (`StartOptions.passwordCost`).
 */
export async function ensureFirstAdmin(db: Db, email: string, cost: ScryptCost = DEFAULT_COST): Promise<{ email: string; password: string } | null> {
  const [any] = await db.select({ id: agents.id }).from(agents).limit(1);
  if (any) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password, cost);
  // Two processes starting on an empty database both get here; the unique e-mail lets one win.
  const [created] = await db
    .insert(agents)
    .values({ email: normalizeEmail(email), name: 'Admin', role: 'admin', passwordHash })
    .onConflictDoNothing()
    .returning({ email: agents.email });
  return created ? { email: created.email, password } : null;
}
