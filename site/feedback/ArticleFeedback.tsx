/**
 * The end of every article: "Was this helpful?" and the effort question.
 * Rendered on the server; the page loads no code for it until the visitor
 * touches it (`client:interaction`). Buttons say whether they are chosen
 * with aria-pressed, and the thank-you is spoken through a status region.
 *
 * After "No" a short follow-up asks what was missing ({@link Unhelpful}): a
 * reason and an optional comment, redacted before it is sent.
 */
// Preact's own hooks, as every customer island (docs/decisions/033-chat-first-open-without-compat-or-base64.md).
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Locale } from '#core/locale.ts';
import { ui } from '../i18n/ui.ts';
import { pageOutbox } from '../chat/browser-outbox.ts';
import {
  type ArticleAnswer,
  type ArticleFeedbackState,
  type ArticleRef,
  giveFeedback,
  giveUnhelpful,
  loadFeedback,
  MAX_COMMENT_LENGTH,
  UNHELPFUL_WHY,
  type UnhelpfulWhy,
} from './article-feedback.ts';
import { type UnhelpfulText, unhelpfulText } from './strings.ts';
import './styles.ts';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * How long the sent line keeps the height of the form it replaced: longer than
 * a double click or double tap (the usual system double-click time is 500 ms).
 */
const HOLD_HEIGHT_MS = 1_000;

/** `articleId` is the article's translation key, the id the assistant and the reports use. */
export default function ArticleFeedback({ articleId, locale }: { articleId: string; locale: Locale }) {
  const t = ui(locale);
  const [state, setState] = useState<ArticleFeedbackState | null>(null);
  const [thanks, setThanks] = useState('');
  const article: ArticleRef = { id: articleId, locale };
  // Set by a press on this page. Preact runs effects a frame after hydrating: a press in between (a keyboard user
  // quick on Enter) must not be overwritten by the restore below, which would read that very answer back as an old one.
  const answeredHere = useRef(false);

  // What this browser answered before (after a reload) shows as soon as the visitor comes near.
  useEffect(() => {
    const saved = loadFeedback(window.localStorage, article);
    if (saved && !answeredHere.current) {
      setState(saved);
      setThanks(t.articleFeedbackGiven);
    }
  }, [articleId, locale]);

  const answer = (given: ArticleAnswer) => {
    answeredHere.current = true;
    setState(giveFeedback(window.localStorage, pageOutbox(), article, given));
    // After "No" the thank-you points at the follow-up that appears right after the buttons.
    setThanks('helpful' in given && !given.helpful ? unhelpfulText(locale).ask : t.articleFeedbackThanks);
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
      {state?.helpful === false && (
        <Unhelpful
          t={unhelpfulText(locale)}
          state={state}
          onSend={(given) => {
            setState(giveUnhelpful(window.localStorage, pageOutbox(), article, given));
            setThanks(unhelpfulText(locale).thanks);
          }}
        />
      )}
      <fieldset className="ces">
        <legend>{t.chatCesQuestion}</legend>
        <div className="ces-scale">
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
        </div>
        <div className="ces-ends" aria-hidden="true">
          <span>1 = {t.chatCesLow}</span>
          <span>5 = {t.chatCesHigh}</span>
        </div>
      </fieldset>
      <p role="status" className="feedback-thanks">
        {thanks}
      </p>
    </form>
  );
}

/**
 * What was missing: a group of radio buttons (arrow keys move within it), an
 * optional comment with its limit and a warning not to type personal
 * details, and a send button. Sending without a reason says so and moves
 * focus to the reasons, keeping what was typed. Once sent (also after a
 * reload) it shows what was given, as text, and takes the focus, since the
 * button that had it is gone.
 */
function Unhelpful({ t, state, onSend }: { t: UnhelpfulText; state: ArticleFeedbackState; onSend: (answer: { why: UnhelpfulWhy; comment: string }) => void }) {
  const id = useId();
  const [why, setWhy] = useState<UnhelpfulWhy | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState(false);
  const firstReason = useRef<HTMLInputElement>(null);
  const sent = useRef<HTMLParagraphElement>(null);
  const [justSent, setJustSent] = useState(false);
  // The form's height, kept by the line that replaces it for a moment: otherwise the effort scale and the links below
  // move up under the pointer, and the second half of an impatient double tap on "Versturen" gave a score nobody
  // chose or opened another article (seen at 375 px).
  const form = useRef<HTMLDivElement>(null);
  const [heldHeight, setHeldHeight] = useState<number | null>(null);

  useEffect(() => {
    if (heldHeight === null) return;
    const timer = window.setTimeout(() => setHeldHeight(null), HOLD_HEIGHT_MS);
    return () => window.clearTimeout(timer);
  }, [heldHeight]);

  useEffect(() => {
    if (justSent) sent.current?.focus();
  }, [justSent]);

  if (state.unhelpful) {
    return (
      <div className="unhelpful-sent" ref={sent} tabIndex={-1} style={heldHeight === null ? undefined : { minHeight: `${heldHeight}px` }}>
        <p>
          {t.given} {t.why[state.unhelpful.why]}
        </p>
        {state.unhelpful.comment !== '' && (
          // A customer's words: always text, never HTML.
          <p className="unhelpful-comment">“{state.unhelpful.comment}”</p>
        )}
      </div>
    );
  }

  const send = () => {
    if (why === null) {
      setError(true);
      firstReason.current?.focus();
      return;
    }
    setHeldHeight(form.current?.offsetHeight ?? null);
    setJustSent(true);
    onSend({ why, comment });
  };

  return (
    <div className="unhelpful" ref={form}>
      <fieldset aria-describedby={error ? `${id}-error` : undefined}>
        <legend>{t.legend}</legend>
        {UNHELPFUL_WHY.map((reason, i) => (
          <label key={reason} className="unhelpful-reason">
            <input
              ref={i === 0 ? firstReason : undefined}
              type="radio"
              name={`${id}-why`}
              value={reason}
              checked={why === reason}
              aria-invalid={error ? true : undefined}
              onChange={() => {
                setWhy(reason);
                setError(false);
              }}
            />{' '}
            {t.why[reason]}
          </label>
        ))}
        {error && (
          <p id={`${id}-error`} role="alert" className="unhelpful-error">
            {t.pickReason}
          </p>
        )}
      </fieldset>
      <label htmlFor={`${id}-comment`} className="unhelpful-label">
        {t.commentLabel}
      </label>
      <textarea
        id={`${id}-comment`}
        rows={3}
        maxLength={MAX_COMMENT_LENGTH}
        value={comment}
        aria-describedby={`${id}-hint ${id}-count`}
        onInput={(e) => setComment(e.currentTarget.value)}
      />
      <p id={`${id}-hint`} className="unhelpful-hint">
        {t.privacy}
      </p>
      <p id={`${id}-count`} className="unhelpful-hint">
        {t.count(comment.length, MAX_COMMENT_LENGTH)}
      </p>
      <button type="button" className="unhelpful-send" onClick={send}>
        {t.send}
      </button>
    </div>
  );
}
