import { describe, expect, it } from 'vitest';
import { landsOnSomethingElse, type Press } from './double-press.ts';

// Stand-ins for the controls: only identity, isConnected and the text are read.
const control = (connected = true) => ({ isConnected: connected }) as unknown as Element;
const nee = control(false);
const klarna = control();
const send = control();
const press = (at: number, reached: Element | null, text: string, x = 100, y = 500): Press => ({ at, x, y, control: reached, text });

describe('landsOnSomethingElse', () => {
  const first = press(1000, nee, 'Nee');

  it('takes the second half of a double tap on what moved under it for what it is', () => {
    expect(landsOnSomethingElse(first, press(1120, klarna, 'Achteraf betalen met Klarna'))).toBe(true);
    // Nothing pressable there now: stopped all the same (nothing to do anyway).
    expect(landsOnSomethingElse(first, press(1120, null, ''))).toBe(true);
    // A finger lands a little beside where it landed before.
    expect(landsOnSomethingElse(first, press(1120, klarna, 'Klarna', 118, 512))).toBe(true);
  });

  it('lets the same control decide, and a press elsewhere, later or first through', () => {
    expect(landsOnSomethingElse(press(1000, send, 'Versturen'), press(1120, send, 'Versturen'))).toBe(false);
    expect(landsOnSomethingElse(first, press(1120, klarna, 'Klarna', 100, 560))).toBe(false);
    expect(landsOnSomethingElse(first, press(2100, klarna, 'Klarna'))).toBe(false);
    expect(landsOnSomethingElse(null, press(1120, klarna, 'Klarna'))).toBe(false);
  });

  it('stops a late second half when the chat changed under it only just before (a busy phone hands it over late)', () => {
    expect(landsOnSomethingElse(first, press(2300, klarna, 'Klarna'), 2150)).toBe(true);
    // The new control had been there long enough to be seen and chosen.
    expect(landsOnSomethingElse(first, press(2300, klarna, 'Klarna'), 1800)).toBe(false);
    // A change before the first press says nothing about the second.
    expect(landsOnSomethingElse(first, press(2300, klarna, 'Klarna'), 900)).toBe(false);
    // Long after the first press it is a press of its own: a reply came in and the customer taps its attachment.
    expect(landsOnSomethingElse(first, press(20_000, klarna, 'Klarna'), 19_900)).toBe(false);
  });
});
