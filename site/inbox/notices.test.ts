import { describe, expect, it } from 'vitest';
import type { TicketSummary } from './api.ts';
import { arrivedSince, loadSeen, markSeen, noticesOf, titleWithCount } from './notices.ts';

const ticket = (over: Partial<TicketSummary>): TicketSummary => ({
  id: 't1',
  number: 'WW-1001',
  status: 'open',
  priority: 'normal',
  locale: 'nl',
  subject: 'pakket kwijt',
  customerEmail: 'kim@example.com',
  customerName: 'Kim',
  assignee: null,
  createdAt: '2026-12-06T09:00:00.000Z',
  updatedAt: '2026-12-06T09:00:00.000Z',
  firstResponseAt: null,
  solvedAt: null,
  lastMessageAt: '2026-12-06T09:00:00.000Z',
  waitingSince: '2026-12-06T09:00:00.000Z',
  customerWroteLast: false,
  team: null,
  mergedInto: null,
  ...over,
});

/** A Storage in memory: the real one is the browser's. */
function memory(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('inbox notices', () => {
  it('counts waiting tickets of mine and unassigned ones, each once, until the agent has them open', () => {
    const mine = ticket({
      id: 'a',
      number: 'WW-1',
      assignee: { id: 'me', name: 'Sanne' },
      firstResponseAt: '2026-12-06T08:00:00.000Z',
      waitingSince: '2026-12-06T09:30:00.000Z',
    });
    const free = ticket({ id: 'b', number: 'WW-2' });
    const answered = ticket({ id: 'c', number: 'WW-3', waitingSince: null });
    const colleagues = ticket({ id: 'd', number: 'WW-4', assignee: { id: 'pieter', name: 'Pieter' } });
    const notices = noticesOf([mine, free, answered, colleagues, free], 'me', {});
    expect(notices.map((n) => [n.number, n.kind, n.queue])).toEqual([
      ['WW-1', 'replied', 'me'],
      ['WW-2', 'new', 'none'],
    ]);
    const storage = memory();
    markSeen(storage, free);
    expect(noticesOf([mine, free], 'me', loadSeen(storage)).map((n) => n.number)).toEqual(['WW-1']);
    // The customer writes again after the agent looked: it counts again.
    const again = { ...free, lastMessageAt: '2026-12-06T10:00:00.000Z' };
    expect(noticesOf([again], 'me', loadSeen(storage)).map((n) => n.number)).toEqual(['WW-2']);
  });

  it('puts the count in front of the title, and only when there is one', () => {
    expect(titleWithCount('Inbox · Wegwijs', 3)).toBe('(3) Inbox · Wegwijs');
    expect(titleWithCount('Inbox · Wegwijs', 0)).toBe('Inbox · Wegwijs');
  });

  it('tells which notices arrived since the last poll', () => {
    const [one] = noticesOf([ticket({ id: 'a' })], 'me', {});
    const [later] = noticesOf([ticket({ id: 'a', lastMessageAt: '2026-12-06T11:00:00.000Z' })], 'me', {});
    const [other] = noticesOf([ticket({ id: 'b' })], 'me', {});
    if (!one || !later || !other) throw new Error('no notices');
    expect(arrivedSince([one], [one, other])).toEqual([other]);
    expect(arrivedSince([one], [later])).toEqual([later]);
  });

  it('forgets a corrupt memory of what was seen rather than failing', () => {
    const storage = memory();
    storage.setItem('wegwijs.inbox.seen', '{not json');
    expect(loadSeen(storage)).toEqual({});
    storage.setItem('wegwijs.inbox.seen', JSON.stringify({ a: 5, b: '2026-12-06T09:00:00.000Z' }));
    expect(loadSeen(storage)).toEqual({ b: '2026-12-06T09:00:00.000Z' });
  });
});
