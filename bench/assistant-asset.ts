/**
 * What the assistant's model asset is made of, and what a smaller one would
 * cost in answers: for the demo content's models, each part's bytes raw and
 * gzip (level 9, as the build writes it), then per set of compile options the
 * whole asset's gzip bytes beside the development and held-out sets' figures.
 *
 *   node --experimental-strip-types bench/assistant-asset.ts [--locales nl,en] ['{"weightLevels":7}' …]
 *
 * Without options: the shipped model's breakdown and figures. The parts are
 * gzipped alone, so they add up to a little more than the asset (gzip shares
 * nothing between them). The held-out set measures only: never tune on it.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadModel } from '../core/assistant/answer.ts';
import { assetParts, decodeModelAsset, encodeModelAsset, encodePhrasings } from '../core/assistant/asset.ts';
import { compileModel, type CompileOptionsInput } from '../core/assistant/compile.ts';
import { readAssistantContent } from '../core/assistant/content.node.ts';
import { evaluate, figuresOf, readDevSet } from '../core/assistant/devset.node.ts';
import type { Locale } from '../core/locale.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { locales: { type: 'string', default: 'nl,en' } } });
const root = fileURLToPath(new URL('..', import.meta.url));
const locales = values.locales.split(',') as Locale[];
const variants = (positionals.length > 0 ? positionals : ['{}']).map((text) => JSON.parse(text) as CompileOptionsInput);
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const gzip = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;
const percent = (share: number) => `${(share * 100).toFixed(1)}`;

const rows: string[] = [];
for (const locale of locales) {
  const { articles, rules } = readAssistantContent(root, locale);
  for (const [i, options] of variants.entries()) {
    const model = compileModel(articles, rules, options);
    if (i === 0) {
      console.log(`\n${locale} ${JSON.stringify(options)}: ${model.articles.length} articles, ${model.weights.count} features`);
      console.log('| part | raw | gzip |\n|---|---|---|');
      for (const [name, bytes] of assetParts(model)) console.log(`| ${name} | ${kb(bytes.length)} | ${kb(gzip(bytes))} |`);
      const phrasings = encodePhrasings(model);
      console.log(`| (apart, fetched for a hand-off) the phrasings' file | ${kb(phrasings.length)} | ${kb(gzip(phrasings))} |`);
      // What the browser does once the bytes are in (after gzip), decoding then unpacking for answering (loadModel):
      // CPU time, so other work on the machine counts less.
      const bytes = encodeModelAsset(model);
      const cpu = (work: () => void) => {
        const before = process.cpuUsage();
        work();
        const used = process.cpuUsage(before);
        return (used.user + used.system) / 1000;
      };
      const decoding: number[] = [];
      const unpacking: number[] = [];
      for (let run = 0; run < 9; run++) {
        let decoded: ReturnType<typeof decodeModelAsset> | undefined;
        decoding.push(cpu(() => (decoded = decodeModelAsset(bytes))));
        unpacking.push(cpu(() => loadModel(decoded!)));
      }
      const median = (runs: number[]) => runs.sort((a, b) => a - b)[4]!.toFixed(1);
      console.log(
        `decoding the asset: median ${median(decoding)} ms CPU of 9 (${decoding[0]!.toFixed(1)}–${decoding[8]!.toFixed(1)}), then loadModel ${median(unpacking)} ms (${unpacking[0]!.toFixed(1)}–${unpacking[8]!.toFixed(1)}), load average ${loadavg()[0]!.toFixed(1)}`,
      );
    }
    const asset = encodeModelAsset(model);
    // One byte per kept weight in the weights stream: the number of weights shipped.
    const weightCount = assetParts(model).find(([name]) => name === 'stream: weights')![1].length;
    const dev = figuresOf(evaluate(model, readDevSet(locale)));
    const held = figuresOf(evaluate(model, readDevSet(locale, 'heldout')));
    const figures = (f: typeof dev) => [f.answered, f.answeredOrOffered, f.wrong, f.outOfScopeRefused, f.rulesRecognised].map(percent).join(' / ');
    rows.push(
      `| ${locale} | \`${JSON.stringify(options)}\` | ${model.weights.count} | ${weightCount} | ${kb(gzip(asset))} | ${figures(dev)} | ${figures(held)} |`,
    );
  }
}
console.log('\nPer option set: answered outright / answered or offered / confidently wrong / out of scope refused / rules recognised, %');
console.log('| | compile options | features | weights | asset gzip | development set | held-out set |\n|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
