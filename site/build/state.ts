/**
 * The running build's shared state, one per process. Astro runs the build
 * integration, the content loader and the pages in one process but in
 * separately bundled copies of the site's modules, so module-level caches
 * are not shared between them; this slot on `globalThis` is. Only
 * `astro build` sets it (site/build/integration.ts); elsewhere (`astro dev`,
 * tests, CLIs) every reader falls back to its own work, as before.
 */
import type { Content } from '#core/content/load.node.ts';
import type { Locale } from '#core/locale.ts';
import type { ModelFile } from '../chat/model-asset.ts';
import type { SearchIndexFile } from '../content/site-data.ts';

/** What one locale's pages link and the build writes under /search-index/ and /assistant-model/. */
export interface LocaleArtifacts {
  search: SearchIndexFile;
  model: ModelFile;
}

/** The build's shared state. */
export interface BuildState {
  /** The folder holding content/ this state is for (`CONTENT_ROOT`, else the working directory). */
  contentRoot: string;
  /** Content read and validated once for the whole build. */
  content?: Content;
  artifacts: Map<Locale, Promise<LocaleArtifacts>>;
  /** The artifacts already made (from the cache, or a worker that finished): pages link these by their real names. */
  ready?: Map<Locale, LocaleArtifacts>;
  /**
   * Set when a page linked a placeholder name because its locale's artifacts
   * were still being made; the end of the build puts the real names in
   * (artifacts.ts, {@link import('./artifacts.ts').writeArtifacts}).
   */
  placeholders?: boolean;
}

const STATE = Symbol.for('wegwijs.build');
type Global = typeof globalThis & { [STATE]?: BuildState };

/** The running build's state for `contentRoot`, if a build set one. */
export function buildState(contentRoot: string): BuildState | undefined {
  const state = (globalThis as Global)[STATE];
  return state?.contentRoot === contentRoot ? state : undefined;
}

/** Sets the running build's state (the integration, once per build), or clears it when the build is done. */
export function setBuildState(state: BuildState | undefined): void {
  (globalThis as Global)[STATE] = state;
}
