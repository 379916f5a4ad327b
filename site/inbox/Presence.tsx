/**
 * Who else has this ticket open, and who is typing on it: light polling of
 * `PUT /api/agent/presence/{ticket}` (api/tickets/presence.ts) every few
 * seconds while the ticket is shown, and at once when the agent starts
 * typing; `DELETE` when the ticket is left. Said in a polite live region,
 * so a screen reader hears "Ahmed is typing a reply" without losing its place.
 */
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { call } from './api.ts';
import { inboxText } from './strings.ts';

/** How often an open ticket says it is open. */
export const PRESENCE_POLL_MS = 5000;

/** How long after the last key press the agent still counts as typing. */
const TYPING_MS = 4000;

interface Colleague {
  agentId: string;
  name: string;
  typing: boolean;
}

/** The line the inbox shows, or '' with nobody else there. */
export function presenceLine(colleagues: readonly Colleague[], locale: Locale): string {
  const t = inboxText(locale);
  if (colleagues.length === 0) return '';
  const typing = colleagues.filter((c) => c.typing).map((c) => c.name);
  const viewing = colleagues.filter((c) => !c.typing).map((c) => c.name);
  return [typing.length > 0 ? t.presenceTyping(typing.join(', ')) : '', viewing.length > 0 ? t.presenceViewing(viewing.join(', ')) : '']
    .filter(Boolean)
    .join(' · ');
}

export function Presence({ ticketId, locale, lastTyped }: { ticketId: string; locale: Locale; lastTyped: React.RefObject<number> }) {
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  const typingSaid = useRef(false);

  useEffect(() => {
    let stopped = false;
    const say = () => {
      const typing = Date.now() - (lastTyped.current ?? 0) < TYPING_MS;
      typingSaid.current = typing;
      call<{ colleagues: Colleague[] }>('PUT', `/presence/${encodeURIComponent(ticketId)}`, { typing }).then(
        (answer) => !stopped && setColleagues(answer.colleagues),
        // Presence is a nicety: a failed poll changes nothing, the next one tries again.
        () => undefined,
      );
    };
    say();
    const timer = window.setInterval(say, PRESENCE_POLL_MS);
    // Typing starts: say so now rather than at the next poll (at most once a second).
    const typingTimer = window.setInterval(() => {
      const typing = Date.now() - (lastTyped.current ?? 0) < TYPING_MS;
      if (typing && !typingSaid.current) say();
    }, 1000);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.clearInterval(typingTimer);
      setColleagues([]);
      // Leaving the ticket (or the page): forget it now rather than after 30 s. keepalive outlives an unload.
      void fetch(`/api/agent/presence/${encodeURIComponent(ticketId)}`, {
        method: 'DELETE',
        headers: { 'x-requested-with': 'wegwijs' },
        credentials: 'same-origin',
        keepalive: true,
      }).catch(() => undefined);
    };
  }, [ticketId]);

  const line = presenceLine(colleagues, locale);
  return (
    <p className={line ? 'presence' : 'presence empty'} role="status">
      {line}
    </p>
  );
}
