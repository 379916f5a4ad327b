import { describe, expect, it } from 'vitest';
import { answer, closestPhrasingOf } from '#core/assistant/answer.ts';
import { decodeModelAsset, decodePhrasings, encodeModelAsset, encodePhrasings } from '#core/assistant/asset.ts';
import { compileModel } from '#core/assistant/compile.ts';
import { SHOP_ARTICLES, SHOP_RULES } from '#core/assistant/testing.ts';
import { addMessage, newChat, transcriptOf, withPhrasings } from './conversation.ts';

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

  it("names the closest phrasing once the model's phrasings are loaded, as a model that has them would, and never sends the ranked text", () => {
    const compiled = compileModel(SHOP_ARTICLES, SHOP_RULES);
    // The model as the widget downloads it, and its phrasings' file.
    const shipped = decodeModelAsset(encodeModelAsset(compiled));
    const phrasings = decodePhrasings(encodePhrasings(compiled));
    const question = 'where is my parcel now, the tracking link says nothing';
    const reply = answer(shipped, question);
    expect(reply).toMatchObject({ action: 'answer', why: { kind: 'ranking', phrasing: null }, ranked: expect.any(String) });
    let chat = addMessage(newChat('en'), { from: 'customer', text: question, at: '2026-12-06T09:00:00.000Z' });
    const turn = { action: reply.action, articleId: reply.articleId, offered: [], candidates: [], confidence: reply.confidence, offerHandoff: false };
    chat = addMessage(chat, {
      from: 'assistant',
      text: 'Track your parcel',
      at: '2026-12-06T09:00:01.000Z',
      turn: { ...turn, why: reply.why, ranked: reply.ranked },
    });
    // A rule's turn has nothing to wait for.
    chat = addMessage(chat, {
      from: 'assistant',
      text: 'You are welcome',
      turn: { ...turn, action: 'rule', articleId: null, why: { kind: 'rule', ruleId: 'thanks', pattern: 'thanks' } },
    });

    const explained = withPhrasings(chat, (waiting) => closestPhrasingOf(shipped, waiting.articleId, phrasings.get(waiting.articleId) ?? [], waiting.ranked));
    const line = transcriptOf(explained)[1]!;
    const expected = answer(compiled, question).why;
    expect(expected).toMatchObject({ kind: 'ranking', phrasing: expect.any(String) });
    expect(line.why).toEqual(expected);
    expect(JSON.stringify(transcriptOf(explained))).not.toContain('ranked');
    expect(transcriptOf(explained)[2]!.why).toEqual({ kind: 'rule', ruleId: 'thanks', pattern: 'thanks' });
    // Phrasings that could not be had: the explanation names none, and the turn waits no more.
    const without = withPhrasings(chat, () => undefined);
    expect(transcriptOf(without)[1]!.why).toEqual({ ...expected, phrasing: null });
    expect(without.messages[1]!.turn!.ranked).toBeUndefined();
  });
});
