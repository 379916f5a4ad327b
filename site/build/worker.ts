/**
 * Worker thread of the build (started by artifacts.ts): makes one locale's
 * search index files and assistant model from content/, off the thread that
 * bundles and renders the pages, and posts them back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Locale } from '#core/locale.ts';
import { assistantModelFile } from '../chat/model-asset.ts';
import { searchIndexFile } from '../content/site-data.ts';
import type { LocaleArtifacts } from './state.ts';

const { locale } = workerData as { locale: Locale };
const artifacts: LocaleArtifacts = { search: searchIndexFile(locale), model: assistantModelFile(locale) };
parentPort?.postMessage(artifacts);
