import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '../chat/outbox.ts';
import { UNHELPFUL_WHY as API_WHY } from '../../api/db/tables/feedback.ts';
import { MAX_COMMENT_LENGTH as API_MAX_COMMENT } from '../../api/signals/schema.ts';
import { giveFeedback, giveUnhelpful, loadFeedback, MAX_COMMENT_LENGTH, UNHELPFUL_WHY } from './article-feedback.ts';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

function recordingOutbox() {
  const queued: { path: string; body: unknown; key: string | undefined }[] = [];
  return {
    queued,
    enqueue: (path: string, body: unknown, key?: string) => {
      queued.push({ path, body, key });
      return { key: key ?? '', path, body, attempts: 0, notBefore: 0 };
    },
  };
}

const article = { id: 'track-parcel', locale: 'nl' as const };

describe('article feedback', () => {
  it('queues each answer once as a signal under a stable key', () => {
    const storage = memoryStorage();
    const outbox = recordingOutbox();
    giveFeedback(storage, outbox, article, { helpful: false }, () => 'r1');
    giveFeedback(storage, outbox, article, { ces: 4 }, () => 'r2');
    expect(outbox.queued).toEqual([
      { path: '/signals', body: { type: 'article_feedback', articleId: 'track-parcel', locale: 'nl', helpful: false }, key: 'article-r1-helpful' },
      { path: '/signals', body: { type: 'article_feedback', articleId: 'track-parcel', locale: 'nl', ces: 4 }, key: 'article-r1-ces' },
    ]);
    expect(loadFeedback(storage, article)).toEqual({ id: 'r1', helpful: false, ces: 4 });
  });

  it('keeps the first answer after a reload and sends nothing again', () => {
    const storage = memoryStorage();
    const first = recordingOutbox();
    giveFeedback(storage, first, article, { ces: 2 });
    // A reload: a new outbox, the same storage.
    const second = recordingOutbox();
    const state = giveFeedback(storage, second, article, { ces: 5 });
    expect(state.ces).toBe(2);
    expect(second.queued).toEqual([]);
  });

  it('keeps articles and their translations apart', () => {
    const storage = memoryStorage();
    const outbox = recordingOutbox();
    giveFeedback(storage, outbox, article, { helpful: true });
    giveFeedback(storage, outbox, { id: 'track-parcel', locale: 'en' }, { helpful: true });
    expect(outbox.queued).toHaveLength(2);
    expect(new Set(outbox.queued.map((q) => q.key)).size).toBe(2);
  });

  it('refuses a score outside the scale and ignores a corrupt entry', () => {
    const storage = memoryStorage();
    expect(() => giveFeedback(storage, recordingOutbox(), article, { ces: 6 })).toThrow('Wegwijs feedback: effort must be 1 to 5, not 6');
    storage.setItem('wegwijs.feedback.nl.track-parcel', '{oops');
    expect(loadFeedback(storage, article)).toBeNull();
    storage.setItem('wegwijs.feedback.nl.track-parcel', JSON.stringify({ id: 'x', ces: 9, helpful: 'yes' }));
    expect(loadFeedback(storage, article)).toEqual({ id: 'x' });
  });

  describe('what was missing, after "no"', () => {
    const comment = 'stond niet in wat ik moet doen als de koerier het bij de buren heeft gelegd, mail me op jan@example.com';

    it('sends the reason and the redacted comment once, and remembers both after a reload', () => {
      const storage = memoryStorage();
      const outbox = recordingOutbox();
      giveFeedback(storage, outbox, article, { helpful: false }, () => 'r1');
      const state = giveUnhelpful(storage, outbox, article, { why: 'no_answer', comment: `  ${comment}\n bel 06-12345678 ` });
      const redacted = 'stond niet in wat ik moet doen als de koerier het bij de buren heeft gelegd, mail me op [e-mail] bel [phone]';
      expect(state.unhelpful).toEqual({ why: 'no_answer', comment: redacted });
      expect(outbox.queued[1]).toEqual({
        path: '/signals',
        body: { type: 'article_unhelpful', articleId: 'track-parcel', locale: 'nl', why: 'no_answer', comment: redacted },
        key: 'article-r1-unhelpful',
      });
      // A double click, a second tab, a reload: the first answer stays, nothing more is queued.
      const again = recordingOutbox();
      expect(giveUnhelpful(storage, again, article, { why: 'other', comment: 'iets anders' }).unhelpful).toEqual({ why: 'no_answer', comment: redacted });
      expect(again.queued).toEqual([]);
      expect(loadFeedback(storage, article)).toEqual({ id: 'r1', helpful: false, unhelpful: { why: 'no_answer', comment: redacted } });
      expect(JSON.stringify([...storage.data.values()])).not.toContain('jan@example.com');
    });

    it('leaves the comment out when none was typed, and cuts a long one to the limit after redaction', () => {
      const storage = memoryStorage();
      const outbox = recordingOutbox();
      giveFeedback(storage, outbox, article, { helpful: false });
      giveUnhelpful(storage, outbox, article, { why: 'unclear', comment: '   ' });
      expect(outbox.queued[1]?.body).toEqual({ type: 'article_unhelpful', articleId: 'track-parcel', locale: 'nl', why: 'unclear' });

      const other = { id: 'returns-window', locale: 'nl' as const };
      giveFeedback(storage, outbox, other, { helpful: false });
      const long = giveUnhelpful(storage, outbox, other, { why: 'other', comment: `${'x'.repeat(495)} 1234567` });
      expect(long.unhelpful?.comment).toHaveLength(MAX_COMMENT_LENGTH);
      expect(long.unhelpful?.comment.endsWith(' [num')).toBe(true);
    });

    it('is refused before "no" or with an unknown reason, and a corrupt entry loses only the follow-up', () => {
      const storage = memoryStorage();
      const outbox = recordingOutbox();
      expect(() => giveUnhelpful(storage, outbox, article, { why: 'unclear', comment: '' })).toThrow('follows a "no"');
      giveFeedback(storage, outbox, article, { helpful: true });
      expect(() => giveUnhelpful(storage, outbox, article, { why: 'unclear', comment: '' })).toThrow('follows a "no"');
      const other = { id: 'returns-window', locale: 'nl' as const };
      giveFeedback(storage, outbox, other, { helpful: false });
      // @ts-expect-error: a reason the form never offers
      expect(() => giveUnhelpful(storage, outbox, other, { why: 'boring', comment: '' })).toThrow(
        'the reason must be one of no_answer, unclear, outdated, other',
      );
      storage.setItem('wegwijs.feedback.nl.x', JSON.stringify({ id: 'x', helpful: false, unhelpful: { why: 'boring', comment: 1 } }));
      expect(loadFeedback(storage, { id: 'x', locale: 'nl' })).toEqual({ id: 'x', helpful: false });
    });

    it("offers the API's reasons and limit", () => {
      expect(UNHELPFUL_WHY).toEqual(API_WHY);
      expect(MAX_COMMENT_LENGTH).toBe(API_MAX_COMMENT);
    });
  });
});
