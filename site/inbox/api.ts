/**
 * The inbox's client for the agent API (see api/agents, api/tickets). Every
 * state-changing request carries `X-Requested-With: wegwijs`, which the API
 * requires as CSRF protection (a cross-site form cannot set it).
 */

/** An agent as the API describes them. */
export interface Agent {
  id: string;
  email: string;
  name: string;
  role: 'agent' | 'admin';
}

/** Ticket statuses, in their usual order. */
export const STATUSES = ['open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof STATUSES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof PRIORITIES)[number];

/** A row of the queue. */
export interface TicketSummary {
  id: string;
  number: string;
  status: TicketStatus;
  priority: TicketPriority;
  locale: 'nl' | 'en';
  subject: string;
  customerEmail: string | null;
  customerName: string | null;
  assignee: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  lastMessageAt: string | null;
  /** Since when the customer has waited for an agent; null when nobody waits. */
  waitingSince: string | null;
  /** The newest public message is the customer's. */
  customerWroteLast: boolean;
}

/** One message of a ticket's thread. */
export interface ThreadMessage {
  id: string;
  author: 'customer' | 'agent' | 'assistant' | 'system';
  authorName?: string | null;
  body: string;
  internal: boolean;
  createdAt: string;
  /** The assistant's reason, for its messages. */
  why?: unknown;
  articleId?: string | null;
  action?: string | null;
  /** The customer's clock, for transcript lines. */
  sentAt?: string | null;
  /** Effort the customer gave this answer, 1–5. */
  ces?: number | null;
  /** "Did this help?" as answered in the widget. */
  helpful?: boolean | null;
}

/** A ticket with everything an agent needs. */
export interface TicketDetail extends TicketSummary {
  messages: ThreadMessage[];
  ces: { answerId: string; articleId: string | null; score: number }[];
  articlesOffered?: string[];
  events?: { type: string; actor: string | null; at: string; data?: unknown }[];
  /** When the current assignee got it; null when nobody holds it. */
  assignedAt?: string | null;
}

/** A colleague to assign a ticket to (GET /api/agent/agents). */
export interface Colleague {
  id: string;
  name: string;
  role: 'agent' | 'admin';
}

/** A saved reply (GET /api/agent/saved-replies), with placeholders such as {klant} and {ticket}. */
export interface SavedReply {
  id: string;
  locale: 'nl' | 'en';
  title: string;
  body: string;
}

/** The longest reply or note the API takes (api/conversations/schema.ts MAX_MESSAGE_LENGTH). */
export const MAX_REPLY_LENGTH = 5000;

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

/**
 * One request to the agent API (`/api/agent` + `path`) with the session
 * cookie; resolves with the JSON body, rejects with {@link ApiError}. The
 * reports island uses it too, so sign-in and errors behave the same there.
 */
export async function call<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
  if (method !== 'GET') headers['x-requested-with'] = 'wegwijs';
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/agent${path}`, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => ({}))) as { error?: { message?: string; field?: string } };
  if (!response.ok) throw new ApiError(response.status, data.error?.message ?? `HTTP ${response.status}`, data.error?.field);
  return data as T;
}

/** Query of the queue. */
export interface QueueFilter {
  status: TicketStatus | 'all';
  assignee: 'me' | 'none' | 'any';
  locale: 'nl' | 'en' | '';
  q: string;
  sort: QueueSort;
}

/** Orders of the queue (the API's `sort`), the default first. */
export const QUEUE_SORTS = ['waiting', 'newest', 'oldest', 'activity'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** An article, as the pickers list them (GET /api/agent/articles). */
export interface ArticleChoice {
  id: string;
  locale: 'nl' | 'en';
  title: string;
  categoryId: string;
  url: string;
}

/** A new phrasing for the assistant: a customer's wording for an article, or a proposal for a new one (articleId null). */
export interface PhrasingProposal {
  articleId: string | null;
  locale: 'nl' | 'en';
  text: string;
  proposedTitle?: string;
  source: 'ticket' | 'nomatch' | 'gap' | 'search';
  sourceRef?: string;
}

/** A stored phrasing (the text as the API kept it, personal data redacted). */
export interface Phrasing {
  id: string;
  articleId: string | null;
  locale: 'nl' | 'en';
  text: string;
  status: 'pending' | 'pulled' | 'rejected';
  createdAt: string;
}

export const agentApi = {
  me: () => call<Agent>('GET', '/me'),
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
  reply: (id: string, body: string, internal: boolean, key: string) =>
    call<{ id: string }>('POST', `/tickets/${encodeURIComponent(id)}/replies`, { body, internal }, { 'idempotency-key': key }),
  colleagues: () => call<{ agents: Colleague[] }>('GET', '/agents'),
  savedReplies: (locale: 'nl' | 'en') => call<{ savedReplies: SavedReply[] }>('GET', `/saved-replies?locale=${locale}`),
  update: (id: string, change: { status?: TicketStatus; priority?: TicketPriority; assigneeId?: string | null }) =>
    call<TicketSummary>('PATCH', `/tickets/${encodeURIComponent(id)}`, change),
  articles: (locale: 'nl' | 'en') => call<ArticleChoice[]>('GET', `/articles?locale=${locale}`),
  teach: (proposal: PhrasingProposal) => call<Phrasing>('POST', '/phrasings', proposal),
};
