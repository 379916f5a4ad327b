/**
 * One message of a ticket's thread, rendered so that no stored value can
 * blank the inbox: the assistant's reason (`why`) is read field by field
 * with type checks ({@link describeWhy}) whatever shape an older widget or
 * a hostile client stored, and each message sits in its own error boundary,
 * so one that still fails shows a line saying so and the rest of the page
 * stays. Everything is rendered as text, never as HTML.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

/** The assistant's reason as the inbox shows it. */
export type WhyView =
  | { kind: 'rule'; ruleId: string; pattern: string }
  | { kind: 'pattern'; pattern: string }
  | { kind: 'ranking'; phrasing: string | null; terms: string[]; score: number | null; margin: number | null }
  | { kind: 'other'; json: string };

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Longest raw reason shown for an unknown shape. */
const MAX_JSON = 2000;

/**
 * Reads a stored `why` defensively: the known kinds (core/assistant's `Why`)
 * with only the fields of the right type, anything else as (cut) JSON.
 *
 * @example describeWhy({ kind: 'ranking', terms: 'pakket', score: '1' }) // { kind: 'ranking', terms: [], score: null, … }
 */
export function describeWhy(why: unknown): WhyView {
  const data = why !== null && typeof why === 'object' && !Array.isArray(why) ? (why as Record<string, unknown>) : {};
  if (data['kind'] === 'rule') return { kind: 'rule', ruleId: text(data['ruleId']), pattern: text(data['pattern']) };
  if (data['kind'] === 'pattern') return { kind: 'pattern', pattern: text(data['pattern']) };
  if (data['kind'] === 'ranking') {
    const terms = Array.isArray(data['terms']) ? data['terms'].filter((t): t is string => typeof t === 'string') : [];
    return { kind: 'ranking', phrasing: text(data['phrasing']) || null, terms, score: number(data['score']), margin: number(data['margin']) };
  }
  let json: string;
  try {
    json = JSON.stringify(why, null, 2) ?? String(why);
  } catch {
    // Circular or too deep to write out.
    json = String(why);
  }
  return { kind: 'other', json: json.length > MAX_JSON ? `${json.slice(0, MAX_JSON)}…` : json };
}

/**
 * Catches a render error inside one message and shows `fallback` instead,
 * so one bad message never blanks the thread (React unmounts the whole tree
 * on an uncaught render error).
 */
export class MessageBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // The agent sees the fallback; the console keeps the cause for whoever debugs it.
    console.error('inbox: a message could not be shown', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
