import { describe, expect, it } from 'vitest';
import { clearDraft, draftToSend, type DraftStorage, loadDraft, saveDraft } from './drafts.ts';

/** An in-memory Storage: the unit under test is the draft logic; the browser test covers real localStorage. */
function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('drafts', () => {
  it('keeps a draft per ticket until it is cleared', () => {
    const storage = memoryStorage();
    saveDraft(storage, 'a', { body: 'Hallo Jan', internal: false });
    saveDraft(storage, 'b', { body: 'Notitie', internal: true });
    expect(loadDraft(storage, 'a')).toEqual({ body: 'Hallo Jan', internal: false });
    expect(loadDraft(storage, 'b')).toEqual({ body: 'Notitie', internal: true });
    clearDraft(storage, 'a');
    expect(loadDraft(storage, 'a')).toBeNull();
    expect(loadDraft(storage, 'b')?.body).toBe('Notitie');
  });

  it('removes an empty draft, but not one whose send is unacknowledged', () => {
    const storage = memoryStorage();
    saveDraft(storage, 'a', { body: '', internal: false });
    expect(storage.data.size).toBe(0);
    saveDraft(storage, 'a', { body: '', internal: false, key: 'k' });
    expect(storage.data.size).toBe(1);
  });

  it('reuses the key for a retry of the same text and makes a new one for new text', () => {
    let n = 0;
    const newKey = () => `key-${++n}`;
    const first = draftToSend({ body: 'Het komt morgen', internal: false }, newKey);
    expect(first.key).toBe('key-1');
    expect(draftToSend(first.draft, newKey).key).toBe('key-1');
    expect(draftToSend({ ...first.draft, body: 'Het komt overmorgen' }, newKey).key).toBe('key-2');
    expect(draftToSend({ ...first.draft, internal: true }, newKey).key).toBe('key-3');
  });

  it('survives unreadable or full storage', () => {
    const storage = memoryStorage();
    storage.data.set('wegwijs.inbox.draft.a', '{not json');
    expect(loadDraft(storage, 'a')).toBeNull();
    const full: DraftStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    expect(() => saveDraft(full, 'a', { body: 'x', internal: false })).not.toThrow();
    expect(() => clearDraft(full, 'a')).not.toThrow();
  });
});
