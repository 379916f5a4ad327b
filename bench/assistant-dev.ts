/**
 * Method choices by k-fold cross-validation on the non-test part of BANKING77
 * (train + calibration messages; the test split is never touched):
 *
 *   node --experimental-strip-types bench/assistant-dev.ts '[{}, {"features": {"charMax": 5}}]'
 *
 * Each argument entry is a set of compile options (CompileOptionsInput);
 * prints mean top-1 and top-3 accuracy with 10 and with all phrasings per
 * article, and (OOS=1) the out-of-scope figure: ten in-scope intents per fold
 * are left out of a second model, the threshold is set to refuse 65 % of
 * their messages, and in-scope accuracy (refusals wrong) is read at it.
 * FOLDS (default 4) sets k; PHRASINGS=few or all runs one setting only.
 * The figures in docs/benchmarks.md come from bench/assistant.ts, never from here.
 */
import { confidenceOf, rank } from '#core/assistant/answer.ts';
import { compileModel, type CompileOptionsInput } from '#core/assistant/compile.ts';
import type { AssistantModel } from '#core/assistant/model.ts';
import { heldOrder, inScope, rules, settings, splits, withOutOfScope } from './assistant-research.ts';
import { articlesOf, devSplit, type IntentSplit } from './banking77.ts';

const folds = Number(process.env.FOLDS ?? 4);

interface Sample {
  confidence: number;
  right: boolean;
  outOfScope: boolean;
}

function samples(model: AssistantModel, dev: Map<string, IntentSplit>, held: ReadonlySet<string>): Sample[] {
  return inScope.flatMap((intent) =>
    dev.get(intent)!.calibration.map((text) => {
      const ranked = rank(model, text);
      return { confidence: confidenceOf(ranked[0]?.score ?? 0, model.articles.length), right: ranked[0]?.articleId === intent, outOfScope: held.has(intent) };
    }),
  );
}

/** In-scope accuracy (refusals wrong) at the threshold that refuses 65 % of the out-of-scope samples. */
function accuracyAtRefusal(all: Sample[], share = 0.65): number {
  const out = all.filter((s) => s.outOfScope).map((s) => s.confidence).sort((a, b) => a - b);
  const threshold = out[Math.ceil(share * out.length) - 1]! + 1e-9;
  const kept = all.filter((s) => !s.outOfScope);
  return kept.filter((s) => s.right && s.confidence >= threshold).length / kept.length;
}

const variants = JSON.parse(process.argv[2] ?? '[{}]') as CompileOptionsInput[];
const mean = (values: number[]) => ((100 * values.reduce((sum, value) => sum + value, 0)) / values.length).toFixed(1);
for (const options of variants) {
  const started = performance.now();
  const figures: string[] = [];
  for (const [key, phrasings] of settings) {
    const top1: number[] = [];
    const top3: number[] = [];
    const oos: Sample[] = [];
    for (let fold = 0; fold < folds; fold++) {
      const dev = devSplit(splits, fold, folds);
      const model = compileModel(articlesOf(dev, inScope, phrasings), rules, options);
      let right = 0;
      let inTop3 = 0;
      let total = 0;
      for (const intent of inScope) {
        for (const text of dev.get(intent)!.calibration) {
          total++;
          const ranked = rank(model, text).slice(0, 3).map((c) => c.articleId);
          if (ranked[0] === intent) right++;
          if (ranked.includes(intent)) inTop3++;
        }
      }
      top1.push(right / total);
      top3.push(inTop3 / total);
      if (withOutOfScope) {
        const held = new Set(heldOrder.slice((fold * 10) % 60, (fold * 10) % 60 + 10));
        const partial = compileModel(articlesOf(dev, inScope.filter((intent) => !held.has(intent)), phrasings), rules, options);
        oos.push(...samples(partial, dev, held));
      }
    }
    figures.push(`${key}: top-1 ${mean(top1)} % top-3 ${mean(top3)} %${withOutOfScope ? ` in-scope@65%OOS ${(100 * accuracyAtRefusal(oos)).toFixed(1)} %` : ''}`);
  }
  console.log(`${JSON.stringify(options)}  ${figures.join('  ')}  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
