/**
 * Who holds the ticket, and the moves: claim an unassigned ticket, release
 * one's own, assign it to a colleague, and (admins) take over one a colleague
 * holds, after a confirmation that names them and how long ago they claimed
 * it. Every move is a ticket event (see the history).
 */
import { useState } from 'react';
import type { Locale } from '#core/locale.ts';
import type { Agent, Colleague, TicketDetail } from './api.ts';
import { ConfirmDialog } from './Confirm.tsx';
import { inboxText } from './strings.ts';
import { dateTime, timeAgo } from './time.ts';

/** What the assignment controls need; the ticket view passes its own props through. */
export interface AssignmentProps {
  detail: TicketDetail;
  agent: Agent;
  locale: Locale;
  colleagues: readonly Colleague[];
  onClaim: () => Promise<unknown>;
  /** Gives the ticket to `assigneeId` (null: nobody). */
  onAssign: (assigneeId: string | null) => Promise<unknown>;
}

export function Assignment({ detail, agent, locale, colleagues, onClaim, onAssign }: AssignmentProps) {
  const t = inboxText(locale);
  const holder = detail.assignee;
  const mine = holder?.id === agent.id;
  const heldByOther = holder !== null && !mine;
  const isAdmin = agent.role === 'admin';
  const [target, setTarget] = useState('');
  const [asking, setAsking] = useState<null | { kind: 'takeOver' } | { kind: 'reassign'; to: string | null }>(null);
  const ago = detail.assignedAt ? timeAgo(detail.assignedAt, locale) : '';
  const nameOf = (id: string | null) => (id === null ? t.nobody : (colleagues.find((c) => c.id === id)?.name ?? t.nobody));
  const canAssign = !heldByOther || isAdmin;

  return (
    <div className="assignment">
      <span>
        {holder?.name ?? t.nobody}
        {holder && detail.assignedAt && (
          <>
            {' '}
            <small>
              ·{' '}
              <time dateTime={detail.assignedAt} title={dateTime(detail.assignedAt, locale)}>
                {t.claimedAgo(ago)}
              </time>
            </small>
          </>
        )}
      </span>
      {holder === null && (
        <button type="button" onClick={() => void onClaim()}>
          {t.claim}
        </button>
      )}
      {mine && (
        <button type="button" onClick={() => void onAssign(null)}>
          {t.release}
        </button>
      )}
      {heldByOther && isAdmin && (
        <button type="button" onClick={() => setAsking({ kind: 'takeOver' })}>
          {t.takeOver}
        </button>
      )}
      {heldByOther && !isAdmin && <small className="muted">{t.onlyAdminTakesOver}</small>}
      {canAssign && colleagues.length > 0 && (
        <form
          className="assign-to"
          onSubmit={(event) => {
            event.preventDefault();
            if (target === '') return;
            const to = target === 'none' ? null : target;
            if (to === (holder?.id ?? null)) return;
            if (heldByOther) setAsking({ kind: 'reassign', to });
            else void onAssign(to).then(() => setTarget(''));
          }}
        >
          <label>
            <span className="sr-only">{t.assignTo}</span>
            <select value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{t.assignTo}…</option>
              {colleagues
                .filter((c) => c.id !== holder?.id)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              {holder && <option value="none">{t.nobody}</option>}
            </select>
          </label>
          <button type="submit" disabled={target === ''}>
            {t.reassign}
          </button>
        </form>
      )}
      {asking && holder && (
        <ConfirmDialog
          title={asking.kind === 'takeOver' ? t.takeOverTitle(detail.number) : `${t.assignTo} ${nameOf(asking.to)}?`}
          confirmLabel={asking.kind === 'takeOver' ? t.takeOver : t.reassign}
          cancelLabel={t.cancel}
          onConfirm={() => (asking.kind === 'takeOver' ? onAssign(agent.id) : onAssign(asking.to).then(() => setTarget('')))}
          onClose={() => setAsking(null)}
        >
          {asking.kind === 'takeOver'
            ? t.takeOverQuestion(holder.name, detail.number, ago)
            : t.reassignQuestion(holder.name, detail.number, ago, nameOf(asking.to))}
        </ConfirmDialog>
      )}
    </div>
  );
}
