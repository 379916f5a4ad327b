/**
 * Opening a conversation from the link in an e-mail. The server's page
 * `/c/<link>` leads to the help home with `#gesprek=<link>` (api/conversations/link-page.ts);
 * the widget finds it there, takes it out of the address bar, and asks the
 * API for a token of this browser's own (`POST /api/conversations/links`).
 */
import type { Locale } from '#core/locale.ts';
import type { TranscriptLine } from './conversation.ts';
import type { PublicTicket } from './replies.ts';

/** The fragment the server's page leads to: `#gesprek=<link>`. */
export const LINK_FRAGMENT = 'gesprek';

/** The link in `hash` (`location.hash`), or null. */
export function linkInFragment(hash: string): string | null {
  const match = new RegExp(`^#${LINK_FRAGMENT}=([^&#\\s]{1,200})$`).exec(hash);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

/** What opening a link came to: the conversation, or why not (`failed`: no answer, try again). */
export type LinkOutcome =
  | { ok: true; id: string; token: string; locale: Locale; ticket: PublicTicket; transcript: TranscriptLine[] }
  | { ok: false; problem: 'invalid' | 'expired' | 'gone' | 'failed' };

/** Asks the API to open `link` for this browser. Never rejects. */
export async function openConversationLink(link: string, fetchFn: typeof fetch = fetch): Promise<LinkOutcome> {
  try {
    const response = await fetchFn('/api/conversations/links', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ link }),
    });
    if (response.ok) return { ok: true, ...((await response.json()) as Omit<Extract<LinkOutcome, { ok: true }>, 'ok'>) };
    const body = (await response.json().catch(() => ({}))) as { code?: string };
    if (body.code === 'link-expired') return { ok: false, problem: 'expired' };
    if (body.code === 'link-gone') return { ok: false, problem: 'gone' };
    if (response.status === 400) return { ok: false, problem: 'invalid' };
    return { ok: false, problem: 'failed' };
  } catch {
    return { ok: false, problem: 'failed' };
  }
}
