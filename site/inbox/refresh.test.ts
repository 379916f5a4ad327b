import { describe, expect, it } from 'vitest';
import { REFRESH_MS, refreshInterval } from './refresh.ts';

describe('the inbox refresh interval', () => {
  it('is 10 s unless a test hook sets a positive one', () => {
    expect(refreshInterval(undefined)).toBe(REFRESH_MS);
    expect(REFRESH_MS).toBe(10_000);
    expect(refreshInterval({})).toBe(10_000);
    expect(refreshInterval({ wegwijsInboxRefresh: { ms: 300 } })).toBe(300);
    expect(refreshInterval({ wegwijsInboxRefresh: { ms: 0 } })).toBe(10_000);
  });
});
