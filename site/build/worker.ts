/**
 * Worker thread of the build (started by artifacts.ts): makes the tasks it
 * is given (a locale's search index files, or its assistant model), in turn,
 * off the thread that bundles and renders the pages, and posts each as soon
 * as it is made. Content comes from the build (read once, in the worker's
 * data or as its first message); without it, the worker reads content/
 * itself. A worker loads only the code of the kinds it makes: a search-index
 * worker never loads the assistant compiler.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Content } from '#core/content/load.node.ts';
import type { ArtifactTask, WorkerData } from './artifacts.ts';
import { setBuildState } from './state.ts';

const { tasks, content: given } = workerData as WorkerData;
// Loading starts first, so it runs while the build reads content/.
const siteData = import('../content/site-data.ts');
const modelAsset = tasks.some((task) => task.kind === 'model') ? import('../chat/model-asset.ts') : null;
// 'to follow': the read comes as the first message.
const content = given === 'to follow' ? await new Promise<Content>((resolve) => parentPort?.once('message', resolve)) : given;
const { contentRoot, searchIndexFile } = await siteData;
// This thread's own build state: getContent() then returns the build's content instead of reading content/ again.
if (content) setBuildState({ contentRoot: contentRoot(), content, artifacts: new Map() });
const assistant = await modelAsset;
for (const task of tasks as readonly ArtifactTask[]) {
  const file = task.kind === 'search' ? searchIndexFile(task.locale) : assistant!.assistantModelFile(task.locale);
  parentPort?.postMessage({ ...task, file });
}
