/**
 * The inbox's client for the routing API (api/routing): teams, agents'
 * status and cap, rules. Shapes as the API's schemas say.
 */
import { call } from './api.ts';

export type AgentStatus = 'available' | 'away';

export interface RoutingTeam {
  id: string;
  name: string;
  members: { id: string; name: string }[];
}

export interface RoutingAgent {
  id: string;
  name: string;
  role: 'agent' | 'admin';
  status: AgentStatus;
  openTicketCap: number | null;
  openTickets: number;
  teamIds: string[];
}

export interface RoutingRule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  locale: 'nl' | 'en' | null;
  categoryId: string | null;
  keywords: string[];
  team: { id: string; name: string };
}

export interface RoutingOverview {
  teams: RoutingTeam[];
  agents: RoutingAgent[];
  rules: RoutingRule[];
}

/** What a new rule says. */
export interface RuleInput {
  name: string;
  teamId: string;
  locale: 'nl' | 'en' | null;
  categoryId: string | null;
  keywords: string[];
  enabled?: boolean;
  position?: number;
}

export const routingApi = {
  overview: () => call<RoutingOverview>('GET', '/routing'),
  createTeam: (name: string, memberIds: string[]) => call<RoutingTeam>('POST', '/routing/teams', { name, memberIds }),
  setMembers: (id: string, memberIds: string[]) => call<RoutingTeam>('PATCH', `/routing/teams/${encodeURIComponent(id)}`, { memberIds }),
  deleteTeam: (id: string) => call<void>('DELETE', `/routing/teams/${encodeURIComponent(id)}`),
  setAgent: (id: string, change: { status?: AgentStatus; openTicketCap?: number | null }) =>
    call<RoutingAgent>('PATCH', `/routing/agents/${encodeURIComponent(id)}`, change),
  createRule: (rule: RuleInput) => call<RoutingRule>('POST', '/routing/rules', rule),
  updateRule: (id: string, change: Partial<RuleInput>) => call<RoutingRule>('PATCH', `/routing/rules/${encodeURIComponent(id)}`, change),
  deleteRule: (id: string) => call<void>('DELETE', `/routing/rules/${encodeURIComponent(id)}`),
};

/** The customer beside a ticket (GET /api/agent/customers/{ticketId}). */
export interface CustomerPanelData {
  email: string | null;
  name: string | null;
  locale: 'nl' | 'en';
  device: 'mobile' | 'tablet' | 'desktop' | null;
  entryPage: string | null;
  entryArticleId: string | null;
  otherTickets: { id: string; number: string; subject: string; status: 'open' | 'pending' | 'solved' | 'closed'; createdAt: string; solvedAt: string | null }[];
  effort: { average: number | null; scores: { ticketNumber: string; score: number; articleId: string | null; at: string }[] };
  satisfaction: { average: number | null; scores: { ticketNumber: string; score: number; at: string }[] };
}

/** A ticket's contact reason. */
export interface ContactReason {
  categoryId: string | null;
  articleId: string | null;
}

export const customerApi = {
  panel: (ticketId: string) => call<CustomerPanelData>('GET', `/customers/${encodeURIComponent(ticketId)}`),
  reason: (ticketId: string) => call<ContactReason>('GET', `/reasons/tickets/${encodeURIComponent(ticketId)}`),
  setReason: (ticketId: string, reason: ContactReason) => call<ContactReason>('PUT', `/reasons/tickets/${encodeURIComponent(ticketId)}`, reason),
};
