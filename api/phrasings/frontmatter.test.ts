import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '#core/content/load.node.ts';
import { REPO_ROOT } from '../start.ts';
import { addQuestions, FrontmatterError } from './frontmatter.ts';
import { addProposals, proposedKeys, UNTITLED } from './proposals.ts';
import { hasWords, normalisePhrasing, phrasingKey } from './text.ts';

const questionsOf = (source: string) => (parse(splitFrontmatter(source)!.frontmatter) as { questions: string[] }).questions;

describe('addQuestions', () => {
  it('inserts lines after the last entry of a real article and changes nothing else', () => {
    const file = 'content/articles/nl/levertijden.md';
    const before = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const after = addQuestions(before, ['bezorgen jullie op tweede paasdag', 'komt het: vandaag nog?'], file);
    const beforeLines = before.split('\n');
    const last = beforeLines.findIndex((line) => line.startsWith('tags:')) - 1;
    expect(after.split('\n')).toEqual([
      ...beforeLines.slice(0, last + 1),
      '  - bezorgen jullie op tweede paasdag',
      '  - "komt het: vandaag nog?"',
      ...beforeLines.slice(last + 1),
    ]);
    expect(questionsOf(after)).toEqual([...questionsOf(before), 'bezorgen jullie op tweede paasdag', 'komt het: vandaag nog?']);
  });

  it('quotes what YAML would read as something else, so every wording reads back as itself', () => {
    const source = '---\ntitle: X\nquestions:\n  - a\n---\nBody\n';
    const tricky = ['#1 vraag', '123456', 'true', '- streepje', 'a: b', '"aanhalingstekens"', "it's", '[e-mail] weg', '? vraag', 'é accent', '&anker', '*ster'];
    expect(questionsOf(addQuestions(source, tricky, 'x.md'))).toEqual(['a', ...tricky]);
  });

  it('keeps the list style and line endings: unindented dashes, CRLF, comments, long entries over several lines', () => {
    const source = [
      '---',
      'title: X',
      'questions:',
      '- eerste',
      '# een opmerking',
      '- >-',
      '  een lange vraag',
      '  over twee regels',
      '',
      'tags: [a]',
      '---',
      'Body',
      '',
    ].join('\r\n');
    const after = addQuestions(source, ['nieuw'], 'x.md');
    expect(after).toBe(source.replace('over twee regels\r\n', 'over twee regels\r\n- nieuw\r\n'));
    expect(questionsOf(after)).toEqual(['eerste', 'een lange vraag over twee regels', 'nieuw']);
  });

  it('refuses a list in flow style, a file without questions or frontmatter, naming the file', () => {
    expect(() => addQuestions('---\nquestions: [a, b, c]\n---\nBody', ['d'], 'x.md')).toThrow(
      new FrontmatterError('x.md: questions is not written as a list of "- " lines (one per line); write it that way so content pull can add to it'),
    );
    expect(() => addQuestions('---\ntitle: X\n---\nBody', ['d'], 'y.md')).toThrow('y.md: the frontmatter has no questions');
    expect(() => addQuestions('Body only', ['d'], 'z.md')).toThrow('z.md: has no frontmatter (the file must start with ---)');
  });

  it('leaves a file unchanged when there is nothing to add', () => {
    expect(addQuestions('not even frontmatter', [], 'x.md')).toBe('not even frontmatter');
  });
});

describe('phrasing text', () => {
  it('folds white space and control characters and redacts personal data', () => {
    expect(normalisePhrasing('  waar\tis\n\n mijn\u0007pakket  ')).toBe('waar is mijn pakket');
    expect(normalisePhrasing('mail jan@example.nl of bel +31 6 12345678, order 4111111111111111')).toBe('mail [e-mail] of bel [phone], order [number]');
  });

  it('says whether anything but placeholders is left', () => {
    expect(hasWords(normalisePhrasing('jan@example.nl 0612345678'))).toBe(false);
    expect(hasWords('[e-mail] kwijt')).toBe(true);
    expect(hasWords('?!')).toBe(false);
  });

  it('compares wordings ignoring case, white space and a final question mark', () => {
    expect(phrasingKey('Waar is  mijn PAKKET?')).toBe(phrasingKey('waar is mijn pakket'));
    expect(phrasingKey('Één vraag...')).toBe('één vraag');
    expect(phrasingKey('waar is mijn pakket')).not.toBe(phrasingKey('waar is mijn pakketje'));
  });
});

describe('addProposals', () => {
  it('starts the file with an explanation, groups wordings under their proposed title and skips wordings already there', () => {
    const first = addProposals(null, 'nl', [
      { title: 'Winkel in Utrecht', text: 'hebben jullie een winkel in utrecht', note: 'nomatch 2026-11-20' },
      { title: null, text: 'kan ik "gratis" ophalen', note: 'search 2026-11-21' },
      { title: 'winkel in utrecht', text: 'waar is jullie winkel', note: 'ticket WW-1042 2026-11-21' },
    ]);
    expect(first.added).toHaveLength(3);
    expect(first.text).toMatch(/^# Proposed articles \(nl\)\n\n/);
    expect(first.text).toContain(
      [
        '## Winkel in Utrecht',
        '',
        '- "hebben jullie een winkel in utrecht" (nomatch 2026-11-20)',
        '- "waar is jullie winkel" (ticket WW-1042 2026-11-21)',
        '',
        `## ${UNTITLED}`,
        '',
        '- "kan ik \\"gratis\\" ophalen" (search 2026-11-21)',
        '',
      ].join('\n'),
    );
    const second = addProposals(first.text, 'nl', [
      { title: 'Anders', text: 'Hebben jullie een winkel in Utrecht?', note: 'gap 2026-11-22' },
      { title: UNTITLED, text: 'nog een vraag', note: 'gap 2026-11-22' },
    ]);
    expect(second.added.map((p) => p.text)).toEqual(['nog een vraag']);
    expect(second.text).toBe(first.text.replace('ophalen" (search 2026-11-21)\n', 'ophalen" (search 2026-11-21)\n- "nog een vraag" (gap 2026-11-22)\n'));
    expect([...proposedKeys(second.text)].sort()).toEqual([
      'hebben jullie een winkel in utrecht',
      'kan ik "gratis" ophalen',
      'nog een vraag',
      'waar is jullie winkel',
    ]);
  });
});
