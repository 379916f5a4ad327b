/**
 * How a receiver knows a delivery came from this Wegwijs and was not
 * replayed: the raw body is signed with HMAC-SHA256 under the webhook's
 * secret, together with the time of sending.
 *
 *     X-Wegwijs-Timestamp: 1767225600                 (Unix seconds)
 *     X-Wegwijs-Signature: sha256=<hex of HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * A receiver recomputes the HMAC over the bytes it received, compares in
 * constant time and rejects timestamps more than a few minutes old.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Header with the signature, `sha256=<hex>`. */
export const SIGNATURE_HEADER = 'X-Wegwijs-Signature';
/** Header with the time of sending in Unix seconds; part of what is signed. */
export const TIMESTAMP_HEADER = 'X-Wegwijs-Timestamp';

/** A new webhook secret: 32 random bytes, prefixed so it is recognisable in a password manager or a leak scan. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The signature header value for `body` sent at `timestamp` (Unix seconds).
 *
 * @example sign('whsec_…', 1767225600, '{"event":"ticket.created"}') // 'sha256=5d1c…'
 */
export function sign(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a receiver does (and the tests do): true when `signature` signs
 * `body` at `timestamp` and the timestamp is at most `toleranceSeconds` from `now`.
 */
export function verifySignature(
  secret: string,
  body: string,
  timestamp: string,
  signature: string,
  options: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  const seconds = Number(timestamp);
  const now = options.now ?? Date.now() / 1000;
  if (!/^\d+$/.test(timestamp) || Math.abs(now - seconds) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(sign(secret, seconds, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
