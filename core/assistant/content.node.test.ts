import { HELP_CENTER_THRESHOLDS } from './model.ts';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { articleFrontmatterSchema } from '../content/schema.ts';
import type { Article } from '../content/load.node.ts';
import { answer } from './answer.ts';
import { compileModel } from './compile.ts';
import { assistantArticle, readAssistantContent, readRules } from './content.node.ts';
import { SHOP_ARTICLES } from './testing.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

const frontmatter = {
  title: 'Two-step verification',
  summary: 'Turn on two-step verification in your account settings.',
  category: 'account',
  locale: 'en',
  translationKey: 'two-step',
  questions: ['turn on two-step verification', 'how do I secure my account', 'where is the authenticator setting'],
  updated: '2026-10-01',
};

function articleOf(data: Record<string, unknown>): Article {
  const parsed = articleFrontmatterSchema.parse(data);
  return { ...parsed, id: 'en/two-step', slug: 'two-step', file: 'content/articles/en/two-step.md', body: 'Open **Settings**.', headings: [] };
}

describe('readAssistantContent', () => {
  it('reads the published articles of a locale, keyed by translation key', () => {
    const { articles, rules } = readAssistantContent(root, 'nl');
    expect(articles.length).toBeGreaterThan(0);
    expect(rules.locale).toBe('nl');
    for (const article of articles) {
      expect(article.locale).toBe('nl');
      expect(article.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(article.questions.length).toBeGreaterThan(0);
    }
    expect(new Set(articles.map((a) => a.id)).size).toBe(articles.length);
  });

  it('gives an empty rules file for a folder without one', () => {
    expect(readRules(fileURLToPath(new URL('.', import.meta.url)), 'en')).toEqual({
      locale: 'en',
      rules: [],
      synonyms: [],
      thresholds: HELP_CENTER_THRESHOLDS,
    });
  });
});

describe('article patterns in the frontmatter', () => {
  it('are optional: an article without them has none in the assistant', () => {
    expect(assistantArticle(articleOf(frontmatter)).patterns).toBeUndefined();
  });

  it('reach the model and answer their article', () => {
    const article = assistantArticle(articleOf({ ...frontmatter, patterns: [' 2fa ', 'authenticator * code'] }), '/en/account/two-step/');
    expect(article.patterns).toEqual(['2fa', 'authenticator * code']);
    const model = compileModel([...SHOP_ARTICLES, article], { locale: 'en', rules: [], synonyms: [] });
    const reply = answer(model, 'my authenticator app shows the wrong code');
    expect(reply).toMatchObject({ action: 'answer', articleId: 'two-step', why: { kind: 'pattern', pattern: 'authenticator * code' } });
  });

  it('must be non-empty strings', () => {
    const result = articleFrontmatterSchema.safeParse({ ...frontmatter, patterns: ['2fa', '  '] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['patterns', 1]);
    expect(articleFrontmatterSchema.safeParse({ ...frontmatter, patterns: '2fa' }).success).toBe(false);
  });
});
