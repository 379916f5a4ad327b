/**
 * The end of every article: "Was this helpful?" and the effort question.
 * Rendered on the server; the page loads no code for it until the visitor
 * touches it (`client:interaction`). Buttons say whether they are chosen
 * with aria-pressed, and the thank-you is spoken through a status region.
 */
import { useEffect, useState } from 'react';
import type { Locale } from '#core/locale.ts';
import { ui } from '../i18n/ui.ts';
import { pageOutbox } from '../chat/browser-outbox.ts';
import { type ArticleAnswer, type ArticleFeedbackState, giveFeedback, loadFeedback } from './article-feedback.ts';

const SCORES = [1, 2, 3, 4, 5] as const;

/** `articleId` is the article's translation key, the id the assistant and the reports use. */
export default function ArticleFeedback({ articleId, locale }: { articleId: string; locale: Locale }) {
  const t = ui(locale);
  const [state, setState] = useState<ArticleFeedbackState | null>(null);
  const [thanks, setThanks] = useState('');

  // What this browser answered before (after a reload) shows as soon as the visitor comes near.
  useEffect(() => {
    const saved = loadFeedback(window.localStorage, { id: articleId, locale });
    if (saved) {
      setState(saved);
      setThanks(t.articleFeedbackGiven);
    }
  }, [articleId, locale]);

  const answer = (given: ArticleAnswer) => {
    setState(giveFeedback(window.localStorage, pageOutbox(), { id: articleId, locale }, given));
    setThanks(t.articleFeedbackThanks);
  };

  return (
    <form className="article-feedback" aria-label={t.articleFeedback} onSubmit={(e) => e.preventDefault()}>
      <fieldset>
        <legend>{t.articleHelpful}</legend>
        {([true, false] as const).map((helpful) => (
          <button
            key={String(helpful)}
            type="button"
            aria-pressed={state?.helpful === helpful}
            // Answered: kept focusable (a disabled button would drop focus), but inert.
            aria-disabled={state?.helpful !== undefined ? true : undefined}
            onClick={() => state?.helpful === undefined && answer({ helpful })}
          >
            {helpful ? t.chatYes : t.chatNo}
          </button>
        ))}
      </fieldset>
      <fieldset className="ces">
        <legend>{t.chatCesQuestion}</legend>
        <div className="ces-scale">
          <span aria-hidden="true">1 = {t.chatCesLow}</span>
          {SCORES.map((score) => (
            <button
              key={score}
              type="button"
              aria-pressed={state?.ces === score}
              aria-disabled={state?.ces !== undefined ? true : undefined}
              aria-label={score === 1 ? `1, ${t.chatCesLow}` : score === 5 ? `5, ${t.chatCesHigh}` : String(score)}
              onClick={() => state?.ces === undefined && answer({ ces: score })}
            >
              {score}
            </button>
          ))}
          <span aria-hidden="true">5 = {t.chatCesHigh}</span>
        </div>
      </fieldset>
      <p role="status" className="feedback-thanks">
        {thanks}
      </p>
    </form>
  );
}
