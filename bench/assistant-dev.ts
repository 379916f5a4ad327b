/**
 * Method selection for the assistant without touching the test split:
 * k-fold cross-validation on BANKING77's train + calibration parts only.
 *
 *   node --experimental-strip-types bench/assistant-dev.ts '[{}, {"features": {"charMax": 5}}]'
 *
 * Each argument entry is a set of compile options (CompileOptionsInput);
 * prints mean top-1 accuracy with 10 and with all phrasings per article.
 * FOLDS (default 4) sets k. The figures in docs/benchmarks.md come from
 * bench/assistant.ts, never from here.
 */
import { rank } from '../site/assistant/answer.ts';
import { compileModel, type CompileOptionsInput } from '../site/assistant/compile.ts';
import { mulberry32, shuffleInPlace } from '../site/assistant/softmax.ts';
import { articlesOf, pickIntents, readBanking77, splitByIntent, type IntentSplit } from './banking77.ts';

const splits = splitByIntent(readBanking77(), 77);
const intents = [...splits.keys()];
const outOfScope = new Set(pickIntents(intents, 10, 7));
const inScope = intents.filter((intent) => !outOfScope.has(intent));
const folds = Number(process.env.FOLDS ?? 4);

/** Fold `fold` of the non-test messages: its share is evaluated, the rest trains. */
function devSplit(fold: number): Map<string, IntentSplit> {
  const dev = new Map<string, IntentSplit>();
  intents.forEach((intent, index) => {
    const { train, calibration } = splits.get(intent)!;
    const pool = shuffleInPlace([...train, ...calibration], mulberry32(1000 + index));
    const size = Math.ceil(pool.length / folds);
    const held = new Set(pool.slice(fold * size, (fold + 1) * size));
    dev.set(intent, { train: pool.filter((text) => !held.has(text)), calibration: [...held], test: [] });
  });
  return dev;
}

const variants = JSON.parse(process.argv[2] ?? '[{}]') as CompileOptionsInput[];
const mean = (values: number[]) => ((100 * values.reduce((sum, value) => sum + value, 0)) / values.length).toFixed(1);
for (const options of variants) {
  const accuracy = { few: [] as number[], all: [] as number[] };
  for (let fold = 0; fold < folds; fold++) {
    const dev = devSplit(fold);
    for (const [key, phrasings] of [['few', 10], ['all', Infinity]] as const) {
      const model = compileModel(articlesOf(dev, inScope, phrasings), { locale: 'en', rules: [], synonyms: [] }, options);
      let right = 0;
      let total = 0;
      for (const intent of inScope) {
        for (const text of dev.get(intent)!.calibration) {
          total++;
          if (rank(model, text)[0]?.articleId === intent) right++;
        }
      }
      accuracy[key].push(right / total);
    }
  }
  console.log(`${JSON.stringify(options)}  top-1 with 10: ${mean(accuracy.few)} %  with all: ${mean(accuracy.all)} %`);
}
