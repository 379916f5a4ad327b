/**
 * The per-ticket reply address: plus-addressing on MAIL_FROM's mailbox with
 * the ticket number and a signature, e.g.
 * `klantenservice+ww-1042.3f9a0c27d1e84b56@duinwinkel.example`. Mail to it
 * reaches the ordinary mailbox (every common mail server delivers
 * `local+anything` to `local`), and the signature lets Wegwijs trust the
 * ticket number in it without storing anything. Lower-case hex, since some
 * mail servers lower-case the local part.
 */
import { sign, verifySignature } from '../http/signed.ts';

/** Characters of the signature: 64 bits, enough against guessing a ticket's address; short enough for a 64-character local part. */
const SIGNATURE_LENGTH = 16;

/** The address in MAIL_FROM (`Name <local@domain>` or `local@domain`), split. */
export function mailboxOf(from: string): { local: string; domain: string } {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() };
}

/**
 * The reply address of ticket `number` under `from`'s mailbox.
 *
 * @example replyAddress(key, 'Duinwinkel <klantenservice@duinwinkel.example>', 'WW-1042') // 'klantenservice+ww-1042.3f9a…@duinwinkel.example'
 */
export function replyAddress(key: Buffer, from: string, number: string): string {
  const { local, domain } = mailboxOf(from);
  const tag = number.toLowerCase();
  return `${local}+${tag}.${sign(key, 'reply-address', tag, SIGNATURE_LENGTH, 'hex')}@${domain}`;
}

/**
 * The ticket number a reply address names, when it is one of `from`'s
 * mailbox with a good signature; otherwise null (someone else's address, a
 * changed number, a made-up signature).
 */
export function ticketOfReplyAddress(key: Buffer, from: string, address: string): string | null {
  const { local, domain } = mailboxOf(from);
  const match = /^([^@+]+)\+([a-z]+-\d{1,12})\.([0-9a-f]+)@(.+)$/i.exec(address.trim());
  if (!match || match[1]?.toLowerCase() !== local.toLowerCase() || match[4]?.toLowerCase() !== domain) return null;
  const tag = (match[2] ?? '').toLowerCase();
  const signature = (match[3] ?? '').toLowerCase();
  if (signature.length !== SIGNATURE_LENGTH || !verifySignature(key, 'reply-address', tag, signature, SIGNATURE_LENGTH, 'hex')) return null;
  return tag.toUpperCase();
}
