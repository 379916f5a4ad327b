/**
 * Who is asking: the client address that rate limits count by. The socket's
 * address, unless the server sits behind proxies that say who they forward
 * for in `X-Forwarded-For` — and only when told so (`TRUST_PROXY`), because
 * anyone can send that header.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Context } from 'hono';

/** What {@link clientAddress} answers when it cannot tell (requests made in tests with `app.request`). */
export const UNKNOWN_ADDRESS = 'unknown';

/** The socket's remote address, as @hono/node-server hands it over in `c.env.incoming`. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/**
 * The first 64 bits of an IPv6 address, written out: one subscriber usually
 * has a whole /64, so counting single addresses would let them rotate freely.
 * An IPv4 address (also one mapped into IPv6) is kept whole.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) !== 6) return address;
  // Drop a zone (`fe80::1%eth0`), then fill in what `::` left out.
  const bare = address.toLowerCase().replace(/%.*$/, '');
  const [head = '', tail = ''] = bare.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = bare.includes('::') && tail !== '' ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The client's address for `c`. With `trustProxy` = n > 0, the n-th address
 * from the right of the chain `X-Forwarded-For, socket` (each proxy appends
 * the address it received the request from; the entries further left are
 * whatever the client claimed and count for nothing).
 *
 * @example
 * // Behind one load balancer (TRUST_PROXY=1), a request with
 * // X-Forwarded-For: 10.0.0.1, 203.0.113.7 from the balancer's socket:
 * clientAddress(c, 1) // '203.0.113.7'
 */
export function clientAddress(c: Context, trustProxy: number): string {
  const socket = socketAddress(c) ?? UNKNOWN_ADDRESS;
  if (trustProxy <= 0) return addressKey(socket);
  const forwarded = (c.req.header('X-Forwarded-For') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const chain = [...forwarded, socket];
  const client = chain[Math.max(0, chain.length - 1 - trustProxy)] ?? socket;
  // A forwarded entry is text anyone upstream wrote: keep it to the length of an address.
  return addressKey(client.slice(0, 64));
}

/**
 * Whether the client reached us over HTTPS: the request URL says so, or a
 * trusted proxy says so in `X-Forwarded-Proto`. Decides the cookie's Secure flag.
 */
export function isHttps(c: Context, trustProxy: number): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy > 0 && c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}
