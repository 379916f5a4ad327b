import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, loadContent, publishedArticles, splitFrontmatter } from './load.node.ts';
import { utcDay } from '../util/days.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');

function problemsOf(root: string) {
  try {
    loadContent(root);
  } catch (error) {
    if (error instanceof ContentError) return error.problems.map((p) => `${p.file}: ${p.field}`);
    throw error;
  }
  throw new Error('expected a ContentError');
}

describe('loadContent', () => {
  it('loads valid content with ids, slugs and headings', () => {
    const content = loadContent(path.join(fixtures, 'valid'));
    expect(content.settings.shopName).toBe('Testwinkel');
    expect(content.categories.map((c) => c.id)).toEqual(['delivery']);
    const article = content.articles.find((a) => a.id === 'nl/waar-is-mijn-pakket');
    expect(article).toMatchObject({
      slug: 'waar-is-mijn-pakket',
      locale: 'nl',
      translationKey: 'track-parcel',
      file: 'content/articles/nl/waar-is-mijn-pakket.md',
    });
    expect(article?.headings).toEqual(['Geen link ontvangen?']);
    expect(article && utcDay(article.updated)).toBe('2026-10-01');
    expect(content.logoSvg).toContain('<svg');
  });

  it('keeps drafts out of the published articles', () => {
    const content = loadContent(path.join(fixtures, 'valid'));
    expect(content.articles.some((a) => a.draft)).toBe(true);
    expect(publishedArticles(content).map((a) => a.id)).toEqual(['en/where-is-my-parcel', 'nl/levertijden', 'nl/waar-is-mijn-pakket']);
    expect(publishedArticles(content, 'en').map((a) => a.id)).toEqual(['en/where-is-my-parcel']);
  });

  it('names the file and the field of every problem in broken content', () => {
    expect(problemsOf(path.join(fixtures, 'broken')).sort()).toEqual(
      [
        'content/articles/en/Bad_Name.md: updated',
        'content/articles/en/Bad_Name.md: file name',
        'content/articles/en/where-is-my-parcel.md: translationKey',
        'content/articles/nl/geen-titel.md: title',
        'content/articles/nl/kapotte-yaml.md: frontmatter',
        'content/articles/nl/onbekende-categorie.md: category',
        'content/articles/nl/onbekende-categorie.md: related.0',
        'content/articles/nl/te-weinig-vragen.md: questions',
        'content/articles/nl/te-weinig-vragen.md: colour',
        'content/articles/nl/verkeerde-taal.md: locale',
        'content/articles/nl/zonder-frontmatter.md: frontmatter',
      ].sort(),
    );
  });

  it('writes one readable message listing every problem', () => {
    expect(() => loadContent(path.join(fixtures, 'broken'))).toThrow(
      /content is invalid \(11 problems\):\n {2}content\/articles\/.*\n.*content\/articles\/nl\/verkeerde-taal\.md: locale: is "en" but the file is in articles\/nl\//s,
    );
  });

  it('says which file is missing', () => {
    expect(problemsOf(path.join(fixtures, 'does-not-exist'))).toEqual(['content/settings.yaml: file', 'content/categories.yaml: file']);
  });

  it('validates the real content in content/', () => {
    const content = loadContent(path.join(import.meta.dirname, '../..'));
    for (const locale of content.settings.locales) {
      expect(publishedArticles(content, locale).length).toBeGreaterThanOrEqual(40);
    }
  });
});

describe('markdown helpers', () => {
  it('splits frontmatter from the body', () => {
    expect(splitFrontmatter('---\na: 1\n---\nBody\n')).toEqual({ frontmatter: 'a: 1', body: 'Body\n' });
    expect(splitFrontmatter('No frontmatter')).toBeNull();
  });
});
