/**
 * Agent passwords, hashed with scrypt (node:crypto) at a cost OWASP's
 * Password Storage Cheat Sheet lists as equivalent to its recommendation:
 * N = 2^16, r = 8, p = 2 (64 MiB, a few hundred ms). The parameters are
 * stored with each hash, so they can be raised later without breaking
 * existing hashes:
 *
 *     scrypt$65536$8$2$<salt, base64>$<hash, base64>
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Cost parameters of new hashes. */
export interface ScryptCost {
  /** CPU and memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/** What new hashes use. */
export const DEFAULT_COST: ScryptCost = { N: 2 ** 16, r: 8, p: 2 };

/** Shortest password accepted (NIST SP 800-63B asks for at least 8; an inbox with customer data deserves more). */
export const MIN_PASSWORD_LENGTH = 12;

/** Longest password accepted: longer adds nothing but work for the server. */
export const MAX_PASSWORD_LENGTH = 256;

const KEY_LENGTH = 64;
const SALT_BYTES = 16;

/**
 * Hashes run at most this many at a time. Each takes one of libuv's four
 * threads (and 64 MiB) for a few hundred ms; unbounded, a burst of sign-ins
 * takes all four, and everything else that needs the pool (file reads,
 * DNS, zlib) waits seconds behind them.
 */
export const SCRYPT_CONCURRENCY = 2;

/** Hashes that may wait for a turn; beyond this a sign-in is refused at once with 429 instead of queueing without bound. */
export const SCRYPT_MAX_WAITING = 100;

/** Thrown when {@link SCRYPT_MAX_WAITING} hashes already wait: the route answers 429. */
export class PasswordCheckBusyError extends Error {
  constructor() {
    super('too many sign-ins at once; try again in a few seconds');
    this.name = 'PasswordCheckBusyError';
  }
}

let running = 0;
const waiting: (() => void)[] = [];

/** Runs `work` when fewer than {@link SCRYPT_CONCURRENCY} hashes run; first come, first served. */
async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= SCRYPT_CONCURRENCY) {
    if (waiting.length >= SCRYPT_MAX_WAITING) throw new PasswordCheckBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running++;
  }
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or free it.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function scrypt(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // 128 · N · r bytes are needed; Node's default ceiling (32 MiB) is below what N = 2^16 takes.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r };
  return inTurn(
    () =>
      new Promise((resolve, reject) =>
        scryptCallback(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))),
      ),
  );
}

/**
 * Hashes `password` with a new random salt.
 *
 * @example const stored = await hashPassword('correct horse battery staple');
 */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scrypt(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * Whether `password` matches `stored` (a {@link hashPassword} result), in
 * constant time. A malformed `stored` never matches.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !N || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const cost = { N: Number(N), r: Number(r), p: Number(p) };
  if (!Object.values(cost).every(Number.isSafeInteger) || expected.length !== KEY_LENGTH) return false;
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), cost);
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one verification and answers false: for a sign-in with
 * an unknown e-mail address, so the answer takes as long as for a wrong
 * password and does not tell which addresses exist.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('not a password of anyone');
  await verifyPassword(password, await dummy);
  return false;
}

/**
 * A random password for a new account (the first admin): 24 characters of
 * base64url, 144 bits.
 */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** Why `password` is not acceptable for a new account, or null when it is. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}
