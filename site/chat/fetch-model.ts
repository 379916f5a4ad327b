/**
 * Fetches the assistant model of a locale once per page; a failed fetch is
 * forgotten, so the next open (or the connection coming back) tries again.
 *
 * The page names the model the site was built with. Phrasings agents have
 * approved since are compiled into a live model by the API
 * (api/phrasings/live-model.ts): {@link modelOfLocale} asks the API which one
 * is current and falls back to the page's own when the API says none, or
 * cannot be reached (a site served without the API, or offline).
 */
import type { Locale } from '#core/locale.ts';
import { loadStemmer } from '#core/language/analysis.ts';
import { loadModel } from '#core/assistant/answer.ts';
import { phrasingsFileName, readModelAsset, readPhrasings } from '#core/assistant/asset.ts';
import type { AssistantModel } from '#core/assistant/model.ts';

let models: Map<string, Promise<AssistantModel>> | undefined;
/** Where each loaded model came from: its phrasings' file lies beside it. */
const sources = new WeakMap<AssistantModel, string>();
const phrasings = new WeakMap<AssistantModel, Promise<Map<string, string[]>>>();

/** The model at `url` (site/chat/model-asset.ts names it), fetched at most once while it succeeds. */
export function fetchModel(url: string, locale: Locale): Promise<AssistantModel> {
  models ??= new Map();
  let model = models.get(url);
  if (!model) {
    // The language's stemmer, fetched beside the model (core/language/analysis.ts).
    const stemmer = loadStemmer(locale);
    model = fetch(url).then((r) => {
      if (!r.ok || !r.body) throw new Error(`Wegwijs assistant: ${url} answered ${r.status}`);
      return Promise.all([readModelAsset(r.body), stemmer]).then(([loaded]) => {
        // Unpack it now, while the customer is still typing: not after Enter, on the first answer.
        loadModel(loaded);
        sources.set(loaded, url);
        return loaded;
      });
    });
    model.catch(() => models?.delete(url));
    models.set(url, model);
  }
  return model;
}

/**
 * The phrasings of `model`'s articles (per article id), which its asset
 * leaves out: fetched once, when a hand-off's explanations need them
 * (core/assistant/asset.ts). A failed fetch is forgotten, like a model's.
 */
export function fetchPhrasings(model: AssistantModel): Promise<Map<string, string[]>> {
  let found = phrasings.get(model);
  if (!found) {
    const url = sources.get(model);
    if (!url) return Promise.reject(new Error('Wegwijs assistant: this model was not fetched, so its phrasings are not known'));
    found = fetch(phrasingsFileName(url)).then((r) => {
      if (!r.ok || !r.body) throw new Error(`Wegwijs assistant: ${phrasingsFileName(url)} answered ${r.status}`);
      return readPhrasings(r.body);
    });
    found.catch(() => phrasings.delete(model));
    phrasings.set(model, found);
  }
  return found;
}

/** Where the API says which model of a locale is current. */
export const LIVE_MODEL_PATH = '/api/assistant/models/';

/**
 * The current model of `locale`: the live one when the API names one, else
 * the page's own (`pageUrl`). A live model that fails to load falls back to
 * the page's own too: the customer gets an assistant either way.
 */
export async function modelOfLocale(locale: Locale, pageUrl: string): Promise<AssistantModel> {
  let live: string | null = null;
  try {
    const answer = await fetch(`${LIVE_MODEL_PATH}${locale}`, { headers: { accept: 'application/json' } });
    if (answer.ok) {
      const { url } = (await answer.json()) as { url?: unknown };
      // Only a path on this origin under the live models: nothing else is loaded as a model.
      if (typeof url === 'string' && url.startsWith(`${LIVE_MODEL_PATH}live/`)) live = url;
    }
  } catch {
    // No API here, or offline: the page's own model.
  }
  if (live) {
    try {
      return await fetchModel(live, locale);
    } catch {
      // Replaced in the meantime, or the API went away: the page's own model.
    }
  }
  return fetchModel(pageUrl, locale);
}
