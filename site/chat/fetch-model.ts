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
import { loadModel } from '#core/assistant/answer.ts';
import { readModelAsset } from '#core/assistant/asset.ts';
import type { AssistantModel } from '#core/assistant/model.ts';

let models: Map<string, Promise<AssistantModel>> | undefined;

/** The model at `url` (site/chat/model-asset.ts names it), fetched at most once while it succeeds. */
export function fetchModel(url: string): Promise<AssistantModel> {
  models ??= new Map();
  let model = models.get(url);
  if (!model) {
    model = fetch(url).then((r) => {
      if (!r.ok || !r.body) throw new Error(`Wegwijs assistant: ${url} answered ${r.status}`);
      return readModelAsset(r.body).then((loaded) => {
        // Unpack it now, while the customer is still typing: not after Enter, on the first answer.
        loadModel(loaded);
        return loaded;
      });
    });
    model.catch(() => models?.delete(url));
    models.set(url, model);
  }
  return model;
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
      return await fetchModel(live);
    } catch {
      // Replaced in the meantime, or the API went away: the page's own model.
    }
  }
  return fetchModel(pageUrl);
}
