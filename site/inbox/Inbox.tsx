/**
 * The agent inbox: sign in, a queue that refreshes itself, and a ticket view
 * with the whole conversation (including why the assistant answered as it
 * did and the effort the customer reported), reply and internal note, claim,
 * status and priority, with keyboard shortcuts for the common moves.
 *
 * Customer text is rendered as text by React, never as HTML.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { AgentShell, type ShellText } from '../agent/AgentShell.tsx';
import {
  type Agent,
  ApiError,
  type Colleague,
  PRIORITIES,
  QUEUE_SORTS,
  type QueueFilter,
  type QueueSort,
  STATUSES,
  type TicketDetail,
  type TicketPriority,
  type TicketStatus,
  type TicketSummary,
  agentApi,
} from './api.ts';
import { Assignment, type AssignmentProps } from './Assignment.tsx';
import { ConfirmDialog } from './Confirm.tsx';
import { CustomerPanel } from './CustomerPanel.tsx';
import { loadDraft } from './drafts.ts';
import { NotifySwitch, useNotices } from './Notices.tsx';
import { actionErrorText } from './errors.ts';
import { History } from './History.tsx';
import { MergeControl } from './Merge.tsx';
import { ResponseClock } from './ResponseClock.tsx';
import { Presence } from './Presence.tsx';
import { refreshInterval } from './refresh.ts';
import { ReplyBox } from './ReplyBox.tsx';
import { articlesOf, TeachForm } from './Teach.tsx';
import { type ArticleIndex, ArticleLink, Thread } from './Transcript.tsx';
import { routingText } from './routing-strings.ts';
import { inboxText } from './strings.ts';
import { dateTime, duration, timeAgo } from './time.ts';

function shellText(locale: Locale): ShellText {
  const t = inboxText(locale);
  return {
    title: t.title,
    signedOutTitle: t.loginTitle,
    language: t.language,
    link: { href: '/agent/reports/', label: t.reports },
    more: [
      { href: '/agent/routing/', label: routingText(locale).title },
      { href: '/agent/saved-replies/', label: t.savedReplies },
      { href: '/agent/teaching/', label: t.teaching },
    ],
    signOut: t.logout,
  };
}

export default function Inbox({ locale }: { locale: Locale }) {
  return (
    <AgentShell locale={locale} text={shellText}>
      {(agent, current) => <Workspace agent={agent} locale={current} />}
    </AgentShell>
  );
}

function Workspace({ agent, locale }: { agent: Agent; locale: Locale }) {
  const t = inboxText(locale);
  const [filter, setFilter] = useState<QueueFilter>({ status: 'open', assignee: 'none', locale: '', q: '', sort: 'waiting' });
  const [tickets, setTickets] = useState<TicketSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<TicketDetail | null>(null);
  const [colleagues, setColleagues] = useState<Colleague[]>([]);
  const [notice, setNotice] = useState('');
  const [showHelp, setShowHelp] = useState(false);
  const [confirmSolve, setConfirmSolve] = useState(false);
  // What the last merge did, said once in the ticket it led to.
  const [merged, setMerged] = useState('');
  const replyRef = useRef<HTMLTextAreaElement>(null);
  // Opens the saved-reply list (shortcut i); set by the picker while the ticket has saved replies to offer.
  const pickerOpener = useRef<(() => void) | null>(null);
  // When the agent last typed in the reply box: presence tells colleagues (./Presence.tsx).
  const lastTyped = useRef(0);
  const [internal, setInternal] = useState(false);
  const [teaching, setTeaching] = useState<string | null>(null);
  const [taught, setTaught] = useState('');
  // Answers can overtake each other while the agent types a search: only answers for the filter now on screen
  // count. Keyed by the filter, not by the request: when the API is slower than the refresh, a newer poll of the
  // same filter must not throw away every answer. A poll waits while one for the same filter is on its way.
  const shownFilter = useRef('');
  const queueInFlight = useRef<string | null>(null);

  // Another ticket: the teach form and its confirmation belong to the old one; the note switch follows its draft.
  const open = (id: string) => {
    if (id !== selected) setMerged('');
    setSelected(id);
    setInternal(loadDraft(window.localStorage, id)?.internal ?? false);
    setTeaching(null);
    setTaught('');
  };

  useEffect(() => {
    agentApi.colleagues().then(
      (r) => setColleagues(r.agents),
      () => setColleagues([]),
    );
  }, []);

  const refreshQueue = useCallback(() => {
    const key = JSON.stringify(filter);
    shownFilter.current = key;
    if (queueInFlight.current === key) return;
    queueInFlight.current = key;
    agentApi
      .tickets(filter)
      .then(
        (r) => {
          if (key === shownFilter.current) setTickets(r.tickets);
        },
        (e: unknown) => setNotice(actionErrorText(e, locale)),
      )
      .finally(() => {
        if (queueInFlight.current === key) queueInFlight.current = null;
      });
  }, [filter, locale]);
  const refreshDetail = useCallback(() => {
    if (selected) agentApi.ticket(selected).then(setDetail, (e: unknown) => setNotice(actionErrorText(e, locale)));
    else setDetail(null);
  }, [selected, locale]);

  useEffect(() => {
    refreshQueue();
    const timer = setInterval(refreshQueue, refreshInterval());
    return () => clearInterval(timer);
  }, [refreshQueue]);
  useEffect(() => {
    refreshDetail();
    const timer = setInterval(refreshDetail, refreshInterval());
    return () => clearInterval(timer);
  }, [refreshDetail]);
  const notices = useNotices(agent.id, locale, detail, open);
  // Back online: a "no connection" notice no longer holds, and the queue may have moved.
  useEffect(() => {
    const onOnline = () => {
      setNotice('');
      refreshQueue();
      refreshDetail();
    };
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  }, [refreshQueue, refreshDetail]);

  const act = (work: Promise<unknown>): Promise<void> =>
    work.then(
      () => {
        setNotice('');
        refreshQueue();
        refreshDetail();
      },
      (e: unknown) => {
        setNotice(actionErrorText(e, locale));
        refreshDetail();
      },
    );

  const claim = (): Promise<void> => {
    if (!selected) return Promise.resolve();
    return agentApi.claim(selected).then(
      () => {
        setNotice('');
        refreshQueue();
        refreshDetail();
      },
      async (e: unknown) => {
        // Someone was quicker: say who, and since when, from the fresh ticket.
        if (e instanceof ApiError && e.status === 409) {
          const fresh = await agentApi.ticket(selected).catch(() => null);
          if (fresh) setDetail(fresh);
          setNotice(fresh?.assignee ? t.heldBy(fresh.assignee.name, fresh.assignedAt ? timeAgo(fresh.assignedAt, locale) : '') : t.claimConflict);
        } else setNotice(actionErrorText(e, locale));
      },
    );
  };
  const assign = (assigneeId: string | null) => (selected ? act(agentApi.update(selected, { assigneeId })) : Promise.resolve());
  const setStatus = (status: TicketStatus) => selected && act(agentApi.update(selected, { status }));
  const setPriority = (priority: TicketPriority) => selected && act(agentApi.update(selected, { priority }));

  // Shortcuts, except while typing or while a dialog is open.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest('input, textarea, select, dialog') || event.ctrlKey || event.metaKey || event.altKey) return;
      const index = tickets.findIndex((ticket) => ticket.id === selected);
      if (event.key === 'j' || event.key === 'k') {
        const next = tickets[Math.min(tickets.length - 1, Math.max(0, index + (event.key === 'j' ? 1 : -1)))];
        if (next) open(next.id);
      } else if (event.key === 'c') void claim();
      else if (event.key === 'r' || event.key === 'n') {
        event.preventDefault();
        setInternal(event.key === 'n');
        replyRef.current?.focus();
      } else if (event.key === 's') {
        // Solving e-mails the customer: one key press must not do that unasked.
        if (detail && detail.status !== 'solved' && detail.status !== 'closed') setConfirmSolve(true);
      } else if (event.key === 'i' && pickerOpener.current) {
        event.preventDefault();
        pickerOpener.current();
      } else if (event.key === 't' && detail) {
        event.preventDefault();
        setTeaching(teachingTextOf(detail));
      } else if (event.key === '?') setShowHelp((v) => !v);
      else return;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const tabs: [QueueFilter['assignee'], string][] = [
    ['none', t.unassigned],
    ['me', t.mine],
    ['any', t.all],
  ];
  return (
    <div className={`inbox-body${detail ? ' has-ticket' : ''}`}>
      <nav className="inbox-queue" aria-label={t.queue}>
        <div role="tablist" aria-label={t.queue}>
          {tabs.map(([assignee, label]) => {
            const fresh = assignee === 'any' ? 0 : notices.count[assignee];
            return (
              <button key={assignee} type="button" role="tab" aria-selected={filter.assignee === assignee} onClick={() => setFilter({ ...filter, assignee })}>
                {label}
                {fresh > 0 && (
                  <span className="count-badge">
                    {' '}
                    <span aria-hidden="true">{fresh}</span>
                    <span className="sr-only">{t.newCount(fresh)}</span>
                  </span>
                )}
              </button>
            );
          })}
        </div>
        <NotifySwitch locale={locale} />
        <div className="inbox-filters">
          <label>
            <span className="sr-only">{t.status}</span>
            <select value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value as QueueFilter['status'] })}>
              <option value="all">{t.status_all}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t[`status_${s}`]}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="sr-only">{t.language}</span>
            <select value={filter.locale} onChange={(e) => setFilter({ ...filter, locale: e.target.value as QueueFilter['locale'] })}>
              <option value="">{t.anyLanguage}</option>
              <option value="nl">NL</option>
              <option value="en">EN</option>
            </select>
          </label>
          <label>
            <span className="sr-only">{t.sort}</span>
            <select value={filter.sort} onChange={(e) => setFilter({ ...filter, sort: e.target.value as QueueSort })}>
              {QUEUE_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t[`sort_${sort}`]}
                </option>
              ))}
            </select>
          </label>
          <label className="search">
            <span className="sr-only">{t.search}</span>
            <input type="search" placeholder={t.search} value={filter.q} onChange={(e) => setFilter({ ...filter, q: e.target.value })} />
          </label>
        </div>
        {tickets.length === 0 ? (
          <p>{t.noTickets}</p>
        ) : (
          <ul className="inbox-list">
            {tickets.map((ticket) => (
              <li key={ticket.id}>
                <QueueEntry ticket={ticket} locale={locale} current={ticket.id === selected} onOpen={() => open(ticket.id)} />
              </li>
            ))}
          </ul>
        )}
      </nav>
      <main className="inbox-ticket" aria-live="polite">
        {notice && (
          <p role="alert" className="error">
            {notice}
          </p>
        )}
        {merged && (
          <p role="status" className="notice">
            {merged}
          </p>
        )}
        {showHelp && <p className="help">{t.shortcuts}</p>}
        {!detail ? (
          <p>{t.pickTicket}</p>
        ) : (
          <TicketView
            detail={detail}
            agent={agent}
            locale={locale}
            colleagues={colleagues}
            onOpen={open}
            onClaim={claim}
            onAssign={assign}
            onStatus={setStatus}
            onPriority={setPriority}
            onMerged={(survivorId, message) => {
              // Opening another ticket forgets the last merge's notice: say this one after.
              open(survivorId);
              setMerged(message);
              refreshQueue();
            }}
          >
            <Presence key={`presence-${detail.id}`} ticketId={detail.id} locale={locale} lastTyped={lastTyped} />
            <ReplyBox
              key={detail.id}
              onTyping={() => {
                lastTyped.current = Date.now();
              }}
              ticketId={detail.id}
              locale={locale}
              contentLocale={detail.locale}
              placeholders={{ customerName: detail.customerName, number: detail.number, agentName: agent.name }}
              internal={internal}
              onInternalChange={setInternal}
              textareaRef={replyRef}
              pickerOpener={pickerOpener}
              onSent={() => {
                // A note is the exception: the next message is a reply to the customer again.
                setInternal(false);
                setNotice('');
                refreshQueue();
                refreshDetail();
              }}
            />
            <section className="inbox-teach" aria-labelledby="teach-title">
              <h3 id="teach-title">{t.teach}</h3>
              {taught && <p role="status">{taught}</p>}
              {teaching === null ? (
                <button
                  type="button"
                  id="teach-open"
                  // The selection is read on mousedown: by click time some browsers have moved focus and cleared it.
                  onMouseDown={() => setTeaching(teachingTextOf(detail))}
                  onClick={() => setTeaching((current) => current ?? teachingTextOf(detail))}
                >
                  {t.teach}
                </button>
              ) : (
                <TeachForm
                  locale={locale}
                  contentLocale={detail.locale}
                  text={teaching}
                  source="ticket"
                  sourceRef={detail.number}
                  onDone={(confirmation) => {
                    setTeaching(null);
                    if (confirmation) setTaught(confirmation);
                    // Focus back to the button, which React renders again on this commit.
                    setTimeout(() => document.getElementById('teach-open')?.focus());
                  }}
                />
              )}
            </section>
          </TicketView>
        )}
        {confirmSolve && detail && (
          <ConfirmDialog
            title={t.solveTitle(detail.number)}
            confirmLabel={t.solveYes}
            cancelLabel={t.cancel}
            onConfirm={() => act(agentApi.update(detail.id, { status: 'solved' }))}
            onClose={() => setConfirmSolve(false)}
          >
            {t.solveQuestion(detail.number)}
          </ConfirmDialog>
        )}
        <p className="muted small">{t.shortcuts}</p>
      </main>
    </div>
  );
}

/**
 * One queue row: its accessible name starts with the ticket number, then the
 * subject, the response target (time left or overdue, in words), how long
 * the customer has waited and whether they wrote last.
 */
function QueueEntry({ ticket, locale, current, onOpen }: { ticket: TicketSummary; locale: Locale; current: boolean; onOpen: () => void }) {
  const t = inboxText(locale);
  const now = Date.now();
  return (
    <button type="button" aria-current={current ? 'true' : undefined} onClick={onOpen}>
      <strong>{ticket.number}</strong> <span className={`badge status-${ticket.status}`}>{t[`status_${ticket.status}`]}</span>
      {ticket.priority !== 'normal' && <span className={`badge priority-${ticket.priority}`}>{t[`priority_${ticket.priority}`]}</span>}
      {ticket.customerWroteLast && ticket.firstResponseAt !== null && <span className="badge customer-replied">{t.customerReplied}</span>}
      <span className="subject">{ticket.subject}</span>
      {ticket.response && (
        <small className="target">
          <ResponseClock response={ticket.response} locale={locale} now={now} />
        </small>
      )}
      <small className="times">
        {ticket.waitingSince && (
          <>
            <time className="waiting" dateTime={ticket.waitingSince} title={dateTime(ticket.waitingSince, locale)}>
              {t.waiting(duration(now - Date.parse(ticket.waitingSince), locale))}
            </time>
            {' · '}
          </>
        )}
        <time dateTime={ticket.createdAt} title={dateTime(ticket.createdAt, locale)}>
          {t.created(timeAgo(ticket.createdAt, locale, now))}
        </time>
      </small>
      <small className="customer">
        {ticket.customerName ?? ticket.customerEmail} · {ticket.locale.toUpperCase()} · {ticket.assignee?.name ?? t.nobody}
      </small>
    </button>
  );
}

/**
 * The wording to teach from a ticket: the text the agent selected in the
 * conversation, else the customer's first message.
 */
function teachingTextOf(detail: TicketDetail): string {
  const selection = typeof window === 'undefined' ? null : window.getSelection();
  const thread = document.querySelector('.thread');
  if (selection && !selection.isCollapsed && thread && selection.anchorNode && thread.contains(selection.anchorNode)) {
    const text = selection.toString().trim();
    if (text) return text.slice(0, 500);
  }
  return (detail.messages.find((m) => m.author === 'customer' && !m.internal)?.body ?? '').slice(0, 500);
}

function TicketView({
  detail,
  agent,
  locale,
  colleagues,
  onClaim,
  onAssign,
  onStatus,
  onPriority,
  onOpen,
  onMerged,
  children,
}: AssignmentProps & {
  onOpen: (id: string) => void;
  onMerged: (survivorId: string, notice: string) => void;
  onStatus: (s: TicketStatus) => void;
  onPriority: (p: TicketPriority) => void;
  children: React.ReactNode;
}) {
  const t = inboxText(locale);
  const [articles, setArticles] = useState<ArticleIndex>(new Map());
  useEffect(() => {
    // Titles are a nicety: without them the transcript shows article ids.
    articlesOf(detail.locale).then(
      (list) => setArticles(new Map(list.map((a) => [a.id, a]))),
      () => setArticles(new Map()),
    );
  }, [detail.locale]);
  return (
    <article aria-labelledby="ticket-title">
      <h2 id="ticket-title">
        {detail.number}: {detail.subject}
      </h2>
      {/* The reply box sits below the customer panel and the whole conversation (a long scroll on a phone): one tap takes the agent there. */}
      <p className="to-reply">
        <a href="#reply-body">{t.toReply}</a>
      </p>
      {detail.mergedInto && (
        <p className="notice">
          {t.mergedInto(detail.mergedInto.number)}{' '}
          <button type="button" className="link" onClick={() => detail.mergedInto && onOpen(detail.mergedInto.id)}>
            {t.openSurvivor(detail.mergedInto.number)}
          </button>
        </p>
      )}
      <dl className="ticket-meta">
        <dt>{t.customer}</dt>
        <dd>
          {detail.customerName ? `${detail.customerName} ` : ''}
          {detail.customerEmail && <a href={`mailto:${detail.customerEmail}`}>{detail.customerEmail}</a>} · {detail.locale.toUpperCase()}
        </dd>
        <dt>{t.claimedBy}</dt>
        <dd>
          <Assignment detail={detail} agent={agent} locale={locale} colleagues={colleagues} onClaim={onClaim} onAssign={onAssign} />
        </dd>
        <dt>
          <label htmlFor="ticket-status">{t.status}</label>
        </dt>
        <dd>
          <select id="ticket-status" value={detail.status} onChange={(e) => onStatus(e.target.value as TicketStatus)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t[`status_${s}`]}
              </option>
            ))}
          </select>
        </dd>
        <dt>
          <label htmlFor="ticket-priority">{t.priority}</label>
        </dt>
        <dd>
          <select id="ticket-priority" value={detail.priority} onChange={(e) => onPriority(e.target.value as TicketPriority)}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t[`priority_${p}`]}
              </option>
            ))}
          </select>
        </dd>
        {detail.team && (
          <>
            <dt>{t.team}</dt>
            <dd>{detail.team.name}</dd>
          </>
        )}
        {detail.response && (
          <>
            <dt>{t.responseTarget}</dt>
            <dd>
              <ResponseClock response={detail.response} locale={locale} now={Date.now()} full />
            </dd>
          </>
        )}
        {detail.ces.length > 0 && (
          <>
            <dt>{t.effort}</dt>
            <dd>
              {detail.ces.map((c) => (
                <span key={c.answerId} className={`chip ces-${c.score}`}>
                  {c.score}/5
                  {c.articleId ? (
                    <>
                      {' · '}
                      <ArticleLink id={c.articleId} articles={articles} locale={locale} />
                    </>
                  ) : null}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      <CustomerPanel ticketId={detail.id} locale={locale} contentLocale={detail.locale} onOpenTicket={onOpen} />
      <MergeControl key={`merge-${detail.id}`} detail={detail} locale={locale} onMerged={onMerged} />
      {detail.events && detail.events.length > 0 && <History events={detail.events} locale={locale} colleagues={colleagues} />}
      <h3>{t.conversation}</h3>
      <Thread ticketId={detail.id} messages={detail.messages} locale={locale} articles={articles} />
      {children}
    </article>
  );
}
