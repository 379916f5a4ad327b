/**
 * Filling a saved reply's placeholders: `{klant}`/`{customer}` the customer's
 * name, `{ticket}` the ticket number, `{medewerker}`/`{agent}` the agent's
 * name. A placeholder without a value (no customer name) becomes the word for
 * a customer in the reply's language, so no braces reach the customer.
 */
import type { Locale } from '#core/locale.ts';

/** What the placeholders stand for. */
export interface PlaceholderValues {
  customerName: string | null;
  number: string;
  agentName: string;
}

/**
 * The saved reply `body` with its placeholders filled in; unknown `{words}` stay as written.
 *
 * @example fillPlaceholders('Hoi {klant}, over {ticket}: …', { customerName: 'Kim', number: 'WW-1001', agentName: 'Sanne' }, 'nl') // 'Hoi Kim, over WW-1001: …'
 */
export function fillPlaceholders(body: string, values: PlaceholderValues, locale: Locale): string {
  const customer = values.customerName?.trim() || (locale === 'nl' ? 'klant' : 'customer');
  const table: Record<string, string> = { klant: customer, customer, ticket: values.number, medewerker: values.agentName, agent: values.agentName };
  return body.replace(/\{(\w+)\}/g, (whole, name: string) => table[name.toLowerCase()] ?? whole);
}
