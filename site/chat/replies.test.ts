import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_POLL, nextDelay, pollIntervals, startPolling } from './replies.ts';

describe('the reply poll schedule', () => {
  const intervals = { baseMs: 10, maxMs: 80, openMaxMs: 20 };

  it('doubles while nothing happens, up to the maximum, and drops back after news', () => {
    const delays = [10];
    for (let i = 0; i < 5; i++) delays.push(nextDelay(delays[delays.length - 1]!, false, intervals));
    expect(delays).toEqual([10, 20, 40, 80, 80, 80]);
    expect(nextDelay(80, true, intervals)).toBe(10);
  });

  it('backs off no further than the open maximum while the widget is open, and on from there once it closes', () => {
    const delays = [10];
    for (let i = 0; i < 3; i++) delays.push(nextDelay(delays[delays.length - 1]!, false, intervals, true));
    expect(delays).toEqual([10, 20, 20, 20]);
    expect(nextDelay(20, false, intervals, false)).toBe(40);
    // An open maximum above the maximum does not lengthen the wait.
    expect(nextDelay(80, false, { ...intervals, openMaxMs: 500 }, true)).toBe(80);
  });

  it('uses the production defaults unless a test sets window.wegwijsChatPoll', () => {
    expect(pollIntervals({})).toEqual(DEFAULT_POLL);
    expect(pollIntervals({ wegwijsChatPoll: { baseMs: 50 } })).toEqual({ ...DEFAULT_POLL, baseMs: 50 });
  });

  it('polls at once, on its schedule, not while hidden, and again when visible', async () => {
    const listeners = new Set<() => void>();
    const doc = {
      visibilityState: 'visible' as DocumentVisibilityState,
      addEventListener: (_: string, fn: () => void) => listeners.add(fn),
      removeEventListener: (_: string, fn: () => void) => listeners.delete(fn),
    } as unknown as Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
    let calls = 0;
    const poller = startPolling(
      async () => {
        calls++;
        return false;
      },
      { baseMs: 5, maxMs: 10, openMaxMs: 10 },
      doc,
    );
    // A loaded machine delays timers: wait for the calls rather than for a fixed time.
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(3), { timeout: 5000, interval: 5 });
    (doc as { visibilityState: string }).visibilityState = 'hidden';
    await new Promise((r) => setTimeout(r, 25));
    const hiddenCalls = calls;
    await new Promise((r) => setTimeout(r, 60));
    expect(calls).toBe(hiddenCalls);
    (doc as { visibilityState: string }).visibilityState = 'visible';
    for (const fn of listeners) fn();
    await vi.waitFor(() => expect(calls).toBeGreaterThan(hiddenCalls), { timeout: 5000, interval: 5 });
    poller.stop();
    expect(listeners.size).toBe(0);
  });
});
