import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress, isHttps, UNKNOWN_ADDRESS } from './client-address.ts';

/** Answers with the client address and whether it was HTTPS, as the app would see them. */
function appTrusting(trustProxy: number) {
  const app = new Hono();
  app.get('*', (c) => c.json({ address: clientAddress(c, trustProxy), https: isHttps(c, trustProxy) }));
  return app;
}

/** A request as @hono/node-server hands it over, with the socket's address in the env. */
async function ask(trustProxy: number, headers: Record<string, string>, socket?: string, url = 'http://localhost/') {
  const env = socket === undefined ? undefined : { incoming: { socket: { remoteAddress: socket } } };
  const res = await appTrusting(trustProxy).request(url, { headers }, env);
  return (await res.json()) as { address: string; https: boolean };
}

describe('clientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For claims', async () => {
    expect(await ask(0, { 'x-forwarded-for': '203.0.113.9' }, '198.51.100.1')).toEqual({ address: '198.51.100.1', https: false });
  });

  it('takes the entry the trusted proxy appended', async () => {
    expect((await ask(1, { 'x-forwarded-for': '10.9.9.9, 203.0.113.9' }, '10.0.0.2')).address).toBe('203.0.113.9');
    expect((await ask(2, { 'x-forwarded-for': '10.9.9.9, 203.0.113.9, 10.0.0.5' }, '10.0.0.2')).address).toBe('203.0.113.9');
  });

  it('falls back to the leftmost entry or the socket when the chain is shorter than the proxies', async () => {
    expect((await ask(3, { 'x-forwarded-for': '203.0.113.9' }, '10.0.0.2')).address).toBe('203.0.113.9');
    expect((await ask(1, {}, '10.0.0.2')).address).toBe('10.0.0.2');
  });

  it('says unknown without a socket (app.request in tests)', async () => {
    expect((await ask(0, {})).address).toBe(UNKNOWN_ADDRESS);
  });

  it.each([
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::7', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['unknown', 'unknown'],
  ])('counts %s as %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});

describe('isHttps', () => {
  it('believes the URL, and X-Forwarded-Proto only from a trusted proxy', async () => {
    expect((await ask(0, {}, '10.0.0.1', 'https://help.example/')).https).toBe(true);
    expect((await ask(0, { 'x-forwarded-proto': 'https' }, '10.0.0.1')).https).toBe(false);
    expect((await ask(1, { 'x-forwarded-proto': 'https' }, '10.0.0.1')).https).toBe(true);
    expect((await ask(1, { 'x-forwarded-proto': 'http' }, '10.0.0.1')).https).toBe(false);
  });
});
