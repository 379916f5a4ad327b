import { describe, expect, it } from 'vitest';
import { buildLexicon } from '#core/language/analysis.ts';
import { type SearchDocument, buildSearchIndex, markSnippet, openSearchIndex, searchArticles, tokenizeForIndex } from './engine.ts';

function createDocument(overrides: Partial<SearchDocument> & Pick<SearchDocument, 'id'>): SearchDocument {
  return { title: '', category: 'Test', url: `/${overrides.id}/`, summary: '', questions: '', headings: '', body: '', ...overrides };
}

describe('tokenizeForIndex', () => {
  it('adds each hyphenated word written as one', () => {
    expect(tokenizeForIndex('Pre-order of e-mail')).toEqual(['pre', 'order', 'of', 'e', 'mail', 'preorder', 'email']);
  });

  it('adds nothing to words without hyphens', () => {
    expect(tokenizeForIndex('Waar is mijn pakket?')).toEqual(['waar', 'is', 'mijn', 'pakket']);
  });
});

describe('hyphenated words in the index', () => {
  const documents = [
    createDocument({ id: 'en/sold-out', title: 'Sold-out items and pre-orders', body: 'Click "Email me" on a sold-out product.' }),
    createDocument({ id: 'en/shipping', title: 'Shipping costs', body: 'Shipping is free from €25.' }),
  ];
  const index = openSearchIndex(buildSearchIndex(documents, 'en', buildLexicon([], 'en')));

  it('are found written as one word', () => {
    expect(searchArticles(index, 'preorder').map((hit) => hit.id)).toEqual(['en/sold-out']);
    expect(searchArticles(index, 'soldout').map((hit) => hit.id)).toEqual(['en/sold-out']);
  });

  it('are still found written with a hyphen or a space', () => {
    expect(searchArticles(index, 'pre-order').map((hit) => hit.id)).toEqual(['en/sold-out']);
    expect(searchArticles(index, 'sold out').map((hit) => hit.id)).toEqual(['en/sold-out']);
  });

  it('are marked whole in a snippet', () => {
    const [hit] = searchArticles(index, 'preorder');
    expect(markSnippet('Pre-orders ship later.', hit?.terms ?? [], 'en')).toEqual([
      { text: 'Pre-orders', mark: true },
      { text: ' ship later.', mark: false },
    ]);
  });
});
