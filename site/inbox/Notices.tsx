/**
 * The inbox's notices (./notices.ts): polls the agent's own and the
 * unassigned open tickets, counts those asking for attention, puts the count
 * in the page's title, and — only after the agent switched it on, which is
 * also the only moment the browser is asked for permission — shows a browser
 * notification for each that arrives. Clicking one opens its ticket.
 */
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { agentApi, type TicketDetail } from './api.ts';
import { arrivedSince, loadSeen, markSeen, type Notice, noticesOf, notifyWanted, setNotifyWanted, titleWithCount } from './notices.ts';
import { refreshInterval } from './refresh.ts';
import { inboxText } from './strings.ts';

/** The notices now, and what the inbox does with them. */
export interface NoticesState {
  notices: Notice[];
  /** Per queue tab. */
  count: { me: number; none: number };
}

/**
 * Keeps the notices of agent `agentId` fresh; `open` (the ticket on screen)
 * counts as seen each time it is loaded. `onOpen` opens a ticket from a
 * browser notification.
 */
export function useNotices(agentId: string, locale: Locale, open: TicketDetail | null, onOpen: (id: string) => void): NoticesState {
  const t = inboxText(locale);
  const [notices, setNotices] = useState<Notice[]>([]);
  const previous = useRef<Notice[] | null>(null);
  const seenVersion = useRef(0);
  const [, setSeenTick] = useState(0);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  // The ticket on screen is seen, each time it loads (a customer's new line arrives with the refresh).
  useEffect(() => {
    if (!open) return;
    markSeen(window.localStorage, open);
    seenVersion.current++;
    setSeenTick(seenVersion.current);
    setNotices((current) => current.filter((n) => n.id !== open.id));
  }, [open]);

  useEffect(() => {
    let stopped = false;
    // One poll at a time: when the API is slower than the interval, polls must not pile up.
    let polling = false;
    const poll = async () => {
      if (polling) return;
      polling = true;
      try {
        await pollOnce();
      } finally {
        polling = false;
      }
    };
    const pollOnce = async () => {
      const lists = await Promise.all(
        (['me', 'none'] as const).map((assignee) =>
          agentApi.tickets({ status: 'open', assignee, locale: '', q: '', sort: 'waiting' }).then(
            (r) => r.tickets,
            () => null,
          ),
        ),
      );
      if (stopped || lists.some((list) => list === null)) return;
      const current = noticesOf(
        lists.flatMap((list) => list ?? []),
        agentId,
        loadSeen(window.localStorage),
      );
      // The first answer after loading is what was already there: no notification for it, only the count.
      const arrived = previous.current === null ? [] : arrivedSince(previous.current, current);
      previous.current = current;
      setNotices(current);
      if (arrived.length > 0 && notifyWanted(window.localStorage) && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        for (const notice of arrived) {
          const shown = new Notification(notice.kind === 'new' ? t.noticeNew(notice.number) : t.noticeReplied(notice.number), {
            body: notice.subject,
            tag: `wegwijs-${notice.id}`,
          });
          shown.onclick = () => {
            window.focus();
            openRef.current(notice.id);
            shown.close();
          };
        }
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), refreshInterval());
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [agentId, t]);

  const base = useRef<string | null>(null);
  useEffect(() => {
    base.current ??= document.title;
    document.title = titleWithCount(base.current, notices.length);
  }, [notices.length]);
  useEffect(
    () => () => {
      if (base.current !== null) document.title = base.current;
    },
    [],
  );

  return { notices, count: { me: notices.filter((n) => n.queue === 'me').length, none: notices.filter((n) => n.queue === 'none').length } };
}

/**
 * "Notify me in the browser": off until the agent switches it on; switching
 * it on is the one moment the browser asks for permission. When the browser
 * refuses, the switch stays off and says how to allow it.
 */
export function NotifySwitch({ locale }: { locale: Locale }) {
  const t = inboxText(locale);
  const supported = typeof window !== 'undefined' && typeof window.Notification !== 'undefined';
  const [on, setOn] = useState(false);
  const [message, setMessage] = useState('');
  useEffect(() => {
    setOn(supported && notifyWanted(window.localStorage) && Notification.permission === 'granted');
  }, [supported]);
  if (!supported) return null;
  const toggle = async (wanted: boolean) => {
    setMessage('');
    if (!wanted) {
      setNotifyWanted(window.localStorage, false);
      setOn(false);
      return;
    }
    const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
    if (permission !== 'granted') {
      setNotifyWanted(window.localStorage, false);
      setOn(false);
      setMessage(t.notifyRefused);
      return;
    }
    setNotifyWanted(window.localStorage, true);
    setOn(true);
  };
  return (
    <div className="notify-switch">
      <label className="inline">
        <input type="checkbox" checked={on} onChange={(e) => void toggle(e.target.checked)} /> {t.notifyLabel}
      </label>
      {message && (
        <p role="alert" className="error small">
          {message}
        </p>
      )}
    </div>
  );
}
