/**
 * The site's outbox: every event for the API (the widget's CES scores, answer
 * outcomes, the hand-off and CSAT; the article pages' feedback) is written to
 * localStorage first and sent from there, with an idempotency key, until the
 * API acknowledges it. Nothing is lost when the network or the API is down or
 * the visitor closes the tab, and nothing is counted twice when a send is
 * retried, because the API deduplicates by key.
 *
 * Anonymous signals (`POST /signals`) and the widget's signals of one
 * conversation (`POST /conversations/{id}/signals`: effort scores, outcomes,
 * "helpful" answers) go in batches: every waiting item of the path in one
 * request, each carrying its own key inside the body. A busy widget then
 * costs the API one request instead of ten.
 *
 * Failures cannot poison it:
 * - A refusal (4xx other than 408/429) is final for that item: it is set
 *   aside (kept in {@link Outbox.rejected}, counted in {@link Outbox.dropped})
 *   and the next item goes.
 * - A server error (5xx) is retried with backoff, at most `maxServerErrors`
 *   times, then set aside the same way. Network failures, 408 and 429 are
 *   retried without a cap: nothing is wrong with the item.
 * - Items wait only behind their own lane: the customer's lane (the hand-off,
 *   replies to the ticket, CSAT) goes first and never waits behind signals or
 *   effort scores, whose lanes (one per path) wait on their own failures.
 * - Text is repaired before sending (an unpaired surrogate becomes U+FFFD),
 *   since the API refuses ill-formed text and a customer's words must not
 *   be refused for half an emoji.
 * Whatever is set aside is reported through `onRejected`, so the page can
 * tell the customer (see browser-outbox.ts).
 *
 * No DOM: storage, fetch and the clock are passed in, so the same module runs
 * in the browser and in tests against a real HTTP server.
 */
import { wellFormed } from '#core/privacy/redact.ts';
import { backoffDelayMs } from '#core/util/backoff.ts';

/** The part of the Web Storage API the outbox uses. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The anonymous conversation the events belong to. */
export interface ConversationAuth {
  id: string;
  token: string;
}

/** One request waiting to be acknowledged. */
export interface OutboxItem {
  /** Idempotency key: sent as `Idempotency-Key`; the API counts each key once. */
  key: string;
  /** Path under the API, with `{conversation}` standing for the conversation id. */
  path: string;
  body: unknown;
  /** Failed attempts so far. */
  attempts: number;
  /** How many of those the API answered with a 5xx; at `maxServerErrors` the item is set aside. */
  serverErrors?: number;
  /** Epoch ms before which the item is not retried. */
  notBefore: number;
}

/**
 * An item set aside: refused for good (4xx other than 408/429) or failing
 * with a 5xx `maxServerErrors` times. Kept (the last 20) with its body, so
 * nothing the customer typed is lost; never resent unless {@link Outbox.retry}
 * puts it back.
 */
export interface RejectedItem extends OutboxItem {
  /** The last answer's status. */
  status: number;
  /** The last answer's body (at most 500 characters). */
  error: string;
}

/** What the outbox needs from its surroundings. */
export interface OutboxOptions {
  storage: KeyValueStorage;
  fetch: typeof fetch;
  /** Origin plus `/api`, e.g. `https://help.example/api`, or `/api` in the browser. */
  apiBase: string;
  /** Milliseconds since the epoch; injectable for tests. Default: `Date.now`. */
  now?: () => number;
  /** Storage key prefix. Default: `wegwijs.`. */
  prefix?: string;
  /** First retry delay in ms, doubled per failure. Default: 1,000. */
  baseDelay?: number;
  /** Longest retry delay in ms. Default: 300,000 (5 minutes). */
  maxDelay?: number;
  /** Random in [0, 1) for jitter. Default: `Math.random`. */
  random?: () => number;
  /** Called after every flush, e.g. to set a timer for {@link Outbox.nextAttemptAt}. */
  onSettled?: () => void;
  /** Called with the items just set aside, to tell the customer. */
  onRejected?: (items: RejectedItem[]) => void;
  /** 5xx answers an item gets before it is set aside. Default: 5 (about 30 s with the default delays). */
  maxServerErrors?: number;
  /**
   * Paths whose items are sent together: `{ [field]: [body, body, …] }`, at
   * most `max` per request, each body carrying its item's key as `key`.
   * Default: {@link DEFAULT_BATCHES}.
   */
  batches?: Record<string, BatchOptions>;
}

/** How the items of one path are combined into a request. */
export interface BatchOptions {
  /** Field of the request body that holds the list. */
  field: string;
  /** Most items in one request. */
  max: number;
}

/** The path of a conversation's batched signals. */
export const CONVERSATION_SIGNALS_PATH = '/conversations/{conversation}/signals';

/** The API's batch routes and their limits: 50 signals (api/signals), 50 signals of a conversation (api/conversations). */
export const DEFAULT_BATCHES: Record<string, BatchOptions> = {
  '/signals': { field: 'signals', max: 50 },
  [CONVERSATION_SIGNALS_PATH]: { field: 'signals', max: 50 },
};

/** The outbox's interface. */
export interface Outbox {
  /** Queues a request (persisted at once) and tries to send it. */
  enqueue(path: string, body: unknown, key?: string): OutboxItem;
  /**
   * Sends every due item, lane by lane (the customer's first), each lane in
   * order; a lane stops at its first temporary failure so its order is kept,
   * the other lanes go on. Resolves when done; never rejects.
   */
  flush(): Promise<void>;
  /** Items not yet acknowledged. */
  pending(): OutboxItem[];
  /** Items set aside (refused for good or failing too often), the last 20, oldest first. */
  rejected(): RejectedItem[];
  /** How many items were ever set aside on this storage (the rejected list keeps only the last 20). */
  dropped(): number;
  /**
   * Puts a set-aside item back in the queue with a clean slate (e.g. the
   * customer pressed "try again"). Returns false when no such item is kept.
   */
  retry(key: string): boolean;
  /** The conversation, once the API created it. */
  conversation(): ConversationAuth | null;
  /** The conversation, created now if need be (it carries nothing personal); null without a connection. */
  start(): Promise<ConversationAuth | null>;
  /**
   * Takes over a conversation opened elsewhere (the link in an e-mail gave
   * this browser a token for it). Refused (false) while items of another
   * conversation still wait, since they would go to the wrong one.
   */
  adopt(auth: ConversationAuth): boolean;
  /** Removes a set-aside item for good (the customer sent its text another way). */
  forget(key: string): void;
  /** Epoch ms when sending resumes (the earliest retry time of the lanes' first items), or null when nothing waits. */
  nextAttemptAt(): number | null;
  /**
   * Forgets the conversation and what is queued for it (a restarted chat).
   * Sent items stay sent; anonymous signals still waiting are kept, since
   * they belong to no conversation.
   */
  reset(): void;
}

/** Statuses worth retrying: timeouts, rate limits and server trouble. */
function isTemporary(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The lane that goes before all others: what the customer wrote to a person. */
export const CUSTOMER_LANE = 'customer';

/**
 * The lane of a path: the hand-off, ticket replies and CSAT share the
 * customer's lane (a reply must not overtake the hand-off that creates the
 * ticket); every other path is a lane of its own.
 */
export function laneOf(path: string): string {
  return /^\/conversations\/\{conversation\}\/(?:handoff|ticket\/|csat)/.test(path) ? CUSTOMER_LANE : path;
}

/** `value` with every string (and key) made well-formed; the rest as it is. */
function wellFormedDeep(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedDeep);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormedDeep(v)]));
  return value;
}

/** A random idempotency key (128 bits). */
export function newKey(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * The index of the batch item an API error names in its `field`, or
 * undefined. The API writes a dot path (`signals.2.ces`); the contract's
 * examples write `signals[2].ces`: both are read.
 */
function namedIndex(errorBody: string, field: string): number | undefined {
  let named = '';
  try {
    named = String((JSON.parse(errorBody) as { error?: { field?: unknown } }).error?.field ?? '');
  } catch {
    return undefined;
  }
  const match = new RegExp(`^${field}(?:\\[(\\d+)\\]|\\.(\\d+))`).exec(named);
  const index = match?.[1] ?? match?.[2];
  return index === undefined ? undefined : Number(index);
}

/**
 * Creates an outbox over `options.storage`. Several outboxes on one storage
 * (several tabs) may send the same item twice; the idempotency key makes
 * that harmless.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { storage, apiBase } = options;
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? 'wegwijs.';
  const baseDelay = options.baseDelay ?? 1000;
  const maxDelay = options.maxDelay ?? 300_000;
  const random = options.random ?? Math.random;
  const batches = options.batches ?? DEFAULT_BATCHES;
  const maxServerErrors = options.maxServerErrors ?? 5;
  const itemsKey = `${prefix}outbox`;
  const rejectedKey = `${prefix}outbox.rejected`;
  const droppedKey = `${prefix}outbox.dropped`;
  const conversationKey = `${prefix}conversation`;
  let flushing: Promise<void> | null = null;
  // Set when flush() is called during a flush: items queued meanwhile get a pass too.
  let again = false;

  const read = <T>(key: string, fallback: T): T => {
    try {
      const raw = storage.getItem(key);
      return raw === null ? fallback : (JSON.parse(raw) as T);
    } catch {
      // A corrupt entry (edited by hand, older format) must not break the widget.
      return fallback;
    }
  };
  const items = () => read<OutboxItem[]>(itemsKey, []);
  const save = (list: OutboxItem[]) => storage.setItem(itemsKey, JSON.stringify(list));

  async function send(path: string, body: unknown, key: string | null, auth: ConversationAuth | null): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (key !== null) headers['idempotency-key'] = key;
    if (auth) headers['authorization'] = `Bearer ${auth.token}`;
    return options.fetch(`${apiBase}${path.replace('{conversation}', encodeURIComponent(auth?.id ?? ''))}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(wellFormedDeep(body)),
      keepalive: true,
    });
  }

  async function ensureConversation(): Promise<ConversationAuth | 'retry'> {
    const existing = read<ConversationAuth | null>(conversationKey, null);
    if (existing) return existing;
    const creationKey = read<string | null>(`${conversationKey}.key`, null) ?? newKey();
    storage.setItem(`${conversationKey}.key`, JSON.stringify(creationKey));
    try {
      const response = await send('/conversations', {}, creationKey, null);
      if (!response.ok) return 'retry';
      const created = (await response.json()) as ConversationAuth;
      storage.setItem(conversationKey, JSON.stringify({ id: created.id, token: created.token }));
      return created;
    } catch {
      return 'retry';
    }
  }

  function backoff(item: OutboxItem, retryAfterSeconds: number | null): OutboxItem {
    const attempts = item.attempts + 1;
    // Jitter spreads the retries of many widgets after an outage (the same schedule as webhook deliveries).
    const delay = Math.max(retryAfterSeconds !== null ? retryAfterSeconds * 1000 : 0, backoffDelayMs(attempts, baseDelay, maxDelay, random));
    return { ...item, attempts, notBefore: now() + delay };
  }

  const setAside = (list: OutboxItem[], status: number, error: string) => {
    if (list.length === 0) return;
    const keys = new Set(list.map((i) => i.key));
    save(items().filter((i) => !keys.has(i.key)));
    const added = list.map((item) => ({ ...item, status, error: error.slice(0, 500) }));
    const rejected = read<RejectedItem[]>(rejectedKey, []).filter((i) => !keys.has(i.key));
    // Keep the last few for support to look at (and for retry); the list must not grow without bound.
    storage.setItem(rejectedKey, JSON.stringify([...rejected, ...added].slice(-20)));
    storage.setItem(droppedKey, JSON.stringify(read<number>(droppedKey, 0) + added.length));
    options.onRejected?.(added);
  };

  /**
   * Sends `group` (one item, or a batch) as one request with `body`. Returns
   * false on a temporary failure: every item of the group backs off and the
   * caller stops, so order is kept. A refusal for good sets the group aside,
   * or only the item it names when the group is a batch under `field`
   * (`signals[2].ces`); the others go again in the next round.
   */
  async function sendGroup(path: string, group: OutboxItem[], body: unknown, key: string | null, field?: string): Promise<boolean> {
    const keys = new Set(group.map((i) => i.key));
    // Re-read the list each time: another tab may have changed it meanwhile.
    const everyItem = (change: (item: OutboxItem) => OutboxItem | null) => save(items().flatMap((i) => (keys.has(i.key) ? (change(i) ?? []) : [i])));
    const auth = path.includes('{conversation}') ? await ensureConversation() : null;
    if (auth === 'retry') {
      everyItem((i) => backoff(i, null));
      return false;
    }
    let response: Response;
    try {
      response = await send(path, body, key, auth);
    } catch {
      everyItem((i) => backoff(i, null));
      return false;
    }
    if (response.ok) {
      everyItem(() => null);
      return true;
    }
    if (response.status >= 500) {
      // A server error may come from the item itself (the API cannot store it): retried, but not for ever.
      const error = await response.text().catch(() => '');
      const given: OutboxItem[] = [];
      const retryAfter = Number(response.headers.get('retry-after'));
      everyItem((i) => {
        const counted = { ...i, serverErrors: (i.serverErrors ?? 0) + 1 };
        if (counted.serverErrors >= maxServerErrors) {
          given.push(counted);
          return counted;
        }
        return backoff(counted, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
      });
      setAside(given, response.status, error);
      // The lane goes on when every item of the group was set aside; otherwise it waits for the retry.
      return given.length === group.length;
    }
    if (isTemporary(response.status)) {
      const retryAfter = Number(response.headers.get('retry-after'));
      everyItem((i) => backoff(i, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null));
      return false;
    }
    const error = await response.text().catch(() => '');
    const culprit = field === undefined ? undefined : group[namedIndex(error, field) ?? -1];
    setAside(culprit ? [culprit] : group, response.status, error);
    return true;
  }

  /** The lanes of `list` in sending order: the customer's first, then the others as their first items came. */
  const lanesOf = (list: OutboxItem[]) => {
    const lanes = [...new Set(list.map((i) => laneOf(i.path)))];
    return [...lanes.filter((l) => l === CUSTOMER_LANE), ...lanes.filter((l) => l !== CUSTOMER_LANE)];
  };

  /** Sends the due items of `lane` in order, until it is empty or its first item must wait. */
  async function flushLane(lane: string): Promise<void> {
    // Bounded, in case storage refuses to save (full) and the same item keeps coming back.
    for (let round = 0; round < 1000; round++) {
      const item = items().find((i) => laneOf(i.path) === lane);
      if (!item || item.notBefore > now()) return;
      const batch = batches[item.path];
      if (!batch) {
        if (!(await sendGroup(item.path, [item], item.body, item.key))) return;
        continue;
      }
      // `item` with every other due item of its path, each carrying its own key in the body.
      const group = items()
        .filter((i) => i.path === item.path && i.notBefore <= now())
        .slice(0, batch.max);
      const body = { [batch.field]: group.map((i) => ({ ...(i.body as object), key: i.key })) };
      // No Idempotency-Key header: a batch's members change between attempts.
      if (!(await sendGroup(item.path, group, body, null, batch.field))) return;
    }
  }

  async function flushOnce(): Promise<void> {
    for (const lane of lanesOf(items())) await flushLane(lane);
  }

  const outbox: Outbox = {
    enqueue(path, body, key = newKey()) {
      const item: OutboxItem = { key, path, body, attempts: 0, notBefore: 0 };
      save([...items().filter((i) => i.key !== key), item]);
      void outbox.flush();
      return item;
    },
    flush() {
      if (flushing) {
        again = true;
        return flushing;
      }
      flushing = (async () => {
        do {
          again = false;
          await flushOnce();
        } while (again);
      })().finally(() => {
        flushing = null;
        options.onSettled?.();
      });
      return flushing;
    },
    pending: () => items(),
    rejected: () => read<RejectedItem[]>(rejectedKey, []),
    dropped: () => read<number>(droppedKey, 0),
    retry(key) {
      const rejected = read<RejectedItem[]>(rejectedKey, []);
      const item = rejected.find((i) => i.key === key);
      if (!item) return false;
      storage.setItem(rejectedKey, JSON.stringify(rejected.filter((i) => i.key !== key)));
      save([...items().filter((i) => i.key !== key), { key: item.key, path: item.path, body: item.body, attempts: 0, notBefore: 0 }]);
      void outbox.flush();
      return true;
    },
    conversation: () => read<ConversationAuth | null>(conversationKey, null),
    start: async () => {
      const auth = await ensureConversation();
      return auth === 'retry' ? null : auth;
    },
    adopt(auth) {
      const current = read<ConversationAuth | null>(conversationKey, null);
      if (current?.id === auth.id) return true;
      if (items().some((i) => i.path.includes('{conversation}'))) return false;
      storage.setItem(conversationKey, JSON.stringify({ id: auth.id, token: auth.token }));
      storage.removeItem(`${conversationKey}.key`);
      return true;
    },
    forget(key) {
      storage.setItem(rejectedKey, JSON.stringify(read<RejectedItem[]>(rejectedKey, []).filter((i) => i.key !== key)));
    },
    // Each lane goes out in order, so the first item of each lane decides when that lane resumes.
    nextAttemptAt: () => {
      const list = items();
      const firsts = lanesOf(list).map((lane) => list.find((i) => laneOf(i.path) === lane)?.notBefore ?? Infinity);
      return firsts.length === 0 ? null : Math.min(...firsts);
    },
    reset() {
      save(items().filter((i) => !i.path.includes('{conversation}')));
      for (const key of [conversationKey, `${conversationKey}.key`]) storage.removeItem(key);
    },
  };
  return outbox;
}
