/**
 * Reply drafts, one per ticket, in localStorage: what an agent typed survives
 * a reload, a failed send and switching tickets, and is forgotten only when
 * the API has acknowledged the reply. A draft also remembers the
 * Idempotency-Key of its last send, so a retry of the same text (after a lost
 * answer, a double click or a reload) cannot post it twice.
 */

/** One ticket's unsent reply or note. */
export interface Draft {
  body: string;
  internal: boolean;
  /** Idempotency-Key of the last send, valid for exactly `sentBody` and `sentInternal`. */
  key?: string;
  sentBody?: string;
  sentInternal?: boolean;
}

/** The part of `Storage` drafts use (localStorage in the browser). */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PREFIX = 'wegwijs.inbox.draft.';

/** The draft of `ticketId`, or null when there is none (or storage is unreadable). */
export function loadDraft(storage: DraftStorage, ticketId: string): Draft | null {
  try {
    const raw = storage.getItem(PREFIX + ticketId);
    if (raw === null) return null;
    const data = JSON.parse(raw) as Partial<Draft>;
    if (typeof data.body !== 'string') return null;
    return { ...data, body: data.body, internal: data.internal === true };
  } catch {
    return null;
  }
}

/** Keeps `draft` for `ticketId`; an empty draft with no send pending is removed instead. */
export function saveDraft(storage: DraftStorage, ticketId: string, draft: Draft): void {
  try {
    if (draft.body === '' && draft.key === undefined) storage.removeItem(PREFIX + ticketId);
    else storage.setItem(PREFIX + ticketId, JSON.stringify(draft));
  } catch {
    // Storage full or blocked: the text is still in the box, only a reload would lose it.
  }
}

/** Forgets the draft of `ticketId`: the API has the reply. */
export function clearDraft(storage: DraftStorage, ticketId: string): void {
  try {
    storage.removeItem(PREFIX + ticketId);
  } catch {
    // Nothing to do: a stale draft is harmless, its key replays the same reply.
  }
}

/**
 * The draft ready to send and its key: the key of the last send when the text
 * and the note switch are unchanged (a retry), else a new one from `newKey`.
 */
export function draftToSend(draft: Draft, newKey: () => string): { draft: Draft; key: string } {
  if (draft.key !== undefined && draft.sentBody === draft.body && draft.sentInternal === draft.internal) return { draft, key: draft.key };
  const key = newKey();
  return { draft: { ...draft, key, sentBody: draft.body, sentInternal: draft.internal }, key };
}
