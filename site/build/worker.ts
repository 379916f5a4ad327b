/**
 * Worker thread of the build (started by artifacts.ts): makes the search
 * index files and assistant model of each locale it is given, in turn, off
 * the thread that bundles and renders the pages, and posts each locale's as
 * soon as it is made. Content comes from the build (read once, in the
 * worker's data or as its first message); without it, the worker reads
 * content/ itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { assistantModelFile } from '../chat/model-asset.ts';
import { contentRoot, searchIndexFile } from '../content/site-data.ts';
import type { Content } from '#core/content/load.node.ts';
import type { WorkerData } from './artifacts.ts';
import { type LocaleArtifacts, setBuildState } from './state.ts';

const { locales, content: given } = workerData as WorkerData;
// 'to follow': this thread loaded its modules while the build read content/; the read comes as the first message.
const content = given === 'to follow' ? await new Promise<Content>((resolve) => parentPort?.once('message', resolve)) : given;
// This thread's own build state: getContent() then returns the build's content instead of reading content/ again.
if (content) setBuildState({ contentRoot: contentRoot(), content, artifacts: new Map() });
for (const locale of locales) {
  const artifacts: LocaleArtifacts = { search: searchIndexFile(locale), model: assistantModelFile(locale) };
  parentPort?.postMessage({ locale, artifacts });
}
