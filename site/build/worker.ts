/**
 * Worker thread of the build (started by artifacts.ts): makes the search
 * index files and assistant model of each locale it is given, in turn, from
 * content/, off the thread that bundles and renders the pages, and posts
 * each locale's as soon as it is made.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Locale } from '#core/locale.ts';
import { assistantModelFile } from '../chat/model-asset.ts';
import { searchIndexFile } from '../content/site-data.ts';
import type { LocaleArtifacts } from './state.ts';

const { locales } = workerData as { locales: Locale[] };
for (const locale of locales) {
  const artifacts: LocaleArtifacts = { search: searchIndexFile(locale), model: assistantModelFile(locale) };
  parentPort?.postMessage({ locale, artifacts });
}
