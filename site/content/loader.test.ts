/**
 * The articles loader against a content store with the methods a loader uses
 * (Astro's own store class is internal to the astro package): what it stores,
 * and when it renders a body again.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publishedArticles } from '#core/content/load.node.ts';
import { articlesLoader } from './loader.ts';
import { getContent } from './site-data.ts';

interface Entry {
  id: string;
  data: Record<string, unknown>;
  body?: string;
  filePath?: string;
  digest?: string;
  rendered?: { html: string; metadata?: Record<string, unknown> };
}

function contentStore() {
  const entries = new Map<string, Entry>();
  return {
    entries,
    get: (id: string) => entries.get(id),
    set: (entry: Entry) => {
      entries.set(entry.id, structuredClone(entry));
      return true;
    },
    keys: () => entries.keys(),
    delete: (id: string) => void entries.delete(id),
  };
}

/** One load of the loader into `store`; the bodies it rendered. */
async function load(
  store: ReturnType<typeof contentStore>,
  parse: (data: Record<string, unknown>) => Record<string, unknown> = (data) => data,
): Promise<string[]> {
  const rendered: string[] = [];
  const context = {
    store,
    parseData: async ({ data }: { data: Record<string, unknown> }) => parse(data),
    renderMarkdown: async (body: string) => {
      rendered.push(body);
      return { html: `<p>${body.length} characters</p>`, metadata: { headings: [] } };
    },
    generateDigest: (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 16),
  };
  await (articlesLoader().load as (context: unknown) => Promise<void>)(context);
  return rendered;
}

describe('the articles loader', () => {
  const articles = publishedArticles(getContent());

  it('stores every published article with its rendered HTML, and no body (Astro bundles the whole store)', async () => {
    const store = contentStore();
    const rendered = await load(store);
    expect(rendered).toHaveLength(articles.length);
    expect([...store.entries.keys()].sort()).toEqual(articles.map((a) => a.id).sort());
    for (const entry of store.entries.values()) {
      expect(entry.body).toBeUndefined();
      expect(entry.rendered?.html).toMatch(/^<p>\d+ characters<\/p>$/);
      expect(entry.rendered?.metadata?.['headings']).toEqual([]);
    }
  });

  it('renders nothing again when nothing changed, nor when only the frontmatter did', async () => {
    const store = contentStore();
    await load(store);
    expect(await load(store)).toEqual([]);
    const retitled = await load(store, (data) => ({ ...data, title: `${String(data['title'])} (bijgewerkt)` }));
    expect(retitled).toEqual([]);
    const first = store.entries.get(articles[0]!.id)!;
    expect(first.data['title']).toBe(`${articles[0]!.title} (bijgewerkt)`);
    expect(first.rendered?.html).toBe(`<p>${articles[0]!.body.length} characters</p>`);
  });

  it('renders an article again when its body changed', async () => {
    const store = contentStore();
    await load(store);
    const article = articles[0]!;
    const body = article.body;
    try {
      article.body = `${body}\n\nNog een zin erbij.`;
      expect(await load(store)).toEqual([article.body]);
      expect(store.entries.get(article.id)?.rendered?.html).toBe(`<p>${article.body.length} characters</p>`);
    } finally {
      article.body = body;
    }
  });
});
