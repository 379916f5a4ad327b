import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readAssistantContent, readRules } from './content.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

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
    expect(readRules(fileURLToPath(new URL('.', import.meta.url)), 'en')).toEqual({ locale: 'en', rules: [], synonyms: [] });
  });
});
