import { describe, expect, it } from 'vitest';
import { markdownHeadings, markdownToText } from './markdown.ts';

describe('markdownToText', () => {
  it('keeps the words of text, emphasis, links and lists, without their markers', () => {
    const body = 'Intro with **bold** and [a link](/x).\n\n## Steps\n1. Open *My account*\n- item\n### Detail ###\n';
    expect(markdownToText(body)).toBe('Intro with bold and a link. Steps Open My account item Detail');
  });

  it('reads what regular expressions got wrong: setext headings, reference links, entities, escapes', () => {
    const body = [
      'Retour &amp; ruilen',
      '================',
      '',
      'Zie [het formulier][form] of ![de knop](/knop.png "Knop").',
      '',
      'Kosten: 5 \\* 2 euro, `code` blijft.',
      '',
      '[form]: https://example.com/formulier "Formulier"',
    ].join('\n');
    expect(markdownToText(body)).toBe('Retour & ruilen Zie het formulier of de knop. Kosten: 5 * 2 euro, code blijft.');
  });

  it('leaves out code blocks and raw HTML, and never joins the words of two blocks', () => {
    expect(markdownToText('Eerste alinea\n\n```\n## geen kop\n```\n\n<div>opmaak</div>\n\n> citaat\n\nlaatste')).toBe('Eerste alinea citaat laatste');
    expect(markdownToText('een\n\ntwee')).toBe('een twee');
  });
});

describe('markdownHeadings', () => {
  it('gives ## and deeper headings, ATX and setext, not the title and not what a code block holds', () => {
    const body = '# Titel\n\nTekst\n\nStappen\n-------\n\n## Wat je *nodig* hebt ##\n\n```\n## geen kop\n```\n\n#### Diep\n';
    expect(markdownHeadings(body)).toEqual(['Stappen', 'Wat je nodig hebt', 'Diep']);
  });
});
