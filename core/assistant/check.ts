/**
 * The authoring check: which articles the assistant confuses, and which
 * phrasings pull towards another article, so a content writer knows what to
 * sharpen. Cross-validated: the phrasings are split into folds; each fold is
 * left out of a model built from the rest and ranked by it, so every phrasing
 * is judged by a model that never saw it (as a customer's message would be).
 *
 *   npm run -s assistant -- check [--locale nl] [--folds 4]
 */
import { answer } from './answer.ts';
import { compileModel } from './compile.ts';
import type { AssistantArticle, AssistantModel } from './model.ts';
import type { RulesFile } from './rules.ts';

/** One left-out phrasing and where the model sent it. */
export interface PhrasingResult {
  articleId: string;
  phrasing: string;
  /** The top-ranked article. */
  top: string | null;
  /** 1-based rank of its own article among the candidates; 0 when not ranked. */
  rank: number;
  action: string;
  confidence: number;
}

/** The check of one locale. */
export interface CheckReport {
  phrasings: number;
  /** Share of phrasings whose own article ranks first. */
  top1: number;
  /** Share whose own article is among the first three. */
  top3: number;
  /** Per article: its phrasings and the share ranked first, weakest first. */
  articles: { articleId: string; title: string; phrasings: number; top1: number }[];
  /** Pairs (from → to) by how many of `from`'s phrasings ranked `to` first, most first. */
  confusions: { from: string; to: string; count: number }[];
  /** Phrasings whose own article did not rank first. */
  misses: PhrasingResult[];
}

/**
 * Cross-validates the phrasings of one locale's articles.
 * @param folds - how many parts the phrasings are split into (default 4); each article keeps at least one phrasing in every model
 */
export function crossValidatePhrasings(articles: readonly AssistantArticle[], rules: RulesFile, folds = 4): CheckReport {
  const results: PhrasingResult[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const training = articles.map((article) => ({
      ...article,
      // Keep at least one phrasing so no article disappears from the fold's model.
      questions: article.questions.filter((_, index) => index % folds !== fold || article.questions.length <= 1),
    }));
    const model: AssistantModel = compileModel(training, rules);
    for (const article of articles) {
      if (article.questions.length <= 1) continue;
      article.questions.forEach((phrasing, index) => {
        if (index % folds !== fold) return;
        const reply = answer(model, phrasing);
        const position = reply.candidates.findIndex((candidate) => candidate.articleId === article.id);
        results.push({
          articleId: article.id,
          phrasing,
          top: reply.candidates[0]?.articleId ?? null,
          rank: position + 1,
          action: reply.action === 'rule' ? `rule ${reply.ruleId}` : reply.action,
          confidence: reply.confidence,
        });
      });
    }
  }
  const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const confusions = new Map<string, number>();
  for (const result of results) {
    if (result.rank === 1 || result.top === null) continue;
    const key = `${result.articleId}\u0000${result.top}`;
    confusions.set(key, (confusions.get(key) ?? 0) + 1);
  }
  return {
    phrasings: results.length,
    top1: share(results.filter((result) => result.rank === 1).length, results.length),
    top3: share(results.filter((result) => result.rank >= 1 && result.rank <= 3).length, results.length),
    articles: articles
      .map((article) => {
        const own = results.filter((result) => result.articleId === article.id);
        return {
          articleId: article.id,
          title: article.title,
          phrasings: own.length,
          top1: share(own.filter((result) => result.rank === 1).length, own.length),
        };
      })
      .sort((a, b) => a.top1 - b.top1 || (a.articleId < b.articleId ? -1 : 1)),
    confusions: [...confusions]
      .map(([key, count]) => {
        const [from, to] = key.split('\u0000') as [string, string];
        return { from, to, count };
      })
      .sort((a, b) => b.count - a.count || (a.from < b.from ? -1 : 1)),
    misses: results.filter((result) => result.rank !== 1),
  };
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** The report as text for a content writer. */
export function formatCheck(locale: string, report: CheckReport, limit = 15): string {
  const lines = [
    `# ${locale}: ${report.phrasings} phrasings, cross-validated`,
    `own article first: ${percent(report.top1)}, in the first three: ${percent(report.top3)}`,
    '',
    'Weakest articles (share of their phrasings that find them first):',
    ...report.articles
      .filter((article) => article.top1 < 1)
      .slice(0, limit)
      .map((article) => `  ${percent(article.top1).padStart(7)}  ${article.articleId} (${article.title}), ${article.phrasings} phrasings`),
    '',
    'Most confused (phrasings of the first that land on the second):',
    ...report.confusions.slice(0, limit).map((pair) => `  ${String(pair.count).padStart(3)}  ${pair.from} → ${pair.to}`),
    '',
    'Phrasings that pull towards another article (sharpen or move them):',
    ...report.misses
      .sort((a, b) => b.confidence - a.confidence)
      .slice(0, limit * 2)
      .map((miss) => `  ${miss.articleId}: "${miss.phrasing}" → ${miss.top} (${miss.action}, confidence ${miss.confidence.toFixed(2)})`),
  ];
  if (report.articles.every((article) => article.top1 === 1)) lines.splice(3, 2, 'Every article finds all of its phrasings first.');
  return `${lines.join('\n')}\n`;
}
