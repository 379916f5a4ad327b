import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+31 6 12345678', "'+31 6 12345678"],
    ['-2', "'-2"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['=HYPERLINK("http://evil.example","klik")', `"'=HYPERLINK(""http://evil.example"",""klik"")"`],
  ])('neutralises a formula start: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each([
    ['retour zonder bon', 'retour zonder bon'],
    ['a, b', '"a, b"'],
    ['zei "hoi"', '"zei ""hoi"""'],
    ['twee\nregels', '"twee\nregels"'],
    ['e-mail = kapot', 'e-mail = kapot'],
    [' =niet aan het begin', ' =niet aan het begin'],
  ])('leaves other text alone except for quoting: %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers, booleans and empty cells plainly', () => {
    expect([csvCell(2.5), csvCell(0), csvCell(true), csvCell(null), csvCell(undefined)]).toEqual(['2.5', '0', 'true', '', '']);
  });
});

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(toCsv(['wording', 'count'], [['=retour', 3], ['pakket, kwijt', 1]])).toBe("wording,count\r\n'=retour,3\r\n\"pakket, kwijt\",1\r\n");
  });
});
