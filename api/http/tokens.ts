/**
 * Secrets handed to browsers (conversation tokens, session ids) and how they
 * are stored: random, at least 128 bits, and only as a SHA-256 hash, so a
 * copy of the database does not let anyone act as a customer or an agent.
 * A fast hash is enough here (unlike for passwords): the secrets are random,
 * not guessable words.
 */
import { createHash, randomBytes } from 'node:crypto';

/** Bytes of randomness in a token: 256 bits. */
export const TOKEN_BYTES = 32;

/**
 * A new random secret, base64url (43 characters for 32 bytes).
 *
 * @example randomToken() // 'b3Jk…'
 */
export function randomToken(bytes: number = TOKEN_BYTES): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 of `text` as 64 hex characters: what is stored instead of a secret. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
