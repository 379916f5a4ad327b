/**
 * Merging the ticket with another of the same customer: the customer's
 * other open tickets (from the customer panel's API, so only tickets of
 * this e-mail address are offered), then a confirmation that names both
 * tickets and which one survives (the older). The API refuses any other
 * pair anyway (api/tickets/merge.ts).
 */
import { useEffect, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { ApiError, agentApi, type TicketDetail } from './api.ts';
import { ConfirmDialog } from './Confirm.tsx';
import { actionErrorText } from './errors.ts';
import { type CustomerPanelData, customerApi } from './routing-api.ts';
import { inboxText } from './strings.ts';

type Other = CustomerPanelData['otherTickets'][number];

export function MergeControl({ detail, locale, onMerged }: { detail: TicketDetail; locale: Locale; onMerged: (survivorId: string, notice: string) => void }) {
  const t = inboxText(locale);
  const [others, setOthers] = useState<Other[] | null>(null);
  const [choice, setChoice] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState('');
  const load = () =>
    customerApi.panel(detail.id).then(
      (panel) => {
        const open = panel.otherTickets.filter((o) => o.status !== 'closed');
        setOthers(open);
        setChoice((current) => (open.some((o) => o.id === current) ? current : (open[0]?.id ?? '')));
      },
      () => setOthers([]),
    );
  useEffect(() => {
    setError('');
    void load();
  }, [detail.id]);
  if (detail.status === 'closed' || detail.mergedInto) return null;
  const other = others?.find((o) => o.id === choice);
  // The older ticket survives (api/tickets/merge.ts): say so before the agent confirms.
  const [older, younger] =
    other && Date.parse(other.createdAt) < Date.parse(detail.createdAt) ? [other.number, detail.number] : [detail.number, other?.number ?? ''];
  return (
    <section className="inbox-merge" aria-labelledby="merge-title">
      <h3 id="merge-title">{t.merge}</h3>
      {others === null ? null : others.length === 0 ? (
        <p className="muted">{t.mergeNone}</p>
      ) : (
        <div className="merge-row">
          <label>
            {t.mergeWith}
            <select value={choice} onChange={(e) => setChoice(e.target.value)}>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.number}: {o.subject}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!other} onClick={() => setConfirming(true)}>
            {t.mergeButton}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {confirming && other && (
        <ConfirmDialog
          title={t.mergeTitle(younger, older)}
          confirmLabel={t.mergeYes}
          cancelLabel={t.cancel}
          onConfirm={() =>
            agentApi.merge(detail.id, other.id).then(
              (result) => onMerged(result.survivor.id, t.merged(result.merged.number, result.survivor.number)),
              (e: unknown) => {
                setError(
                  e instanceof ApiError && e.status === 422
                    ? t.mergeRefused
                    : e instanceof ApiError && e.status === 409
                      ? t.mergeConflict
                      : actionErrorText(e, locale),
                );
                void load();
              },
            )
          }
          onClose={() => setConfirming(false)}
        >
          {t.mergeQuestion(younger, older)}
        </ConfirmDialog>
      )}
    </section>
  );
}
