import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, sign, verifySignature } from './signature.ts';

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = '{"event":"ticket.created","data":{"ticket":{"number":"WW-1001"}}}';

  it('is HMAC-SHA256 of "<timestamp>.<body>" in hex, as the README tells receivers', () => {
    const expected = createHmac('sha256', secret).update(`1767225600.${body}`).digest('hex');
    expect(sign(secret, 1767225600, body)).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh signature and refuses a changed body, another secret or an old timestamp', () => {
    const now = 1767225600;
    const signature = sign(secret, now, body);
    expect(verifySignature(secret, body, String(now), signature, { now })).toBe(true);
    expect(verifySignature(secret, body.replace('1001', '1002'), String(now), signature, { now })).toBe(false);
    expect(verifySignature(newWebhookSecret(), body, String(now), signature, { now })).toBe(false);
    expect(verifySignature(secret, body, String(now), signature, { now: now + 301 })).toBe(false);
    expect(verifySignature(secret, body, 'soon', signature, { now })).toBe(false);
  });

  it('makes distinct, long secrets', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(newWebhookSecret());
  });
});
