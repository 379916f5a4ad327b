/**
 * Synthetic help-center content for the site benchmark: N articles per locale
 * (nl and en, paired by translation key), seeded, written as a `content/`
 * folder that `loadContent` and the Astro build read like the real one.
 *
 * The text is realistic in shape, not in meaning: words are drawn from the
 * demo articles' own vocabulary with their real frequencies, so the index
 * sees the same word lengths, stop-word rates and Dutch compounds. Each
 * article pair is written "about" one demo article (most words come from
 * it), so words cluster by topic as in real help content instead of every
 * common word landing in every article. Titles, summaries, phrasings,
 * headings, lists and body lengths follow the demo.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { fold, isStopword } from '#core/language/analysis.ts';
import type { Locale } from '#core/locale.ts';
import { loadContent } from '#core/content/load.node.ts';
import { markdownToText } from '#core/content/markdown.ts';
import { DAY_MS, utcDay } from '#core/util/days.ts';
import { mulberry32 } from '#core/util/random.ts';

/** Words of one locale with their frequency in the demo content, for weighted draws. */
interface Vocabulary {
  words: string[];
  /** Cumulative weights, parallel to `words`. */
  cumulative: number[];
}

/** The two vocabularies of a locale: every word, and the content words (no stop words) that titles favour. */
interface LocaleVocabulary {
  all: Vocabulary;
  content: Vocabulary;
}

function vocabulary(counts: Map<string, number>, keep: (word: string) => boolean): Vocabulary {
  const words: string[] = [];
  const cumulative: number[] = [];
  let total = 0;
  // Sorted, so the draws do not depend on the order files were read in.
  for (const [word, count] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (!keep(word)) continue;
    total += count;
    words.push(word);
    cumulative.push(total);
  }
  return { words, cumulative };
}

/** One demo article pair: the topic a synthetic article is written about. */
interface Topic {
  category: string;
  vocabulary: Record<Locale, LocaleVocabulary>;
}

/** The demo content's words: per locale over all articles, and per demo article pair (topic). */
export interface DemoVocabulary {
  locales: Record<Locale, LocaleVocabulary>;
  topics: Topic[];
}

/**
 * Reads the demo articles' words. A word keeps its capital only when it never
 * appears in lower case (a name like Klarna or PostNL).
 */
export function demoVocabulary(root: string): DemoVocabulary {
  const content = loadContent(root);
  const forms = new Map<string, string>();
  const countsOf = (articles: typeof content.articles) => {
    const counts = new Map<string, number>();
    for (const article of articles) {
      const text = [article.title, article.summary, ...article.questions, markdownToText(article.body)].join(' ');
      for (const word of text.match(/\p{L}+/gu) ?? []) {
        const lower = word.toLowerCase();
        counts.set(lower, (counts.get(lower) ?? 0) + 1);
        if (word === lower || !forms.has(lower)) forms.set(lower, word === lower ? lower : (forms.get(lower) ?? word));
      }
    }
    return counts;
  };
  const localeVocabulary = (counts: Map<string, number>, locale: Locale): LocaleVocabulary => {
    const byForm = new Map<string, number>();
    for (const [lower, count] of counts) byForm.set(forms.get(lower) ?? lower, count);
    return {
      all: vocabulary(byForm, () => true),
      content: vocabulary(byForm, (w) => w.length >= 3 && !isStopword(fold(w), locale)),
    };
  };
  const localeCounts = {
    nl: countsOf(content.articles.filter((a) => a.locale === 'nl')),
    en: countsOf(content.articles.filter((a) => a.locale === 'en')),
  };
  const topics: Topic[] = [];
  for (const nl of content.articles.filter((a) => a.locale === 'nl' && !a.draft)) {
    const en = content.articles.find((a) => a.locale === 'en' && a.translationKey === nl.translationKey);
    if (!en) continue;
    topics.push({
      category: nl.category,
      vocabulary: { nl: localeVocabulary(countsOf([nl]), 'nl'), en: localeVocabulary(countsOf([en]), 'en') },
    });
  }
  return { locales: { nl: localeVocabulary(localeCounts.nl, 'nl'), en: localeVocabulary(localeCounts.en, 'en') }, topics };
}

/** Share of words drawn from the article's topic; the rest come from the whole locale, as in real help articles. */
const TOPICAL = 0.7;

/** Where one article's words come from. */
interface Source {
  topic: LocaleVocabulary;
  global: LocaleVocabulary;
}

/** Options of {@link generateContent}. */
export interface GenerateOptions {
  /** Articles per locale. */
  articles: number;
  /** Seed of the PRNG. */
  seed: number;
  /** The repository root whose content/ gives the vocabulary, categories, logo and settings. */
  sourceRoot: string;
  /** Folder to write `content/` into. */
  targetRoot: string;
}

/** What was generated. */
export interface GeneratedContent {
  /** Total words of all bodies, per locale. */
  bodyWords: Record<Locale, number>;
}

/**
 * Writes `<targetRoot>/content/` with `articles` articles per locale, paired
 * by translation key, plus the real settings (no popular articles),
 * categories and logo.
 */
export function generateContent(options: GenerateOptions): GeneratedContent {
  const { articles, seed, sourceRoot, targetRoot } = options;
  const random = mulberry32(seed);
  const vocab = demoVocabulary(sourceRoot);
  const sourceContent = path.join(sourceRoot, 'content');
  const contentDir = path.join(targetRoot, 'content');
  mkdirSync(path.join(contentDir, 'articles', 'nl'), { recursive: true });
  mkdirSync(path.join(contentDir, 'articles', 'en'), { recursive: true });

  const settings = parseYaml(readFileSync(path.join(sourceContent, 'settings.yaml'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(contentDir, 'settings.yaml'), stringifyYaml({ ...settings, popular: [] }));
  copyFileSync(path.join(sourceContent, 'categories.yaml'), path.join(contentDir, 'categories.yaml'));
  copyFileSync(path.join(sourceContent, String(settings['logo'])), path.join(contentDir, String(settings['logo'])));
  const categories = (parseYaml(readFileSync(path.join(sourceContent, 'categories.yaml'), 'utf8')) as { id: string }[]).map((c) => c.id);

  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const draw = (v: Vocabulary): string => {
    const total = v.cumulative[v.cumulative.length - 1] ?? 0;
    const target = random() * total;
    let lo = 0;
    let hi = v.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((v.cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    return v.words[lo] ?? '';
  };
  const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  /** A word about the article's topic most of the time, else from anywhere in the help center. */
  const word = (source: Source, kind: keyof LocaleVocabulary) => draw((random() < TOPICAL ? source.topic : source.global)[kind]);
  /** Mostly content words with the odd stop word, like a title or a phrasing. */
  const phrase = (source: Source, min: number, max: number) => Array.from({ length: int(min, max) }, () => word(source, random() < 0.8 ? 'content' : 'all'));
  const sentence = (source: Source, min: number, max: number) => {
    const words = Array.from({ length: int(min, max) }, () => word(source, 'all'));
    if (words.length > 6 && random() < 0.3) words[int(2, words.length - 3)] += ',';
    if (random() < 0.15) {
      const i = int(0, words.length - 1);
      words[i] = `**${words[i]}**`;
    }
    return capitalize(words.join(' ')) + '.';
  };
  const slugify = (words: string[]) =>
    fold(words.join(' '))
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .split('-')
      .slice(0, 6)
      .join('-');
  const countWords = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

  /** One article's text in one locale: title, summary, 5 phrasings and a body of 200–400 words in 2–3 sections with lists. */
  const article = (source: Source) => {
    const title = capitalize(phrase(source, 4, 9).join(' '));
    const summary = Array.from({ length: int(1, 2) }, () => sentence(source, 8, 18)).join(' ');
    const questions = Array.from({ length: 5 }, () => phrase(source, 3, 8).join(' ').toLowerCase() + (random() < 0.3 ? '?' : ''));
    const wordTarget = int(200, 400);
    const sections = int(2, 3);
    const lines: string[] = [];
    let words = 0;
    const push = (text: string) => {
      lines.push(text);
      words += countWords(text);
    };
    push(Array.from({ length: int(1, 2) }, () => sentence(source, 8, 16)).join(' '));
    for (let s = 0; s < sections; s++) {
      const sectionEnd = Math.round(wordTarget * ((s + 1) / sections));
      lines.push('');
      push(`## ${capitalize(phrase(source, 2, 6).join(' '))}`);
      lines.push('');
      const ordered = random() < 0.5;
      const items = Array.from({ length: int(3, 5) }, (_, i) => `${ordered ? `${i + 1}.` : '-'} ${sentence(source, 4, 10)}`);
      const listWords = countWords(items.join(' '));
      const paragraph: string[] = [];
      while (paragraph.length === 0 || words + countWords(paragraph.join(' ')) + listWords < sectionEnd) {
        paragraph.push(sentence(source, 8, 20));
      }
      push(paragraph.join(' '));
      lines.push('');
      for (const item of items) push(item);
    }
    return { title, summary, questions, body: lines.join('\n') + '\n', words };
  };

  const keys: string[] = [];
  const topics: Topic[] = [];
  const drafts: Record<Locale, ReturnType<typeof article>[]> = { nl: [], en: [] };
  const slugs: Record<Locale, Set<string>> = { nl: new Set(), en: new Set() };
  const unique = (locale: Locale, slug: string) => {
    let candidate = slug || 'artikel';
    for (let n = 2; slugs[locale].has(candidate); n++) candidate = `${slug}-${n}`;
    slugs[locale].add(candidate);
    return candidate;
  };
  const bodyWords = { nl: 0, en: 0 };
  for (let i = 0; i < articles; i++) {
    // Both translations are about the same demo article, as real translations are.
    const topic = pick(vocab.topics);
    topics.push(topic);
    const en = article({ topic: topic.vocabulary.en, global: vocab.locales.en });
    const nl = article({ topic: topic.vocabulary.nl, global: vocab.locales.nl });
    drafts.en.push(en);
    drafts.nl.push(nl);
    bodyWords.en += en.words;
    bodyWords.nl += nl.words;
    keys.push(unique('en', slugify(en.title.split(' '))));
  }
  for (let i = 0; i < articles; i++) {
    const key = keys[i] ?? '';
    const topic = topics[i];
    const related = [...new Set(Array.from({ length: int(0, 4) }, () => pick(keys)))].filter((k) => k !== key);
    const updated = utcDay(Date.UTC(2024, 0, 1) + Math.floor(random() * 1000) * DAY_MS);
    for (const locale of ['nl', 'en'] as const) {
      const a = drafts[locale][i];
      if (!a || !topic) continue;
      const slug = locale === 'en' ? key : unique('nl', slugify(a.title.split(' ')));
      const frontmatter = {
        title: a.title,
        summary: a.summary,
        category: categories.includes(topic.category) ? topic.category : pick(categories),
        locale,
        translationKey: key,
        questions: a.questions,
        tags: [...new Set(Array.from({ length: int(1, 3) }, () => fold(draw(topic.vocabulary[locale].content))))],
        related,
        updated,
        draft: false,
      };
      writeFileSync(path.join(contentDir, 'articles', locale, `${slug}.md`), `---\n${stringifyYaml(frontmatter)}---\n\n${a.body}`);
    }
  }
  return { bodyWords };
}
