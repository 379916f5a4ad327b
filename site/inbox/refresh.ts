/**
 * How often the inbox refreshes the queue and the open ticket: every 10 s in
 * production. Browser tests set a shorter interval through a test hook on the
 * window before the page's scripts run, as they do for the widget's reply
 * polling (`wegwijsChatPoll`, site/chat/replies.ts), so they need not wait.
 */

/** The production interval. */
export const REFRESH_MS = 10_000;

declare global {
  interface Window {
    /** Test hook: a shorter refresh (set before the page's scripts run, e.g. by Playwright's addInitScript). */
    wegwijsInboxRefresh?: { ms?: number };
  }
}

/** The interval for this page: {@link REFRESH_MS}, unless a test set `window.wegwijsInboxRefresh`. */
export function refreshInterval(win: Pick<Window, 'wegwijsInboxRefresh'> | undefined = globalThis.window): number {
  const ms = win?.wegwijsInboxRefresh?.ms;
  return typeof ms === 'number' && ms > 0 ? ms : REFRESH_MS;
}
