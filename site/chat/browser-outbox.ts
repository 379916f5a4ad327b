/**
 * The one outbox of a page, shared by its islands (the chat widget, the
 * article feedback, the CSAT page): one instance over localStorage, retried
 * on a timer when the first waiting item is due and when the browser comes
 * back online. Islands import this module from one shared chunk, so they get
 * the same instance.
 *
 * When the outbox sets something aside (refused by the API, or failing with
 * a server error too often) it fires {@link OUTBOX_REJECTED_EVENT} on
 * `window`, so an island can tell the customer, e.g. the chat widget:
 *
 * @example
 * useEffect(() => {
 *   const show = (event: Event) => {
 *     const { items } = (event as CustomEvent<OutboxRejectedDetail>).detail;
 *     if (items.some((i) => laneOf(i.path) === CUSTOMER_LANE)) setNotSent(items); // "Not sent — try again?"
 *   };
 *   window.addEventListener(OUTBOX_REJECTED_EVENT, show);
 *   return () => window.removeEventListener(OUTBOX_REJECTED_EVENT, show);
 * }, []);
 * // "Try again": pageOutbox().retry(item.key). On load: pageOutbox().rejected() lists what is still set aside.
 */
import { type Outbox, type OutboxOptions, type RejectedItem, createOutbox } from './outbox.ts';

/** Fired on `window` with {@link OutboxRejectedDetail} when items are set aside. */
export const OUTBOX_REJECTED_EVENT = 'wegwijs:outbox-rejected';

/** `detail` of {@link OUTBOX_REJECTED_EVENT}. */
export interface OutboxRejectedDetail {
  /** The items just set aside, with their bodies (what the customer wrote) and the API's last answer. */
  items: RejectedItem[];
}

declare global {
  interface Window {
    /**
     * Test hook: shorter retry delays for the page's outbox (set before the
     * page's scripts run, e.g. by Playwright's addInitScript), so a browser
     * test of retries and setting aside does not wait out the production
     * schedule (1 s doubling to 5 minutes).
     */
    wegwijsOutbox?: Pick<OutboxOptions, 'baseDelay' | 'maxDelay'>;
  }
}

let shared: Outbox | undefined;

/** The page's outbox, created (and flushed once) on first use. Browser only. */
export function pageOutbox(): Outbox {
  if (!shared) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const box = createOutbox({
      storage: window.localStorage,
      fetch: window.fetch.bind(window),
      apiBase: '/api',
      // Undefined (no test hook) keeps the defaults.
      baseDelay: window.wegwijsOutbox?.baseDelay,
      maxDelay: window.wegwijsOutbox?.maxDelay,
      // Retry when the first waiting item is due.
      onSettled: () => {
        clearTimeout(timer);
        const at = box.nextAttemptAt();
        if (at !== null) timer = setTimeout(() => void box.flush(), Math.max(0, at - Date.now()));
      },
      onRejected: (items) => window.dispatchEvent(new CustomEvent<OutboxRejectedDetail>(OUTBOX_REJECTED_EVENT, { detail: { items } })),
    });
    window.addEventListener('online', () => void box.flush());
    void box.flush();
    shared = box;
  }
  return shared;
}
