import { describe, expect, it } from 'vitest';
import { presenceLine } from './Presence.tsx';

describe('the presence line', () => {
  it('names who is typing first, then who has the ticket open, in the agent language', () => {
    expect(presenceLine([], 'nl')).toBe('');
    expect(
      presenceLine(
        [
          { agentId: 'a', name: 'Ahmed', typing: true },
          { agentId: 'b', name: 'Bram', typing: false },
          { agentId: 'c', name: 'Carla', typing: false },
        ],
        'nl',
      ),
    ).toBe('Ahmed typt een antwoord… · ook open bij Bram, Carla');
    expect(presenceLine([{ agentId: 'b', name: 'Bram', typing: false }], 'en')).toBe('also open for Bram');
  });
});
