import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildLexicon } from '#core/language/analysis.ts';
import { getContent, searchDocuments, searchIndexFile, searchPhrasings } from '../content/site-data.ts';
import { type SearchDocument, buildSearchIndex, openSearchIndex, searchArticles } from './engine.ts';
import { type WholeSearchIndexFile, isShardedManifest, packWholeIndex, unpackWholeIndex } from './format.ts';

/** The Dutch demo index as the build makes it, before it is written for the browser. */
function builtDutchDemo() {
  const documents = searchDocuments('nl');
  return buildSearchIndex(
    documents,
    'nl',
    buildLexicon(
      documents.flatMap((d) => [d.title, d.questions, d.headings, d.summary, d.body]),
      'nl',
    ),
  );
}

describe('the whole index as the browser downloads it', () => {
  const built = builtDutchDemo();
  const shipped = JSON.parse(searchIndexFile('nl').json) as WholeSearchIndexFile;

  it('opens to the index the build made, lexicon and all', () => {
    expect(isShardedManifest(shipped)).toBe(false);
    expect(shipped.v).toBe(2);
    expect(built.lexicon.split(' ').length).toBeGreaterThan(1_000);
    expect(unpackWholeIndex(shipped)).toEqual(built);
  });

  it('finds what the built index finds, in the same order, for what customers type', () => {
    const articles = getContent().articles.filter((a) => a.locale === 'nl' && !a.draft);
    // Compound words and diminutives lean on the lexicon: a lost stem would change these hits.
    const queries = ['pakketje kwijt', 'retourneren', 'wachtwoord vergeten', 'wachtwoordherstel', 'bezorgmoment wijzigen', 'cadeaubonnetje', 'retourbeleid'];
    queries.push(...articles.flatMap((a) => searchPhrasings(a.questions)));
    const fromBuild = openSearchIndex(built);
    const fromFile = openSearchIndex(unpackWholeIndex(shipped));
    for (const query of queries) expect(searchArticles(fromFile, query), query).toEqual(searchArticles(fromBuild, query));
  });

  it('writes the lexicon as term positions, a fraction of the words', () => {
    const words = gzipSync(built.lexicon).length;
    const positions = gzipSync(JSON.stringify(shipped.lexicon)).length;
    expect(positions).toBeLessThan(words / 10);
  });

  it('keeps a lexicon stem that is no index term as a word', () => {
    const documents: SearchDocument[] = [
      { id: 'nl/a', title: 'Bezorging', category: 'Bezorging', url: '/nl/a/', summary: '', questions: '', headings: '', body: '' },
    ];
    const asset = buildSearchIndex(documents, 'nl', ['bezorg', 'wachtwoord']);
    const file = packWholeIndex(asset);
    expect(file.lexicon.words).toBe('wachtwoord');
    expect(unpackWholeIndex(JSON.parse(JSON.stringify(file)))).toEqual(asset);
  });

  it('refuses a file of another format version, naming it', () => {
    expect(() => unpackWholeIndex({ ...shipped, v: 3 as 2 })).toThrow('Wegwijs search: index format 3 is not supported');
  });
});
