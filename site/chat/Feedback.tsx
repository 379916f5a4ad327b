/**
 * The questions after an answer, one at a time: "did this answer your
 * question?" first, then the effort score (CES), once per answer; nothing
 * once the customer moved on (see feedbackStep in conversation.ts).
 */
import type { Locale } from '#core/locale.ts';
import { chatText } from './strings.ts';
import type { FeedbackStep } from './conversation.ts';

interface Props {
  step: FeedbackStep;
  locale: Locale;
  onHelpful: (helpful: boolean) => void;
  onCes: (score: number) => void;
}

export function Feedback({ step, locale, onHelpful, onCes }: Props) {
  const t = chatText(locale);
  if (step === 'none') return null;
  if (step === 'thanks') return <p className="chat-feedback muted">{t.chatCesThanks}</p>;
  if (step === 'helpful') {
    return (
      // biome-ignore lint/a11y/useSemanticElements: two buttons answering one question; a fieldset would add a legend and a border for nothing.
      <div className="chat-feedback chat-yesno" role="group" aria-label={t.chatDidThisHelp}>
        <span>{t.chatDidThisHelp}</span>
        <span className="chat-buttons">
          <button type="button" onClick={() => onHelpful(true)}>
            {t.chatYes}
          </button>
          <button type="button" onClick={() => onHelpful(false)}>
            {t.chatNo}
          </button>
        </span>
      </div>
    );
  }
  return <Scale legend={t.chatCesQuestion} low={t.chatCesLow} high={t.chatCesHigh} onScore={onCes} />;
}

/** A 1–5 scale with both ends named (CES and CSAT). */
export function Scale({ legend, low, high, onScore }: { legend: string; low: string; high: string; onScore: (score: number) => void }) {
  return (
    <fieldset className="chat-feedback ces">
      <legend>{legend}</legend>
      <div className="ces-scale">
        {[1, 2, 3, 4, 5].map((score) => (
          <button type="button" key={score} onClick={() => onScore(score)} aria-label={score === 1 ? `1, ${low}` : score === 5 ? `5, ${high}` : String(score)}>
            {score}
          </button>
        ))}
      </div>
      <div className="ces-ends" aria-hidden="true">
        <span>1 = {low}</span>
        <span>5 = {high}</span>
      </div>
    </fieldset>
  );
}
