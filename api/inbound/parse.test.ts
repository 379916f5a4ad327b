import { describe, expect, it } from 'vitest';
import { normaliseMessageId, parseInbound, visibleReply } from './parse.ts';
import { guessLocale, mailTicketSubject } from './receive.ts';

const mail = (headers: string[], body = 'Mijn bestelling is nog niet binnen.') =>
  Buffer.from(
    [...headers, 'From: Jan <jan@example.nl>', 'To: klantenservice@duinwinkel.example', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'),
  );

describe('reading a received e-mail', () => {
  it.each([
    [['Auto-Submitted: no', 'Subject: vraag'], null],
    [['Auto-Submitted: auto-replied; owner-email="jan@example.nl"', 'Subject: vraag'], 'Auto-Submitted: auto-replied'],
    [['Auto-Submitted: auto-generated', 'Subject: vraag'], 'Auto-Submitted: auto-generated'],
    [['Precedence: bulk', 'Subject: Nieuwsbrief'], 'Precedence: bulk'],
    [['Precedence: auto_reply', 'Subject: vraag'], 'Precedence: auto_reply'],
    [['X-Autoreply: yes', 'Subject: vraag'], 'x-autoreply'],
    [['Return-Path: <>', 'Subject: vraag'], 'empty return path'],
    [['Subject: Automatisch antwoord: Antwoord op je vraag [WW-1042]'], 'out-of-office subject'],
    [['Subject: Automatic reply: Reply to your question'], 'out-of-office subject'],
    [['Subject: Afwezigheid van onze klantenservice?'], null],
  ])('with %j: automatic because of %j', async (headers, reason) => {
    expect((await parseInbound(mail(headers))).automatic).toBe(reason);
  });

  it('gives a message without Message-ID an id from its bytes, the same on every delivery', async () => {
    const first = await parseInbound(mail(['Subject: vraag']));
    const again = await parseInbound(mail(['Subject: vraag']));
    expect(first.messageId).toMatch(/^<sha256\.[0-9a-f]{64}@wegwijs\.invalid>$/);
    expect(again.messageId).toBe(first.messageId);
    expect(normaliseMessageId(' <abc@x> ')).toBe('<abc@x>');
    expect(normaliseMessageId('abc@x')).toBe('<abc@x>');
    expect(normaliseMessageId('<a b@x>')).toBeNull();
  });

  it('cuts an Outlook quote with "-----Oorspronkelijk bericht-----" and an English "On … wrote:" quote', () => {
    expect(visibleReply('Klopt, dank je!\n\n-----Oorspronkelijk bericht-----\nVan: Duinwinkel\nHoi')).toBe('Klopt, dank je!');
    expect(visibleReply('Thanks, that worked.\n\nOn Mon, 30 Nov 2026 at 14:02, Duinwinkel <support@shop.example> wrote:\n> Hi')).toBe('Thanks, that worked.');
  });

  it('names a new e-mail ticket after what the customer wrote, in the language they wrote it', () => {
    expect(mailTicketSubject({ subject: 'RE: Fwd: Retour aanvragen [WW-9]', reply: '' }, 'nl')).toBe('Retour aanvragen');
    expect(mailTicketSubject({ subject: 'hallo', reply: '\nMijn kortingscode werkt niet\nGroet' }, 'nl')).toBe('Mijn kortingscode werkt niet');
    expect(mailTicketSubject({ subject: '', reply: 'hoi' }, 'nl')).toBe('Vraag per e-mail');
    expect(guessLocale({ language: null, subject: 'order', reply: 'Where is my order? I still have not received it.' }, 'nl')).toBe('en');
    expect(guessLocale({ language: 'en', subject: 'bestelling', reply: 'Waar is mijn bestelling?' }, 'nl')).toBe('en');
    expect(guessLocale({ language: null, subject: 'retour', reply: 'retour' }, 'nl')).toBe('nl');
  });
});
