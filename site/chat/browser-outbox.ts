/**
 * The one outbox of a page, shared by its islands (the chat widget, the
 * article feedback, the CSAT page): one instance over localStorage, retried
 * on a timer when the first waiting item is due and when the browser comes
 * back online. Islands import this module from one shared chunk, so they get
 * the same instance.
 */
import { type Outbox, createOutbox } from './outbox.ts';

let shared: Outbox | undefined;

/** The page's outbox, created (and flushed once) on first use. Browser only. */
export function pageOutbox(): Outbox {
  if (!shared) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const box = createOutbox({
      storage: window.localStorage,
      fetch: window.fetch.bind(window),
      apiBase: '/api',
      // Retry when the first waiting item is due.
      onSettled: () => {
        clearTimeout(timer);
        const at = box.nextAttemptAt();
        if (at !== null) timer = setTimeout(() => void box.flush(), Math.max(0, at - Date.now()));
      },
    });
    window.addEventListener('online', () => void box.flush());
    void box.flush();
    shared = box;
  }
  return shared;
}
