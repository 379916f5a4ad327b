// Research script (removed in the next commit; take it from history to run again): dev-set figures when every article keeps only its first K phrasings.
// node --experimental-strip-types bench/assistant-body-dev.ts 5 '{}' '{"sources":{"bodyPhrasings":15}}'
import { compileModel } from '../core/assistant/compile.ts';
import { readAssistantContent } from '../core/assistant/content.node.ts';
import { evaluate, figuresOf, readDevSet } from '../core/assistant/devset.node.ts';
const [k, ...optionArgs] = process.argv.slice(2);
const f = (v: number) => (v * 100).toFixed(1);
for (const locale of ['nl', 'en'] as const) {
  const { articles, rules } = readAssistantContent(new URL('..', import.meta.url).pathname, locale);
  const few = articles.map((a) => ({ ...a, questions: a.questions.slice(0, Number(k)) }));
  const phr = articles.reduce((s, a) => s + a.questions.length, 0) / articles.length;
  const out = [];
  for (const o of optionArgs) {
    const fig = figuresOf(evaluate(compileModel(few, rules, JSON.parse(o)), readDevSet(locale)));
    out.push(`${o}: ${f(fig.answered)}/${f(fig.answeredOrOffered)}/${f(fig.top3)}/${f(fig.wrong)}/${f(fig.outOfScopeRefused)}`);
  }
  console.log(`${locale} (k=${k}, mean phrasings ${phr.toFixed(1)}): ${out.join(' | ')}`);
}
