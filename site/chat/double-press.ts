/**
 * The second half of a double tap or double click, when what the first half
 * did moved something else under the finger: the chat answers a press by
 * adding lines and scrolling to the newest, or by swapping its footer, so
 * the second press at the same spot lands on a control nobody chose (at
 * 375 px "Nee" under "Heeft dit je vraag beantwoord?" then opened one of the
 * offered articles; "Versturen naar een medewerker" opened the file picker
 * of the reply box; "Ja, opnieuw beginnen" opened the hand-off form).
 *
 * Such a press is stopped before it reaches the control. A second press on
 * the same control still goes through (its handler decides, e.g. Send with
 * an empty box does nothing), and the keyboard is never held back.
 */

/**
 * How long after a press a second one at the same spot is taken for its other half: longer than the usual system
 * double-click time (500 ms), as the article feedback holds its height (ArticleFeedback.tsx); two taps 120 ms apart
 * were 575 ms apart by their clicks' times in a browser test under load.
 */
export const DOUBLE_PRESS_MS = 1_000;
/** How far apart the two halves of one double tap can land (a finger is not a mouse). */
export const SAME_SPOT_PX = 24;

/**
 * How soon after the chat changed a press can be a choice of what is there now: a person sees the change and
 * decides (a reaction takes some 250 ms at the very least). A busy phone or test browser may deliver the second
 * tap over a second after the first, but the new control has then been there for only a moment.
 */
export const SEEN_AFTER_MS = 400;
/**
 * How long after the first tap a late second half can still come (a busy phone, 1.3 s in a test under load). A
 * press later than that is a press of its own, however recently the chat changed: a reply that just arrived and
 * the customer tapping its attachment where they had pressed Send a minute before.
 */
export const LATE_PRESS_MS = 3_000;

/** What a press landed on. */
const CONTROL = 'button, a[href], summary, label, input, select, textarea';

/** One press: when, where, and the control it reached with the text that control had then. */
export interface Press {
  at: number;
  x: number;
  y: number;
  control: Element | null;
  text: string;
}

/**
 * Whether `press` is the second half of `previous` and lands on something else than the first half did: it came
 * soon after it, or soon after the chat last changed (`changedAt`, since `previous`), at the same spot.
 */
export function landsOnSomethingElse(previous: Press | null, press: Press, changedAt = Number.NEGATIVE_INFINITY): boolean {
  if (!previous) return false;
  const since = press.at - previous.at;
  const soon = since < DOUBLE_PRESS_MS || (since < LATE_PRESS_MS && changedAt > previous.at && press.at - changedAt < SEEN_AFTER_MS);
  if (!soon || Math.hypot(press.x - previous.x, press.y - previous.y) > SAME_SPOT_PX) return false;
  // The same control, still there and still saying the same: its own handler decides what a second press does.
  const same = press.control !== null && press.control === previous.control && press.control.isConnected && press.text === previous.text;
  return !same;
}

/** The parts of a click the guard reads (a DOM MouseEvent, or the JSX types' wrapper of one). */
export type PressEvent = Pick<MouseEvent, 'detail' | 'target' | 'timeStamp' | 'clientX' | 'clientY' | 'preventDefault' | 'stopPropagation'>;

/**
 * Capture-phase listeners for the widget's root: `click` stops the second
 * half of a double press that would land on something else; `down` notes
 * when the finger or button went down, the time a press is measured by (a
 * phone busy with the first press hands the second one's click over late,
 * after the chat has changed, while its touch keeps the time it happened);
 * `key` ends a double press, since a person who typed in between is not
 * double-tapping; `changed` notes when the chat last changed. A mouse click is stopped only when the browser counts
 * it as the second of a double click (`detail` 2 or more), a tap by its time; clicks from the keyboard (`detail` 0)
 * pass.
 */
export function doublePressGuard(): {
  click: (event: PressEvent) => void;
  down: (event: { timeStamp: number; pointerType?: string }) => void;
  key: () => void;
  changed: () => void;
} {
  let last: Press | null = null;
  let downAt: number | null = null;
  let downType: string | null = null;
  let changedAt = Number.NEGATIVE_INFINITY;
  return {
    click(event) {
      const at = downAt ?? event.timeStamp;
      const touched = downType === 'touch' || downType === 'pen';
      downAt = null;
      downType = null;
      if (event.detail === 0) return;
      const target = event.target instanceof Element ? event.target : null;
      const reached = target?.closest(CONTROL) ?? null;
      // A label passes its click on to its field as a second click: both are the one press on that field.
      const control = reached instanceof HTMLLabelElement ? (reached.control ?? reached) : reached;
      const press = { at, x: event.clientX, y: event.clientY, control, text: control?.textContent ?? '' };
      // A mouse's second click is what the browser counts as the second of a double click (its own time and distance):
      // two single clicks, however quick (a person who knows where the next control comes, a test robot), pass. A
      // finger's second tap counts only when it lands on the same element, so for touch the time decides.
      const stop = (event.detail >= 2 || touched) && landsOnSomethingElse(last, press, changedAt);
      last = press;
      if (!stop) return;
      event.preventDefault();
      event.stopPropagation();
    },
    down(event) {
      downAt = event.timeStamp;
      downType = event.pointerType ?? null;
    },
    key() {
      last = null;
    },
    /** The chat changed (a MutationObserver on the widget's root calls it): what lies under the pointer may be new. */
    changed() {
      changedAt = performance.now();
    },
  };
}
