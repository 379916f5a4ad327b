/**
 * Short HMAC signatures for values the server hands out and must recognise
 * later without storing them: the links back to a conversation in customer
 * e-mail and the per-ticket reply addresses. One key, separated by purpose,
 * so a signature made for one use never passes for another.
 *
 * The key comes from the configuration (LINK_SECRET) or, when that is unset,
 * is generated once and kept in the database, so every API process signs and
 * checks with the same key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { rows } from '../db/query.ts';

/** What a signature is for; part of the signed text. */
export type SignaturePurpose = 'conversation-link' | 'reply-address';

/**
 * The signature of `text` for `purpose` under `key`: base64url of the
 * HMAC-SHA256, cut to `length` characters (22 = 132 bits by default, plenty
 * against guessing, short enough for an e-mail address's local part).
 */
export function sign(key: Buffer, purpose: SignaturePurpose, text: string, length = 22, encoding: 'base64url' | 'hex' = 'base64url'): string {
  return createHmac('sha256', key).update(`${purpose}\n${text}`).digest(encoding).slice(0, length);
}

/** Whether `signature` is {@link sign}'s for `text`, compared in constant time. */
export function verifySignature(
  key: Buffer,
  purpose: SignaturePurpose,
  text: string,
  signature: string,
  length = 22,
  encoding: 'base64url' | 'hex' = 'base64url',
): boolean {
  const expected = Buffer.from(sign(key, purpose, text, length, encoding));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Hands out the signing key, read (or generated) once per process. */
export type SigningKey = () => Promise<Buffer>;

/**
 * The signing key: `configured` (LINK_SECRET) when set, else the one kept in
 * `server_secrets` under `links`, created by whichever process needs it first.
 */
export function signingKey(db: Db, configured: string | undefined): SigningKey {
  let key: Promise<Buffer> | undefined;
  return () => {
    key ??= configured !== undefined ? Promise.resolve(Buffer.from(configured, 'utf8')) : storedKey(db);
    // A failed read (database down) is not remembered: the next call tries again.
    key.catch(() => {
      key = undefined;
    });
    return key;
  };
}

async function storedKey(db: Db): Promise<Buffer> {
  // Two processes starting at once: one insert wins, both read the winner.
  await db.execute(sql`insert into server_secrets (name, value) values ('links', ${randomBytes(32).toString('base64url')}) on conflict (name) do nothing`);
  const [row] = await rows<{ value: string }>(db, sql`select value from server_secrets where name = 'links'`);
  if (!row) throw new Error('Wegwijs: the link signing key could not be stored');
  return Buffer.from(row.value, 'base64url');
}
