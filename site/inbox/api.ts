/**
 * The inbox's client for the agent API (see api/agents, api/tickets). Every
 * state-changing request carries `X-Requested-With: wegwijs`, which the API
 * requires as CSRF protection (a cross-site form cannot set it).
 */

import type { Locale } from '#core/locale.ts';
// The wire types are the API's own zod schemas (z.infer), imported as types
// only: nothing of the API reaches the browser bundle (core/boundaries.test.ts).
import type { Agent, Colleague } from '../../api/agents/routes.ts';
import type { ArticleListing, Phrasing, PhrasingProposal } from '../../api/phrasings/schema.ts';
import type { SavedReply } from '../../api/tickets/saved-replies.ts';
import type { AgentMessage, TicketChange, TicketDetail, TicketQuery, TicketSummary } from '../../api/tickets/schema.ts';

export type { Agent, Colleague, Phrasing, PhrasingProposal, SavedReply, TicketDetail, TicketSummary };

/**
 * Ticket statuses, in their usual order. The lists below are values the
 * browser needs at run time, so they are written here; api.test.ts checks
 * them against the API's.
 */
export const STATUSES = ['open', 'pending', 'solved', 'closed'] as const satisfies readonly TicketSummary['status'][];
export type TicketStatus = TicketSummary['status'];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly TicketSummary['priority'][];
export type TicketPriority = TicketSummary['priority'];

/** What an admin writes for a saved reply. */
export type SavedReplyInput = Pick<SavedReply, 'locale' | 'title' | 'body'>;

/** One message of a ticket's thread. */
export type ThreadMessage = AgentMessage;

/** An article, as the pickers list them (GET /api/agent/articles). */
export type ArticleChoice = ArticleListing;

/** A failed API call, with the API's message. */
export class ApiError extends Error {
  readonly status: number;
  /** The request field the API named as wrong, when it named one. */
  readonly field: string | undefined;
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

/** A file the API did not take (`code` as in core/attachments.ts; '' and status 0 without a connection). */
export class AttachmentError extends ApiError {
  readonly code: string;
  readonly filename: string;
  constructor(status: number, code: string, filename: string, message: string) {
    super(status, message || `HTTP ${status}`, 'file');
    this.code = code;
    this.filename = filename;
  }
}

/**
 * One request to the agent API (`/api/agent` + `path`) with the session
 * cookie; resolves with the JSON body, rejects with {@link ApiError}. The
 * reports island uses it too, so sign-in and errors behave the same there.
 */
export async function call<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (method !== 'GET') headers['x-requested-with'] = 'wegwijs';
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/agent${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => ({}))) as { error?: { message?: string; field?: string } };
  if (!response.ok) throw new ApiError(response.status, data.error?.message ?? `HTTP ${response.status}`, data.error?.field);
  return data as T;
}

/** Orders of the queue (the API's `sort`), the default first. */
export const QUEUE_SORTS = ['waiting', 'due', 'newest', 'oldest', 'activity'] as const satisfies readonly TicketQuery['sort'][];
export type QueueSort = TicketQuery['sort'];

/** Query of the queue, as the inbox's filters hold it ('' = all locales). */
export interface QueueFilter {
  status: TicketQuery['status'];
  assignee: TicketQuery['assignee'];
  locale: Locale | '';
  q: string;
  sort: QueueSort;
}

export const agentApi = {
  /** The signed-in agent, or null: 200 either way, so a signed-out first visit logs no error (api/agents/routes.ts). */
  session: () => call<{ agent: Agent | null }>('GET', '/session').then((answer) => answer.agent),
  login: (email: string, password: string) => call<{ agent: Agent }>('POST', '/login', { email, password }),
  logout: () => call<void>('POST', '/logout'),
  tickets: (filter: QueueFilter) => {
    const params = new URLSearchParams({ status: filter.status, assignee: filter.assignee, sort: filter.sort });
    if (filter.locale) params.set('locale', filter.locale);
    if (filter.q.trim()) params.set('q', filter.q.trim());
    return call<{ tickets: TicketSummary[] }>('GET', `/tickets?${params}`);
  },
  ticket: (id: string) => call<TicketDetail>('GET', `/tickets/${encodeURIComponent(id)}`),
  claim: (id: string) => call<TicketSummary>('POST', `/tickets/${encodeURIComponent(id)}/claim`),
  /** `key`: the draft's Idempotency-Key, the same on every retry of the same text, so a reply never posts twice. */
  reply: (id: string, body: string, internal: boolean, key: string, attachments: string[] = []) =>
    call<{ id: string }>(
      'POST',
      `/tickets/${encodeURIComponent(id)}/replies`,
      { body, internal, ...(attachments.length > 0 ? { attachments } : {}) },
      { 'idempotency-key': key },
    ),
  /**
   * Uploads one file for a reply (multipart); `key` is fixed when the file
   * was chosen, so a retry returns the same attachment. Rejects with
   * {@link AttachmentError} naming the file.
   */
  upload: async (id: string, file: File, key: string): Promise<{ id: string }> => {
    const form = new FormData();
    form.set('file', file, file.name);
    const response = await fetch(`/api/agent/tickets/${encodeURIComponent(id)}/attachments`, {
      method: 'POST',
      headers: { accept: 'application/json', 'x-requested-with': 'wegwijs', 'idempotency-key': key },
      credentials: 'same-origin',
      body: form,
    }).catch(() => null);
    const data = ((await response?.json().catch(() => ({}))) ?? {}) as { id?: string; code?: string; error?: { message?: string } };
    if (!response?.ok || !data.id) throw new AttachmentError(response?.status ?? 0, data.code ?? '', file.name, data.error?.message ?? '');
    return { id: data.id };
  },
  colleagues: () => call<{ agents: Colleague[] }>('GET', '/agents'),
  savedReplies: (locale: Locale) => call<{ savedReplies: SavedReply[] }>('GET', `/saved-replies?locale=${locale}`),
  addSavedReply: (input: SavedReplyInput) => call<SavedReply>('POST', '/saved-replies', input),
  changeSavedReply: (id: string, change: Partial<SavedReplyInput>) => call<SavedReply>('PATCH', `/saved-replies/${encodeURIComponent(id)}`, change),
  deleteSavedReply: (id: string) => call<void>('DELETE', `/saved-replies/${encodeURIComponent(id)}`),
  /** Merges `id` and `otherId` (the younger into the older); resolves with the survivor and the merged ticket. */
  merge: (id: string, otherId: string) =>
    call<{ survivor: TicketSummary; merged: { id: string; number: string } }>('POST', `/tickets/${encodeURIComponent(id)}/merge`, { ticketId: otherId }),
  update: (id: string, change: TicketChange) => call<TicketSummary>('PATCH', `/tickets/${encodeURIComponent(id)}`, change),
  articles: (locale: Locale) => call<ArticleChoice[]>('GET', `/articles?locale=${locale}`),
  teach: (proposal: PhrasingProposal) => call<Phrasing>('POST', '/phrasings', proposal),
};
