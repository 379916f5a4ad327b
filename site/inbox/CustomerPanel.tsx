/**
 * The customer beside the ticket: their other tickets (same e-mail
 * address), the effort and satisfaction they reported, where they opened
 * the chat and on what kind of device; and the ticket's contact reason,
 * which the agent can correct. All from the API (api/customers,
 * api/reasons); customer text is rendered as text.
 */
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import type { ArticleChoice } from './api.ts';
import { actionErrorText } from './errors.ts';
import { type ContactReason, type CustomerPanelData, customerApi } from './routing-api.ts';
import { routingText } from './routing-strings.ts';
import { inboxText } from './strings.ts';
import { articlesOf } from './Teach.tsx';
import { dateTime, timeAgo } from './time.ts';

export function CustomerPanel({
  ticketId,
  locale,
  contentLocale,
  onOpenTicket,
}: {
  ticketId: string;
  locale: Locale;
  contentLocale: Locale;
  onOpenTicket: (id: string) => void;
}) {
  const t = routingText(locale);
  const ti = inboxText(locale);
  const [panel, setPanel] = useState<CustomerPanelData | null>(null);
  const [articles, setArticles] = useState<ArticleChoice[]>([]);
  useEffect(() => {
    setPanel(null);
    customerApi.panel(ticketId).then(setPanel, () => setPanel(null));
  }, [ticketId]);
  useEffect(() => {
    articlesOf(contentLocale).then(setArticles, () => setArticles([]));
  }, [contentLocale]);
  if (!panel) return null;
  const titleOf = (id: string | null) => (id === null ? null : (articles.find((a) => a.id === id)?.title ?? id));
  const average = (value: number | null) => (value === null ? '' : value.toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB'));
  return (
    <aside className="customer-panel" aria-labelledby="customer-panel-title">
      <h3 id="customer-panel-title">{t.panelTitle}</h3>
      <dl>
        <dt>{t.entryPage}</dt>
        <dd>
          {panel.entryPage === null ? (
            t.unknown
          ) : panel.entryArticleId === null ? (
            panel.entryPage
          ) : (
            <>
              {titleOf(panel.entryArticleId)} <small className="muted">{panel.entryPage}</small>
            </>
          )}
        </dd>
        <dt>{t.device}</dt>
        <dd>
          {panel.device ? t[`device_${panel.device}`] : t.unknown} · {panel.locale.toUpperCase()}
        </dd>
        <dt>{t.effortHistory}</dt>
        <dd>
          {panel.effort.scores.length === 0
            ? t.none
            : `${t.averageOf(average(panel.effort.average), panel.effort.scores.length)} (${panel.effort.scores.map((s) => `${s.score}/5`).join(', ')})`}
        </dd>
        <dt>{t.satisfactionHistory}</dt>
        <dd>
          {panel.satisfaction.scores.length === 0
            ? t.none
            : `${t.averageOf(average(panel.satisfaction.average), panel.satisfaction.scores.length)} (${panel.satisfaction.scores.map((s) => `${s.ticketNumber}: ${s.score}/5`).join(', ')})`}
        </dd>
      </dl>
      <h4>{t.otherTickets}</h4>
      {panel.otherTickets.length === 0 ? (
        <p className="muted">{t.noOtherTickets}</p>
      ) : (
        <ul className="customer-tickets">
          {panel.otherTickets.map((other) => (
            <li key={other.id}>
              <button type="button" onClick={() => onOpenTicket(other.id)}>
                <strong>{other.number}</strong> <span className={`badge status-${other.status}`}>{ti[`status_${other.status}`]}</span>{' '}
                <span>{other.subject}</span>{' '}
                <time dateTime={other.createdAt} title={dateTime(other.createdAt, locale)}>
                  {timeAgo(other.createdAt, locale)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ReasonForm key={ticketId} ticketId={ticketId} locale={locale} articles={articles} />
    </aside>
  );
}

function ReasonForm({ ticketId, locale, articles }: { ticketId: string; locale: Locale; articles: readonly ArticleChoice[] }) {
  const t = routingText(locale);
  const [reason, setReason] = useState<ContactReason | null>(null);
  const [articleId, setArticleId] = useState('');
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  useEffect(() => {
    customerApi.reason(ticketId).then(
      (r) => {
        setReason(r);
        setArticleId(r.articleId ?? '');
      },
      () => setReason(null),
    );
  }, [ticketId]);
  if (!reason) return null;
  const categories = [...new Set(articles.map((a) => a.categoryId))];
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    // A ref, not only the state: a double click must save once.
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    try {
      const saved = await customerApi.setReason(ticketId, {
        categoryId: articleId === '' ? reason.categoryId : null,
        articleId: articleId === '' ? null : articleId,
      });
      setReason(saved);
      setNotice({ text: t.reasonSaved, error: false });
    } catch (e) {
      setNotice({ text: actionErrorText(e, locale), error: true });
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  return (
    <form className="reason-form" onSubmit={(e) => void save(e)}>
      <h4>{t.reason}</h4>
      <p className="muted">
        {t.reasonCategory}: {reason.categoryId ?? t.noReason}
      </p>
      <label>
        {t.reasonArticle}
        <select value={articleId} onChange={(e) => setArticleId(e.target.value)}>
          <option value="">{t.noReason}</option>
          {categories.map((category) => (
            <optgroup key={category} label={category}>
              {articles
                .filter((a) => a.categoryId === category)
                .map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy}>
        {t.saveReason}
      </button>
      <p role={notice?.error ? 'alert' : 'status'} className={notice?.error ? 'error' : 'muted'}>
        {notice?.text ?? ''}
      </p>
    </form>
  );
}
