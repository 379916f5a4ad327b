/**
 * Fetches the assistant model of a locale once per page; a failed fetch is
 * forgotten, so the next open (or the connection coming back) tries again.
 */
import type { AssistantModel } from '#core/assistant/model.ts';

let models: Map<string, Promise<AssistantModel>> | undefined;

/** The model at `url` (site/chat/model-asset.ts names it), fetched at most once while it succeeds. */
export function fetchModel(url: string): Promise<AssistantModel> {
  models ??= new Map();
  let model = models.get(url);
  if (!model) {
    model = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`Wegwijs assistant: ${url} answered ${r.status}`);
      return r.json() as Promise<AssistantModel>;
    });
    model.catch(() => models?.delete(url));
    models.set(url, model);
  }
  return model;
}
