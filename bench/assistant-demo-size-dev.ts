// Research script (removed in the next commit): demo asset gzip bytes, compile CPU and answer() latency on the development set (never the held-out set), per compile options.
import { gzipSync } from 'node:zlib';
import { encodeModelAsset } from '../core/assistant/asset.ts';
import { answer, loadModel } from '../core/assistant/answer.ts';
import { compileModel } from '../core/assistant/compile.ts';
import { readAssistantContent } from '../core/assistant/content.node.ts';
import { readDevSet } from '../core/assistant/devset.node.ts';
for (const locale of ['nl', 'en'] as const) {
  const { articles, rules } = readAssistantContent(new URL('..', import.meta.url).pathname, locale);
  const rows = readDevSet(locale);
  for (const o of process.argv.slice(2)) {
    const before = process.cpuUsage();
    const compiled = compileModel(articles, rules, JSON.parse(o));
    const cpu = process.cpuUsage(before);
    const bytes = gzipSync(encodeModelAsset(compiled), { level: 9 }).length;
    const model = JSON.parse(JSON.stringify(compiled));
    loadModel(model);
    for (const row of rows) answer(model, row.text);
    const times = rows
      .map((row) => {
        const s = performance.now();
        answer(model, `${row.text} ?`);
        return performance.now() - s;
      })
      .sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(3);
    console.log(
      `${locale} ${o}: asset gzip ${bytes} B, ${compiled.weights.count} features, compile CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, answer p50 ${p(0.5)} ms p95 ${p(0.95)} ms`,
    );
  }
}
