import { describe, expect, it } from 'vitest';
import { formatBytes, MAX_ATTACHMENT_BYTES } from '#core/attachments.ts';
import { pickFiles } from './attachments.ts';
import { chatText as english } from './strings/en.ts';
import { chatText as dutch } from './strings/nl.ts';
import { addReplies, newChat, restoredChat } from './conversation.ts';

const file = (name: string, size: number) => new File([new Uint8Array(size)], name, { type: 'image/jpeg' });

describe('choosing files in the widget', () => {
  it('takes files up to 10 MB and five in all, naming each one left out', () => {
    const first = pickFiles([], [file('a.jpg', 10), file('groot.jpg', MAX_ATTACHMENT_BYTES + 1), file('b.jpg', MAX_ATTACHMENT_BYTES)]);
    expect(first.picked.map((p) => p.file.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(first.problems).toEqual([{ code: 'attachment-too-large', name: 'groot.jpg' }]);
    const more = pickFiles(
      first.picked,
      ['c', 'd', 'e', 'f'].map((n) => file(`${n}.jpg`, 5)),
    );
    expect(more.picked).toHaveLength(5);
    expect(more.problems).toEqual([{ code: 'attachment-count', name: 'f.jpg' }]);
    // Each file keeps the key its upload will always carry; every file has its own.
    expect(more.picked.slice(0, 2)).toEqual(first.picked);
    expect(new Set(more.picked.map((p) => p.key)).size).toBe(5);
  });

  it('leaves out a file of a type not taken, by its declared type or name, before anything is uploaded', () => {
    const typed = (name: string, type: string) => new File([new Uint8Array(10)], name, { type });
    const chosen = pickFiles(
      [],
      [
        typed('offerte.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
        typed('IMG_4032.HEIC', 'image/heic'),
        // Some phones' pickers declare no type for a HEIC: the name says it.
        typed('IMG_4033.heic', ''),
        typed('bon.pdf', 'application/pdf'),
        // No type declared and no telling name: the API reads the bytes.
        typed('scan', ''),
      ],
    );
    expect(chosen.picked.map((p) => p.file.name)).toEqual(['bon.pdf', 'scan']);
    expect(chosen.problems).toEqual([
      { code: 'attachment-type', name: 'offerte.docx' },
      { code: 'attachment-heic', name: 'IMG_4032.HEIC' },
      { code: 'attachment-heic', name: 'IMG_4033.heic' },
    ]);
  });

  it('names the file and the limit when a file is too large, in Dutch and English', () => {
    expect(dutch.attachError('attachment-too-large', 'schade kast.jpg')).toBe('"schade kast.jpg" is groter dan 10 MB. Kies een kleiner bestand.');
    expect(english.attachError('attachment-too-large', 'damage.jpg')).toBe('"damage.jpg" is larger than 10 MB. Choose a smaller file.');
    expect(dutch.attachError('attachment-count', 'f.jpg')).toBe('Je kunt maximaal 5 bestanden meesturen.');
  });

  it('writes sizes the way Dutch and English readers do', () => {
    expect(formatBytes(333, 'nl')).toBe('333 B');
    expect(formatBytes(48_700, 'nl')).toBe('49 kB');
    expect(formatBytes(1_250_000, 'nl')).toBe('1,3 MB');
    expect(formatBytes(1_250_000, 'en')).toBe('1.3 MB');
  });
});

describe('files in the thread', () => {
  const at = '2026-12-06T10:00:00.000Z';
  const attachments = [{ id: 'f1', filename: 'retourlabel.pdf', contentType: 'application/pdf', size: 2048 }];
  it('carries the files of agent replies and, from a link, of the customer messages', () => {
    const chat = addReplies(newChat('nl'), [{ id: '3', author: 'agent', authorName: 'Sanne', body: '', createdAt: at, attachments }]);
    expect(chat.messages[0]).toMatchObject({ from: 'agent', text: '', files: [{ id: 'f1', name: 'retourlabel.pdf', size: 2048 }] });
    const restored = restoredChat(
      'nl',
      { number: 'WW-1', messages: [{ id: '2', author: 'customer', authorName: null, body: 'foto', createdAt: at, attachments }] },
      (n) => `open ${n}`,
    );
    expect(restored.messages.find((m) => m.from === 'customer')?.files).toEqual([{ id: 'f1', name: 'retourlabel.pdf', size: 2048 }]);
    expect(
      addReplies(newChat('nl'), [{ id: '4', author: 'agent', authorName: 'Sanne', body: 'ok', createdAt: at, attachments: [] }]).messages[0]?.files,
    ).toBeUndefined();
  });
});
