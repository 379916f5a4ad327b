/**
 * The assistant of the demo content (the repository's content/), compiled
 * once per locale and process: the table tests, the dev set and the policy
 * tests all ask it, and a compile takes seconds.
 */
import { fileURLToPath } from 'node:url';
import type { Locale } from '../locale.ts';
import { compileModel } from './compile.ts';
import { readAssistantContent } from './content.node.ts';
import type { AssistantModel } from './model.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const models = new Map<Locale, AssistantModel>();

/** The demo content's model of `locale`, compiled on first use. */
export function demoModel(locale: Locale): AssistantModel {
  let model = models.get(locale);
  if (!model) {
    const { articles, rules } = readAssistantContent(root, locale);
    model = compileModel(articles, rules);
    models.set(locale, model);
  }
  return model;
}
