import { describe, expect, it } from 'vitest';
import {
  type Chat,
  addMessage,
  addReplies,
  askedEffort,
  askedHelpful,
  askedWhichArticle,
  afterClosedTicket,
  isLeftBehind,
  feedbackHosts,
  feedbackStep,
  handoffOffered,
  lastFoundNothing,
  linkedTicket,
  markRepliesSeen,
  movedOn,
  newChat,
  restoredChat,
  startOver,
  typedScore,
  thanksAsYes,
  typedYesOrNo,
  unreadReplies,
  updateMessage,
  withTicket,
} from './conversation.ts';

const turn = (offerHandoff = false) => ({
  action: 'answer' as const,
  articleId: 'a',
  offered: [],
  candidates: ['a', 'b'],
  confidence: 0.9,
  offerHandoff,
  why: null,
});
const last = (chat: Chat) => chat.messages[chat.messages.length - 1]!;

describe('one question at a time after an answer', () => {
  it('asks "did this answer" first, then the effort once, then thanks', () => {
    let chat = addMessage(addMessage(newChat('en'), { from: 'customer', text: 'q' }), { from: 'assistant', text: 'a', turn: turn() });
    const answer = last(chat);
    expect(feedbackStep(chat, answer)).toBe('helpful');
    chat = updateMessage(chat, answer.id, { helpful: true });
    expect(feedbackStep(chat, last(chat))).toBe('effort');
    chat = updateMessage(chat, answer.id, { ces: 2 });
    expect(feedbackStep(chat, last(chat))).toBe('thanks');
  });

  it('stops asking once the customer moved on', () => {
    let chat = addMessage(newChat('en'), { from: 'assistant', text: 'a', turn: turn() });
    const answer = last(chat);
    chat = addMessage(chat, { from: 'assistant', text: 'glad' });
    expect(movedOn(chat, answer.id)).toBe(false);
    chat = addMessage(chat, { from: 'customer', text: 'next question' });
    expect(movedOn(chat, answer.id)).toBe(true);
    expect(feedbackStep(chat, chat.messages[0]!)).toBe('none');
  });

  it('stops asking once the customer asked for a person', () => {
    let chat = addMessage(newChat('en'), { from: 'assistant', text: 'a', turn: turn() });
    const answer = last(chat);
    chat = addMessage(chat, { from: 'system', text: 'passed on', kind: 'handoff' });
    expect(feedbackStep(chat, answer)).toBe('none');
  });
});

describe('"did this answer your question?" answered by typing', () => {
  it('reads a typed yes or no, with thanks or punctuation, and nothing else', () => {
    for (const yes of ['ja', 'Ja!', 'jaa', 'jep', 'ja hoor', 'Ja, bedankt!', 'ja dankjewel', 'ja graag', 'Ja, alstublieft', 'klopt', 'yes'])
      expect(typedYesOrNo(yes, 'nl'), yes).toBe(true);
    for (const no of ['nee', 'Nee.', 'neen', 'nee hoor', 'niet echt', 'helaas niet', 'nope']) expect(typedYesOrNo(no, 'nl'), no).toBe(false);
    for (const yes of ['yes', 'Yeah', 'yep thanks', 'Yes, thank you!', 'yes please', 'it did']) expect(typedYesOrNo(yes, 'en'), yes).toBe(true);
    for (const no of ['no', 'Nope', 'not really', "no it didn't", 'it didn’t']) expect(typedYesOrNo(no, 'en'), no).toBe(false);
    // A question is a question, even when it opens with a yes or a no.
    for (const other of ['ja maar waar is mijn pakket', 'nee ik wil retourneren', 'bedankt', 'ok', '']) expect(typedYesOrNo(other, 'nl'), other).toBeNull();
    expect(typedYesOrNo('no refund yet', 'en')).toBeNull();
  });

  it('reads a thanks alone as a yes, and not a thanks beside a no', () => {
    const thanks = { action: 'rule', ruleId: 'thanks' } as const;
    expect(thanksAsYes(thanks, 'top, bedankt!')).toBe(true);
    expect(thanksAsYes(thanks, 'thx')).toBe(true);
    expect(thanksAsYes(thanks, 'nee, toch bedankt')).toBe(false);
    expect(thanksAsYes(thanks, "no thanks, didn't help")).toBe(false);
    // Whatever else the assistant made of the message is no thanks: a greeting, an answer.
    expect(thanksAsYes({ action: 'rule', ruleId: 'greeting' }, 'hoi')).toBe(false);
    expect(thanksAsYes({ action: 'answer', ruleId: undefined }, 'bedankt, maar hoe stuur ik het terug?')).toBe(false);
  });

  it('is asked of the newest answer only, and a typed answer does not move the customer on from it', () => {
    let chat = addMessage(addMessage(newChat('nl'), { from: 'customer', text: 'q' }), { from: 'assistant', text: 'a', turn: turn() });
    const answer = last(chat);
    expect(askedHelpful(chat)?.id).toBe(answer.id);
    chat = addMessage(updateMessage(chat, answer.id, { helpful: true }), { from: 'customer', text: 'ja', feedbackFor: answer.id });
    expect(askedHelpful(chat)).toBeUndefined();
    // The effort question follows, as after a press on "Ja".
    const now = () => chat.messages.find((m) => m.id === answer.id)!;
    expect(movedOn(chat, answer.id)).toBe(false);
    expect(feedbackStep(chat, now())).toBe('effort');
    chat = addMessage(chat, { from: 'customer', text: 'nog een vraag' });
    expect(feedbackStep(chat, now())).toBe('none');
    // A rule's reply asks nothing.
    chat = addMessage(chat, { from: 'assistant', text: 'hoi', turn: { ...turn(), action: 'rule', articleId: null } });
    expect(askedHelpful(chat)).toBeUndefined();
  });
});

describe('the effort scale answered by typing', () => {
  it('reads a lone score from 1 to 5, and nothing else', () => {
    for (const [typed, score] of [
      ['2', 2],
      [' 4! ', 4],
      ['3/5', 3],
      ['5.', 5],
      ['1', 1],
    ] as const)
      expect(typedScore(typed), typed).toBe(score);
    for (const other of ['0', '6', '12', '2 pakketten', 'ik geef een 3', '']) expect(typedScore(other), other).toBeNull();
  });

  it('is asked once the answer was rated helpful or not, until a score is given or the customer moves on', () => {
    let chat = addMessage(addMessage(newChat('nl'), { from: 'customer', text: 'q' }), { from: 'assistant', text: 'a', turn: turn() });
    const answer = last(chat);
    expect(askedEffort(chat)).toBeUndefined();
    chat = updateMessage(chat, answer.id, { helpful: true });
    expect(askedEffort(chat)?.id).toBe(answer.id);
    chat = addMessage(updateMessage(chat, answer.id, { ces: 2 }), { from: 'customer', text: '2', feedbackFor: answer.id });
    expect(askedEffort(chat)).toBeUndefined();
  });
});

describe('where the effort question shows', () => {
  it("under the assistant's last line about the answer, past the customer's typed answers, and nowhere else", () => {
    let chat = addMessage(addMessage(newChat('nl'), { from: 'customer', text: 'q' }), { from: 'assistant', text: 'a', turn: turn() });
    const answer = last(chat);
    expect(feedbackHosts(chat).size).toBe(0);
    chat = addMessage(updateMessage(chat, answer.id, { helpful: true }), { from: 'customer', text: 'ja', feedbackFor: answer.id });
    chat = addMessage(chat, { from: 'assistant', text: 'Fijn dat ik je kon helpen!' });
    const glad = last(chat);
    chat = addMessage(chat, { from: 'customer', text: '2', feedbackFor: answer.id });
    expect([...feedbackHosts(chat)].map(([host, about]) => [host, about.id])).toEqual([[glad.id, answer.id]]);
    // A new question ends the exchange: its answer's line is no host.
    chat = addMessage(chat, { from: 'customer', text: 'nog iets' });
    chat = addMessage(chat, { from: 'assistant', text: 'hoi' });
    expect([...feedbackHosts(chat).keys()]).toEqual([glad.id]);
  });
});

describe('the other questions a typed yes or no can answer', () => {
  it('"did you mean one of these?" while the articles are still offered, and not once the customer moved on', () => {
    const offer = { ...turn(), action: 'clarify' as const, articleId: null, offered: ['a', 'b'] };
    let chat = addMessage(addMessage(newChat('nl'), { from: 'customer', text: 'q' }), { from: 'assistant', text: 'welke?', turn: offer });
    expect(askedWhichArticle(chat)?.id).toBe(last(chat).id);
    chat = addMessage(chat, { from: 'customer', text: 'iets anders' });
    expect(askedWhichArticle(chat)).toBeUndefined();
    // An answer offers nothing to choose from.
    chat = addMessage(chat, { from: 'assistant', text: 'a', turn: turn() });
    expect(askedWhichArticle(chat)).toBeUndefined();
  });

  it('"put it differently or let a person look" after nothing was found, until the customer writes again', () => {
    const nothing = { ...turn(), action: 'nomatch' as const, articleId: null, candidates: [] };
    let chat = addMessage(addMessage(newChat('en'), { from: 'customer', text: 'q' }), { from: 'assistant', text: 'sorry', turn: nothing });
    expect(lastFoundNothing(chat)).toBe(true);
    chat = addMessage(chat, { from: 'customer', text: 'ja' });
    expect(lastFoundNothing(chat)).toBe(false);
    chat = addMessage(chat, { from: 'assistant', text: 'a', turn: turn() });
    expect(lastFoundNothing(chat)).toBe(false);
  });
});

describe('the offer of a person', () => {
  it('stays after a later line of the assistant in the same exchange, and goes once the customer asks again', () => {
    let chat = addMessage(newChat('en'), { from: 'customer', text: 'q' });
    chat = addMessage(chat, { from: 'assistant', text: 'alternatives', turn: turn(true) });
    chat = addMessage(chat, { from: 'assistant', text: 'glad I could help' });
    expect(handoffOffered(chat)).toBe(true);
    chat = addMessage(chat, { from: 'customer', text: 'another' });
    expect(handoffOffered(chat)).toBe(false);
  });

  it('is not made after the hand-off', () => {
    const chat = addMessage({ ...newChat('en'), handoff: { email: 'k@example.com' } }, { from: 'assistant', text: 'x', turn: turn(true) });
    expect(handoffOffered(chat)).toBe(false);
  });
});

describe('start over', () => {
  it('clears the messages but keeps an open ticket linked and seen replies seen', () => {
    let chat: Chat = { ...newChat('nl'), handoff: { email: 'k@example.com', ticketNumber: 'WW-7' }, seenReplies: ['1'] };
    chat = addMessage(chat, { from: 'customer', text: 'hello' });
    const fresh = startOver(chat, false);
    expect(fresh.messages).toEqual([]);
    expect(fresh.handoff).toBeUndefined();
    expect(linkedTicket(fresh)).toEqual({ email: 'k@example.com', ticketNumber: 'WW-7' });
    expect(fresh.seenReplies).toEqual(['1']);
  });

  it('lets a closed ticket go', () => {
    const chat: Chat = { ...newChat('nl'), handoff: { email: 'k@example.com', ticketNumber: 'WW-7' } };
    expect(linkedTicket(startOver(chat, true))).toBeUndefined();
  });
});

describe('agent replies', () => {
  const reply = (id: string, body = 'Hi\nthere') => ({
    id,
    author: 'agent' as const,
    authorName: 'Sanne de Vries',
    body,
    createdAt: '2026-12-06T10:00:00.000Z',
    attachments: [],
  });

  it('adds each reply once, with the first name, and counts it unread until seen', () => {
    let chat = addReplies(newChat('en'), [reply('1'), { ...reply('2'), author: 'customer' as const, authorName: null }]);
    expect(chat.messages).toHaveLength(1);
    expect(last(chat)).toMatchObject({ id: 'agent-1', from: 'agent', author: 'Sanne', text: 'Hi\nthere' });
    expect(addReplies(chat, [reply('1')])).toBe(chat);
    expect(unreadReplies(chat)).toHaveLength(1);
    chat = markRepliesSeen(chat);
    expect(unreadReplies(chat)).toEqual([]);
    expect(markRepliesSeen(chat)).toBe(chat);
  });

  it('does not bring back seen replies after a start-over', () => {
    const seen = markRepliesSeen(addReplies({ ...newChat('en'), handoff: { email: 'k@example.com' } }, [reply('1')]));
    const fresh = startOver(seen, false);
    expect(addReplies(fresh, [reply('1')]).messages).toEqual([]);
    expect(addReplies(fresh, [reply('1'), reply('2')]).messages.map((m) => m.id)).toEqual(['agent-2']);
  });
});

describe('hearing from the API about the ticket', () => {
  const lines = { kept: (n: string) => `kept ${n}`, continues: (n: string) => `continues as ${n}`, sent: (n: string) => `sent as ${n}` };
  const reply = { id: '9', author: 'agent' as const, authorName: 'Sanne', body: 'Hello', createdAt: '2026-12-06T10:00:00.000Z', attachments: [] };

  it('puts the number on the hand-off and adds replies, seen only when the widget is open', () => {
    const chat: Chat = { ...newChat('en'), handoff: { email: 'k@example.com' } };
    const closed = withTicket(chat, { number: 'WW-3', messages: [reply] }, false, lines);
    expect(closed.handoff?.ticketNumber).toBe('WW-3');
    expect(unreadReplies(closed)).toHaveLength(1);
    expect(unreadReplies(withTicket(chat, { number: 'WW-3', messages: [reply] }, true, lines))).toEqual([]);
    expect(withTicket(closed, { number: 'WW-3', messages: [reply] }, false, lines)).toBe(closed);
  });

  it('tells a customer who started over before the hand-off went out which ticket stays open', () => {
    const fresh = startOver({ ...newChat('en'), handoff: { email: 'k@example.com' } }, false);
    const next = withTicket(fresh, { number: 'WW-4', messages: [] }, true, lines);
    expect(next.earlierTicket?.ticketNumber).toBe('WW-4');
    expect(last(next).text).toBe('kept WW-4');
  });

  it('follows the conversation into a newer ticket (a new question after a closed one), saying so once', () => {
    const chat: Chat = addMessage(
      { ...newChat('en'), handoff: { email: 'k@example.com', ticketNumber: 'WW-3' } },
      { from: 'system', text: 'queued', kind: 'handoff' },
    );
    const next = withTicket(chat, { number: 'WW-5', messages: [] }, true, lines);
    expect(next.handoff?.ticketNumber).toBe('WW-5');
    // The first hand-off's line keeps its own number.
    expect(next.messages[0]).toMatchObject({ text: 'sent as WW-3' });
    expect(next.messages[0]?.kind).toBeUndefined();
    expect(last(next).text).toBe('continues as WW-5');
    expect(withTicket(next, { number: 'WW-5', messages: [] }, true, lines)).toBe(next);
  });
});

describe('a conversation opened from the link in an e-mail', () => {
  const ticket = {
    number: 'WW-1042',
    messages: [
      {
        id: '7',
        author: 'customer' as const,
        authorName: null,
        body: 'mn pakket is nog steeds nie geleverd',
        createdAt: '2026-12-01T09:00:00.000Z',
        attachments: [],
      },
      {
        id: '9',
        author: 'agent' as const,
        authorName: 'Sanne de Vries',
        body: 'Hoi!\nHet ligt bij de buren.',
        createdAt: '2026-12-01T10:00:00.000Z',
        attachments: [],
      },
    ],
  };

  it('shows the thread with the team, linked to its ticket, replies seen', () => {
    const chat = restoredChat('nl', ticket, (n) => `geopend ${n}`, [
      { from: 'customer', text: 'pakket kwijt', at: '2026-12-01T10:30:00.000Z' },
      { from: 'assistant', text: 'Volg je pakket met de link.', at: '2026-12-01T10:30:01.000Z' },
    ]);
    expect(chat.handoff).toEqual({ email: '', ticketNumber: 'WW-1042' });
    expect(chat.messages.map((m) => [m.from, m.text, m.author])).toEqual([
      ['customer', 'pakket kwijt', undefined],
      ['assistant', 'Volg je pakket met de link.', undefined],
      ['customer', 'mn pakket is nog steeds nie geleverd', undefined],
      ['agent', 'Hoi!\nHet ligt bij de buren.', 'Sanne'],
      ['system', 'geopend WW-1042', undefined],
    ]);
    expect(unreadReplies(chat)).toEqual([]);
    // Polling the same ticket later adds nothing twice.
    expect(addReplies(chat, ticket.messages)).toBe(chat);
  });

  it('after a closed ticket, unlinks it and says so, keeping the messages', () => {
    const chat = restoredChat('nl', ticket, (n) => `geopend ${n}`);
    const after = afterClosedTicket(chat, 'afgesloten', (n) => `sent ${n}`);
    expect(after.handoff).toBeUndefined();
    expect(linkedTicket(after)).toBeUndefined();
    expect(after.messages.slice(0, -1)).toEqual(chat.messages);
    expect(last(after)).toMatchObject({ from: 'system', text: 'afgesloten' });
    expect(handoffOffered(after)).toBe(false);
  });

  it('remembers a ticket left behind closed, so an old answer naming it is not taken for the new question', () => {
    const after = afterClosedTicket(
      restoredChat('nl', ticket, (n) => `geopend ${n}`),
      'afgesloten',
      (n) => `sent ${n}`,
    );
    expect(isLeftBehind(after, 'WW-1042')).toBe(true);
    expect(isLeftBehind(after, 'WW-1043')).toBe(false);
    // Kept over a start-over, and a closed ticket one starts over from is left behind too.
    const next = startOver({ ...after, handoff: { email: 'k@example.com', ticketNumber: 'WW-1043' } }, true);
    expect(next.closedTickets).toEqual(['WW-1042', 'WW-1043']);
    // An open ticket one starts over from is not.
    expect(startOver({ ...newChat('nl'), handoff: { email: 'k@example.com', ticketNumber: 'WW-1044' } }, false).closedTickets).toBeUndefined();
  });
});
