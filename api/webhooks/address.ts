/**
 * Where a webhook may point (SSRF). An admin types a URL and the server, from
 * inside the network, POSTs to it: without a check that is a way to reach the
 * database, a cloud metadata service (169.254.169.254) or anything else on
 * the private network. So only http and https, and only hosts whose every
 * address is public: checked when the webhook is saved and again on every
 * delivery, by the very lookup the connection uses (DNS can change between
 * the two, on purpose in DNS rebinding).
 *
 * `WEBHOOKS_ALLOW_PRIVATE=true` lifts the address check (a receiver on the
 * same machine, tests).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup as dnsLookupAsync } from 'node:dns/promises';
import { isIP, isIPv4 } from 'node:net';

/** Thrown when a target is not allowed; the message completes "url …". */
export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetRefused';
  }
}

/** IPv4 ranges that are not the public internet (RFC 6890 and friends), as [first address, prefix length]. */
const PRIVATE_V4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

/** IPv6 ranges that are not the public internet, as [first address, prefix length]. */
const PRIVATE_V6: readonly [string, number][] = [
  ['::', 96], // unspecified, loopback (::1) and the deprecated IPv4-compatible addresses
  ['100::', 64], // discard
  ['2001::', 32], // Teredo: tunnels to an IPv4 address hidden (obfuscated) in the last bits
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: reaches the IPv4 address in bits 16–48, whichever it is
  ['64:ff9b::', 96], // NAT64: the translator reaches the IPv4 address in the last 32 bits
  ['64:ff9b:1::', 48], // NAT64 for local use (RFC 8215)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed by some)
  ['ff00::', 8], // multicast
];

function v4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** The 16 bytes of an IPv6 address (zone id dropped; a dotted IPv4 tail allowed). */
function v6Bytes(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    tail.push(...v4Bytes(dotted[1]));
    text = text.slice(0, -dotted[1].length) + '0:0';
  }
  const [head = '', rest] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = words.flatMap((word) => [word >> 8, word & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

function inPrefix(bytes: readonly number[], base: readonly number[], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit += 8) {
    const bits = Math.min(8, prefix - bit);
    const mask = (0xff << (8 - bits)) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((base[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

/**
 * Whether `address` (an IP address, v4 or v6) is private, loopback,
 * link-local, unique-local or otherwise not on the public internet.
 * IPv4-mapped addresses (`::ffff:a.b.c.d`) are judged by their IPv4 address;
 * the transition ranges that reach an IPv4 address through a relay or
 * translator (Teredo `2001::/32`, 6to4 `2002::/16`, NAT64 `64:ff9b::/96`
 * and `64:ff9b:1::/48`) are refused whatever they embed: a receiver has no
 * reason to live there, and the relay may reach inside. Anything that is not
 * an IP address counts as private: refusing is the safe answer.
 *
 * @example isPrivateAddress('::ffff:127.0.0.1') // true
 * @example isPrivateAddress('93.184.215.14') // false
 */
export function isPrivateAddress(address: string): boolean {
  if (isIPv4(address)) {
    const bytes = v4Bytes(address);
    return PRIVATE_V4.some(([base, prefix]) => inPrefix(bytes, v4Bytes(base), prefix));
  }
  if (isIP(address.replace(/%.*$/, '')) !== 6) return true;
  const bytes = v6Bytes(address);
  const embedded = (from: number) => bytes.slice(from, from + 4).join('.');
  if (inPrefix(bytes, v6Bytes('::ffff:0:0'), 96)) return isPrivateAddress(embedded(12));
  return PRIVATE_V6.some(([base, prefix]) => inPrefix(bytes, v6Bytes(base), prefix));
}

/**
 * Checks the parts of `url` that need no DNS: a valid http or https URL.
 *
 * @throws TargetRefused
 */
export function parseTarget(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TargetRefused('must be an absolute http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TargetRefused('must be an http:// or https:// URL');
  if (parsed.hostname === '') throw new TargetRefused('must name a host');
  return parsed;
}

/** The host of a URL without IPv6 brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Checks `url` fully, DNS included: every address the host resolves to must
 * be public (unless `allowPrivate`). Used when a webhook is saved.
 *
 * @throws TargetRefused naming the reason.
 */
export async function checkTarget(url: string, allowPrivate: boolean): Promise<URL> {
  const parsed = parseTarget(url);
  if (allowPrivate) return parsed;
  const host = hostOf(parsed);
  let addresses: string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = (await dnsLookupAsync(host, { all: true })).map((entry) => entry.address);
    } catch {
      throw new TargetRefused(`host ${host} does not resolve`);
    }
  }
  const refused = addresses.find(isPrivateAddress);
  if (refused !== undefined)
    throw new TargetRefused(`host ${host} is a private, loopback or link-local address (${refused}); webhooks go to public addresses only`);
  return parsed;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for `http.request` that refuses private addresses: the check
 * and the connection use the same answer, so DNS cannot change in between.
 * Node skips `lookup` for IP literals; the worker checks those itself.
 */
export function publicOnlyLookup(hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void {
  dnsLookup(
    hostname,
    { all: true, family: options.family === 'IPv6' ? 6 : options.family === 'IPv4' ? 4 : ((options.family as number | undefined) ?? 0) },
    (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.find((entry) => isPrivateAddress(entry.address));
      if (refused) {
        const failure: NodeJS.ErrnoException = new TargetRefused(`host ${hostname} resolves to a private address (${refused.address})`);
        failure.code = 'EWEGWIJSPRIVATE';
        return callback(failure, '');
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`host ${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      return callback(null, first.address, first.family);
    },
  );
}

/** Whether the literal host of `url` (if it is an IP address) may be reached. */
export function literalHostAllowed(url: URL): { ok: true } | { ok: false; address: string } {
  const host = hostOf(url);
  return isIP(host) !== 0 && isPrivateAddress(host) ? { ok: false, address: host } : { ok: true };
}
