/**
 * What went wrong, in the agent's language: the API's English messages and
 * the browser's "Failed to fetch" are for developers, not for the inbox.
 */
import type { Locale } from '#core/locale.ts';
import { MAX_MESSAGE_LENGTH } from '#core/messages.ts';
import { ApiError } from './api.ts';
import { inboxText } from './strings.ts';

/** A count as the inbox writes it: 5.000 in Dutch, 5,000 in English. */
export function formatCount(n: number, locale: Locale): string {
  return n.toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB');
}

/** A request that never reached the API (offline, DNS, connection refused). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError || (typeof navigator !== 'undefined' && navigator.onLine === false && !(error instanceof ApiError));
}

/** Why a reply or note of `length` characters was not sent, and that the text is kept. */
export function sendErrorText(error: unknown, locale: Locale, length: number): string {
  const t = inboxText(locale);
  if (isNetworkError(error)) return t.offline;
  if (!(error instanceof ApiError)) return t.sendFailed(0);
  if (error.status === 400 && error.field === 'body' && length > MAX_MESSAGE_LENGTH)
    return t.tooLong(formatCount(MAX_MESSAGE_LENGTH, locale), formatCount(length, locale));
  if (error.status === 401) return t.signedOut;
  if (error.status === 409) return t.ticketClosed;
  return t.sendFailed(error.status);
}

/** Why another action (claim, status, assign) failed. */
export function actionErrorText(error: unknown, locale: Locale): string {
  const t = inboxText(locale);
  if (isNetworkError(error)) return t.actionOffline;
  if (error instanceof ApiError && error.status === 401) return t.signedOut;
  return t.actionFailed(error instanceof ApiError ? error.status : 0);
}
