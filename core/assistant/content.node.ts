/**
 * The assistant's input from `content/` (Node only): published articles,
 * through the site's own content loader (so the assistant sees exactly what
 * the pages see, with the same validation), and the rules files
 * `content/assistant/<locale>.yaml`.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Locale } from '../locale.ts';
import { type Article, loadContent, publishedArticles } from '../content/load.node.ts';
import { mergeThresholds } from './compile.ts';
import { HELP_CENTER_THRESHOLDS, type AssistantArticle } from './model.ts';
import { parseRulesFile, type RulesFile } from './rules.ts';

/**
 * An article as the assistant reads it; its id is the translation key, the
 * same in every locale.
 * @param url - where the page lives, carried into the model for the widget
 */
export function assistantArticle(article: Article, url?: string): AssistantArticle {
  return {
    id: article.translationKey,
    locale: article.locale,
    title: article.title,
    summary: article.summary,
    questions: article.questions,
    headings: article.headings,
    body: article.body,
    ...(article.patterns && article.patterns.length > 0 && { patterns: article.patterns }),
    ...(url !== undefined && { url }),
  };
}

/**
 * The rules file of `locale`: `<root>/content/assistant/<locale>.yaml`, or an
 * empty one when the file does not exist.
 * @throws AssistantContentError naming the file and the field
 */
export function readRules(root: string, locale: Locale): RulesFile {
  const path = join(root, 'content', 'assistant', `${locale}.yaml`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { locale, rules: [], synonyms: [], thresholds: HELP_CENTER_THRESHOLDS };
  }
  const file = parseRulesFile(text, relative(root, path).split('\\').join('/'));
  // A help center decides by the help-center policy; the file may tune any field of it.
  return { ...file, thresholds: mergeThresholds(HELP_CENTER_THRESHOLDS, file.thresholds) };
}

/** Everything the assistant of one locale is compiled from. */
export interface AssistantContent {
  articles: AssistantArticle[];
  rules: RulesFile;
}

/**
 * Reads and validates the published articles and the rules of `locale`.
 * @param root - the folder holding `content/` (the repository root)
 * @throws ContentError or AssistantContentError, naming the file and the field
 */
export function readAssistantContent(root: string, locale: Locale): AssistantContent {
  return {
    articles: publishedArticles(loadContent(root), locale).map((article) => assistantArticle(article)),
    rules: readRules(root, locale),
  };
}
