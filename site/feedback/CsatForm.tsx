/**
 * The page behind the link in the "your ticket is solved" e-mail
 * (`/<locale>/feedback/?t=<token>`): five buttons for CSAT. Sent straight to
 * `POST /api/csat` rather than through the outbox, because the customer
 * should hear at once whether the link works.
 */
// Preact's own hooks, as every customer island (docs/decisions/033-chat-first-open-without-compat-or-base64.md).
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '#core/locale.ts';
import { ui } from '../i18n/ui.ts';
import { type CsatOutcome, sendCsat } from './csat.ts';

const SCORES = [1, 2, 3, 4, 5] as const;

export default function CsatForm({ locale }: { locale: Locale }) {
  const t = ui(locale);
  const [token, setToken] = useState<string | null>(null);
  const [given, setGiven] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<CsatOutcome | 'sending' | null>(null);

  useEffect(() => {
    const found = new URLSearchParams(window.location.search).get('t');
    setToken(found);
    if (!found) setOutcome('unknown');
  }, []);

  const give = (score: number) => {
    if (!token || outcome === 'sending') return;
    setGiven(score);
    setOutcome('sending');
    sendCsat(window.fetch.bind(window), token, score).then(setOutcome);
  };

  const message =
    outcome === 'sending'
      ? t.csatSending
      : outcome === 'saved'
        ? `${t.csatThanks} ${given !== null ? t.csatGiven(given) : ''}`
        : outcome === 'unknown'
          ? t.csatUnknownLink
          : outcome === 'failed'
            ? t.csatSendFailed
            : '';
  return (
    <form className="csat-form" aria-labelledby="csat-question" onSubmit={(e) => e.preventDefault()}>
      <fieldset className="ces" disabled={outcome === 'unknown'}>
        <legend id="csat-question">{t.csatQuestion}</legend>
        <div className="ces-scale">
          {SCORES.map((score) => (
            <button
              key={score}
              type="button"
              aria-pressed={given === score}
              onClick={() => give(score)}
              aria-label={score === 1 ? `1, ${t.csatLow}` : score === 5 ? `5, ${t.csatHigh}` : String(score)}
            >
              {score}
            </button>
          ))}
        </div>
        <div className="ces-ends" aria-hidden="true">
          <span>1 = {t.csatLow}</span>
          <span>5 = {t.csatHigh}</span>
        </div>
      </fieldset>
      <p
        role={outcome === 'unknown' || outcome === 'failed' ? 'alert' : 'status'}
        className={outcome === 'unknown' || outcome === 'failed' ? 'error' : undefined}
      >
        {message}
      </p>
    </form>
  );
}
