import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from '../chat/outbox.ts';
import { giveFeedback, loadFeedback } from './article-feedback.ts';

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
});
