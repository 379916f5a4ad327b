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
 * double-click time (500 ms), as the article feedback holds its height (ArticleFeedback.tsx), because a phone busy
 * with the first press hands the second over late (575 ms apart for two taps 120 ms apart, in a browser test under load).
 */
export const DOUBLE_PRESS_MS = 1_000;
/** How far apart the two halves of one double tap can land (a finger is not a mouse). */
export const SAME_SPOT_PX = 24;

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

/** Whether `press` is the second half of `previous` and lands on something else than the first half did. */
export function landsOnSomethingElse(previous: Press | null, press: Press): boolean {
  if (!previous || press.at - previous.at >= DOUBLE_PRESS_MS) return false;
  if (Math.hypot(press.x - previous.x, press.y - previous.y) > SAME_SPOT_PX) return false;
  // The same control, still there and still saying the same: its own handler decides what a second press does.
  const same = press.control !== null && press.control === previous.control && press.control.isConnected && press.text === previous.text;
  return !same;
}

/** The parts of a click the guard reads (a DOM MouseEvent, or the JSX types' wrapper of one). */
export type PressEvent = Pick<MouseEvent, 'detail' | 'target' | 'timeStamp' | 'clientX' | 'clientY' | 'preventDefault' | 'stopPropagation'>;

/**
 * A capture-phase click listener for the widget's root: it stops the second
 * half of a double press that would land on something else. Clicks from the
 * keyboard (`detail` 0: Enter or Space on a button) pass untouched.
 */
export function doublePressGuard(): (event: PressEvent) => void {
  let last: Press | null = null;
  return (event) => {
    if (event.detail === 0) return;
    const target = event.target instanceof Element ? event.target : null;
    const reached = target?.closest(CONTROL) ?? null;
    // A label passes its click on to its field as a second click: both are the one press on that field.
    const control = reached instanceof HTMLLabelElement ? (reached.control ?? reached) : reached;
    const press = { at: event.timeStamp, x: event.clientX, y: event.clientY, control, text: control?.textContent ?? '' };
    const stop = landsOnSomethingElse(last, press);
    last = press;
    if (!stop) return;
    event.preventDefault();
    event.stopPropagation();
  };
}
