import { describe, expect, it } from 'vitest';
import { addMessage, newChat, transcriptOf } from './conversation.ts';

describe('the transcript a hand-off carries', () => {
  it('keeps the articles the assistant offered and what the customer picked, with the real times', () => {
    let chat = newChat('nl');
    chat = addMessage(chat, { from: 'customer', text: 'cadeaubn', at: '2026-12-06T09:00:00.000Z' });
    chat = addMessage(chat, {
      from: 'assistant',
      text: 'Bedoel je een van deze?',
      at: '2026-12-06T09:00:01.000Z',
      turn: {
        action: 'clarify',
        articleId: 'gift-card-balance',
        offered: ['gift-card-balance', 'gift-card-expired'],
        candidates: ['gift-card-balance', 'gift-card-expired'],
        confidence: 0.2,
        offerHandoff: false,
        why: null,
      },
    });
    chat = addMessage(chat, { from: 'customer', text: 'Cadeaubon verlopen', at: '2026-12-06T09:00:05.000Z', choice: { articleId: 'gift-card-expired' } });
    chat = addMessage(chat, { from: 'customer', text: 'Geen van deze', at: '2026-12-06T09:01:00.000Z', choice: { articleId: null } });
    expect(transcriptOf(chat)).toEqual([
      { from: 'customer', text: 'cadeaubn', at: '2026-12-06T09:00:00.000Z' },
      {
        from: 'assistant',
        text: 'Bedoel je een van deze?',
        at: '2026-12-06T09:00:01.000Z',
        articleId: 'gift-card-balance',
        action: 'clarify',
        why: null,
        offered: ['gift-card-balance', 'gift-card-expired'],
      },
      { from: 'customer', text: 'Cadeaubon verlopen', at: '2026-12-06T09:00:05.000Z', choice: { articleId: 'gift-card-expired' } },
      { from: 'customer', text: 'Geen van deze', at: '2026-12-06T09:01:00.000Z', choice: { articleId: null } },
    ]);
  });
});
