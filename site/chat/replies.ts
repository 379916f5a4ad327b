/**
 * Fetching the team's replies to the customer's ticket: light polling with
 * backoff on any page while a ticket is linked, at once when the page comes
 * back into view or the widget opens, paused while the page is hidden.
 * The schedule is plain arithmetic ({@link nextDelay}); the timer and the
 * page's visibility are passed in, so tests drive it without waiting.
 */
// The API's schema, as a type only: nothing of the API reaches the browser (core/boundaries.test.ts).
import type { PublicTicket } from '../../api/conversations/schema.ts';

export type { PublicTicket };

/** How often to ask. */
export interface PollIntervals {
  /** First delay, and the delay after news or after the widget opened. Default 10,000 ms. */
  baseMs: number;
  /** Longest delay the backoff reaches while nothing changes. Default 300,000 ms (5 minutes). */
  maxMs: number;
  /**
   * Longest delay while the customer has the widget open: they are looking at
   * the conversation, waiting for the answer. Default 20,000 ms. (Backing off
   * to 5 minutes there left a reply unseen for minutes; a customer who wrote
   * "are you there?" meanwhile saw the reply land under it.)
   */
  openMaxMs: number;
}

/** Production defaults: a reply shows within 20 s while the widget is open, a quiet ticket costs one request per 5 minutes. */
export const DEFAULT_POLL: PollIntervals = { baseMs: 10_000, maxMs: 300_000, openMaxMs: 20_000 };

declare global {
  interface Window {
    /** Test hook: shorter poll intervals (set before the page's scripts run, e.g. by Playwright's addInitScript). */
    wegwijsChatPoll?: Partial<PollIntervals>;
  }
}

/** The intervals for this page: the defaults, unless a test set `window.wegwijsChatPoll`. */
export function pollIntervals(win: Pick<Window, 'wegwijsChatPoll'> | undefined = globalThis.window): PollIntervals {
  const override = win?.wegwijsChatPoll;
  return { ...DEFAULT_POLL, ...(override ?? {}) };
}

/** The delay before the next poll: back to the base after news, else doubled up to the maximum (the open maximum while `open`). */
export function nextDelay(previous: number, news: boolean, intervals: PollIntervals, open = false): number {
  if (news) return intervals.baseMs;
  const max = open ? Math.min(intervals.openMaxMs, intervals.maxMs) : intervals.maxMs;
  return Math.min(max, Math.max(intervals.baseMs, previous * 2));
}

/** Fetches the conversation's ticket; null when there is none (yet) or the network is down. */
export async function fetchTicket(conversation: { id: string; token: string }, fetchFn: typeof fetch = fetch): Promise<PublicTicket | null> {
  try {
    const response = await fetchFn(`/api/conversations/${encodeURIComponent(conversation.id)}/ticket`, {
      headers: { authorization: `Bearer ${conversation.token}` },
    });
    if (!response.ok) return null;
    return (await response.json()) as PublicTicket;
  } catch {
    // Offline: the next poll tries again.
    return null;
  }
}

/** A running poller. */
export interface Poller {
  /** Polls now and starts the schedule from the base interval again (the widget opened). */
  now(): void;
  stop(): void;
}

/**
 * Calls `poll` on a backoff schedule: `poll` resolves true when it brought
 * news. Polls at once on start and whenever the page becomes visible; does
 * not poll while the page is hidden. While `open()` (the widget is open) the
 * backoff stops at {@link PollIntervals.openMaxMs}.
 */
export function startPolling(
  poll: () => Promise<boolean>,
  intervals: PollIntervals,
  doc: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'> = document,
  open: () => boolean = () => false,
): Poller {
  let delay = intervals.baseMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running = false;

  const schedule = () => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(run, delay);
  };
  const run = async () => {
    if (stopped || running) return;
    // Hidden pages wait for visibilitychange instead of polling.
    if (doc.visibilityState === 'hidden') return;
    running = true;
    let news = false;
    try {
      news = await poll();
    } finally {
      running = false;
    }
    delay = nextDelay(delay, news, intervals, open());
    schedule();
  };
  const onVisibility = () => {
    if (doc.visibilityState === 'visible') {
      delay = intervals.baseMs;
      void run();
    }
  };
  doc.addEventListener('visibilitychange', onVisibility);
  void run();
  return {
    now() {
      delay = intervals.baseMs;
      void run();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      doc.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
