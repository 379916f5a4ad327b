/**
 * Notices in the inbox: which tickets of the agent's queue (their own and the
 * unassigned ones) ask for attention, told by a count on the queue's tabs, in
 * the page's title ("(3) Inbox") and, when the agent switched it on, by a
 * browser notification. A ticket asks for attention when its customer is
 * waiting and wrote after this agent last had the ticket open: a new ticket
 * nobody answered yet, or a customer's reply. What the agent has seen is kept
 * in this browser's localStorage (ticket id → the time of the newest customer
 * line seen). Plain functions, tested without a browser (notices.test.ts).
 */
import type { TicketSummary } from './api.ts';

/** One ticket asking for attention. */
export interface Notice {
  id: string;
  number: string;
  subject: string;
  /** `new`: nobody has answered yet; `replied`: the customer wrote after an agent's reply. */
  kind: 'new' | 'replied';
  /** Whose queue: the agent's own, or the unassigned one. */
  queue: 'me' | 'none';
  /** The newest moment the customer's waiting changed (ISO). */
  at: string;
}

/** Ticket id → ISO time of the newest activity the agent saw with the ticket open. */
export type Seen = Record<string, string>;

const SEEN_KEY = 'wegwijs.inbox.seen';
/** Most tickets remembered as seen; the oldest are forgotten first. */
const MAX_SEEN = 500;

/** The newest moment a ticket's customer-waiting changed: when they started waiting, or the last message since. */
function activityOf(ticket: Pick<TicketSummary, 'waitingSince' | 'lastMessageAt'>): string | null {
  if (ticket.waitingSince === null) return null;
  return ticket.lastMessageAt !== null && ticket.lastMessageAt > ticket.waitingSince ? ticket.lastMessageAt : ticket.waitingSince;
}

/**
 * The notices among `tickets` (the agent's own and the unassigned, open
 * ones): every ticket whose customer waits and wrote after the agent last had
 * it open. A ticket in both lists counts once.
 *
 * @example noticesOf([{ ...ticket, waitingSince: '2026-12-06T10:00:00Z' }], 'agent-id', {}) // [{ kind: 'new', … }]
 */
export function noticesOf(tickets: readonly TicketSummary[], agentId: string, seen: Seen): Notice[] {
  const notices = new Map<string, Notice>();
  for (const ticket of tickets) {
    const at = activityOf(ticket);
    if (at === null || notices.has(ticket.id)) continue;
    const seenAt = seen[ticket.id];
    if (seenAt !== undefined && seenAt >= at) continue;
    if (ticket.assignee !== null && ticket.assignee.id !== agentId) continue;
    notices.set(ticket.id, {
      id: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      kind: ticket.firstResponseAt === null ? 'new' : 'replied',
      queue: ticket.assignee === null ? 'none' : 'me',
      at,
    });
  }
  return [...notices.values()];
}

/** The page title with the count in front, as mail and chat tools do: `(3) Inbox · Wegwijs`. */
export function titleWithCount(base: string, count: number): string {
  return count > 0 ? `(${count}) ${base}` : base;
}

/** Notices in `current` that were not in `previous` (by ticket and moment): what a browser notification tells about. */
export function arrivedSince(previous: readonly Notice[], current: readonly Notice[]): Notice[] {
  const known = new Set(previous.map((n) => `${n.id}@${n.at}`));
  return current.filter((n) => !known.has(`${n.id}@${n.at}`));
}

/** What this browser remembers the agent has seen. */
export function loadSeen(storage: Pick<Storage, 'getItem'>): Seen {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(SEEN_KEY) ?? '{}');
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    // Corrupt: forget it rather than break the inbox; every waiting ticket counts again.
    return {};
  }
}

/** Remembers that the agent had `ticket` open with its activity as it is now; returns the new map. */
export function markSeen(
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  ticket: Pick<TicketSummary, 'id' | 'waitingSince' | 'lastMessageAt' | 'updatedAt'>,
): Seen {
  const seen = loadSeen(storage);
  const at = activityOf(ticket) ?? ticket.updatedAt;
  if (seen[ticket.id] !== undefined && seen[ticket.id]! >= at) return seen;
  seen[ticket.id] = at;
  const entries = Object.entries(seen)
    .sort((a, b) => b[1].localeCompare(a[1]))
    .slice(0, MAX_SEEN);
  const kept = Object.fromEntries(entries);
  try {
    storage.setItem(SEEN_KEY, JSON.stringify(kept));
  } catch {
    // Storage full or refused: the count is a little too high, nothing worse.
  }
  return kept;
}

const NOTIFY_KEY = 'wegwijs.inbox.notify';

/** Whether the agent switched browser notifications on in this browser. */
export function notifyWanted(storage: Pick<Storage, 'getItem'>): boolean {
  return storage.getItem(NOTIFY_KEY) === '1';
}

/** Remembers the agent's choice. */
export function setNotifyWanted(storage: Pick<Storage, 'setItem' | 'removeItem'>, on: boolean): void {
  if (on) storage.setItem(NOTIFY_KEY, '1');
  else storage.removeItem(NOTIFY_KEY);
}
