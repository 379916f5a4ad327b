import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('csvCell', () => {
  it.each([
    ['=1+1', `"'=1+1"`],
    ['+31 6 12345678', `"'+31 6 12345678"`],
    ['-2', `"'-2"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['=HYPERLINK("http://evil.example","klik")', `"'=HYPERLINK(""http://evil.example"",""klik"")"`],
    ['zzq;=1+1;', `"zzq;'=1+1;"`],
    ['a, =1+1', `"a, '=1+1"`],
    ['x;;@y,-z', `"x;;'@y,'-z"`],
    ['q;"=1";', `"q;""'=1"";"`],
  ])('neutralises a formula start: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ['retour zonder bon', '"retour zonder bon"'],
    ['a, b', '"a, b"'],
    ['zei "hoi"', '"zei ""hoi"""'],
    ['twee\nregels', '"twee\nregels"'],
    ['e-mail = kapot', '"e-mail = kapot"'],
    [' =niet aan het begin', `" '=niet aan het begin"`],
  ])('quotes every text cell: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers, booleans and empty cells plainly', () => {
    expect([csvCell(2.5), csvCell(0), csvCell(-1), csvCell(true), csvCell(null), csvCell(undefined)]).toEqual(['2.5', '0', '-1', 'true', '', '']);
  });
});

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(
      toCsv(
        ['wording', 'count'],
        [
          ['=retour', 3],
          ['pakket, kwijt', 1],
        ],
      ),
    ).toBe(`"wording","count"\r\n"'=retour",3\r\n"pakket, kwijt",1\r\n`);
  });

  // Texts a customer could type; no reading of the file may turn one into a formula cell.
  const HOSTILE = [
    'zzq;=1+1;',
    '=1+1',
    'a,=2',
    'x; +3',
    'y,@SUM(A1)',
    '-cmd|calc',
    'q;"=1";',
    'r,\t=4',
    'p";=5;"',
    'n;\r=6',
    '"=7"',
    ',=8,;-9;',
    'ok; gewoon, tekst',
  ];
  const csv = toCsv(
    ['text', 'count'],
    HOSTILE.map((text, i) => [text, i]),
  );
  const lines = csv.split('\r\n').filter(Boolean);

  /** Splits a line at `separator` ignoring quotes, as a naive reader does. */
  const naiveCells = (line: string, separator: string) => line.split(separator);
  /** Splits a line at `separator` respecting RFC 4180 quotes, as Excel does with its list separator. */
  function quotedCells(line: string, separator: string): string[] {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if (quoted) {
        if (char === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (char === '"') quoted = false;
        else cell += char;
      } else if (char === '"' && cell === '') quoted = true;
      else if (char === separator) {
        cells.push(cell);
        cell = '';
      } else cell += char;
    }
    return [...cells, cell];
  }
  /** What a spreadsheet would run: a cell that, without leading quotes and spaces, starts with a formula character. */
  const isFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell.replace(/^[ "]+/, ''));

  it.each([',', ';'])('gives no formula cell when split at %j, with or without regard for quotes', (separator) => {
    for (const split of [naiveCells, quotedCells]) {
      const cells = lines.flatMap((line) => split(line, separator));
      expect(cells.length, `${split.name} at ${separator}`).toBeGreaterThanOrEqual(lines.length);
      expect(cells.filter(isFormula), `${split.name} at ${separator}`).toEqual([]);
    }
  });

  it('the same texts unprotected would give formula cells: the check above can fail', () => {
    const raw = HOSTILE.map((text) => `"${text.replace(/"/g, '""')}"`);
    expect(raw.flatMap((line) => naiveCells(line, ';')).filter(isFormula).length).toBeGreaterThan(5);
  });

  it('still reads back as the texts (less the apostrophes) under RFC 4180', () => {
    expect(lines.slice(1).map((line) => quotedCells(line, ',')[0]?.replace(/'/g, ''))).toEqual(HOSTILE);
  });
});
