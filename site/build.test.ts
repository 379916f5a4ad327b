/**
 * Builds the real site and two fixture sites with Astro, then checks the
 * output as a visitor and a crawler meet it: pages, links, weight, metadata.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFolder, runAstroBuild } from '../test/build-site.ts';
import { DEMO_WAIT_MS, demoDist } from '../test/demo-dist.ts';

const fixtures = path.join(import.meta.dirname, '../core/content/fixtures');
/** One TCP initial congestion window: 10 segments of 1,460 bytes (RFC 6928). */
const FIRST_ROUND_TRIP_BYTES = 10 * 1460;

const temp = buildFolder('build-test');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const build = (name: string, contentRoot: string) => runAstroBuild(path.join(temp, name), contentRoot);

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

const read = (file: string) => readFileSync(file, 'utf8');

describe('the demo site', () => {
  let dist = '';
  let pages: string[] = [];
  beforeAll(async () => {
    dist = await demoDist();
    pages = files(dist).filter((f) => f.endsWith('.html'));
  }, DEMO_WAIT_MS);

  const articlePages = () => pages.filter((f) => path.relative(dist, f).split(path.sep).length === 4);

  it('builds a home, categories, articles and search page per locale', () => {
    for (const locale of ['nl', 'en']) {
      expect(existsSync(path.join(dist, locale, 'index.html'))).toBe(true);
      expect(existsSync(path.join(dist, locale, 'search', 'index.html'))).toBe(true);
    }
    expect(existsSync(path.join(dist, '404.html'))).toBe(true);
    expect(articlePages().length).toBeGreaterThanOrEqual(80);
  });

  it('fits every article page, with its CSS and pre-interaction JavaScript, in one round trip', () => {
    for (const page of articlePages()) {
      const html = read(page);
      // Everything that runs before interaction must be inline: an external stylesheet or
      // a blocking script would be a second round trip.
      expect(html, page).not.toMatch(/<link[^>]+rel="stylesheet"/);
      expect(html, page).not.toMatch(/<script(?![^>]*type="application\/ld\+json")[^>]*\ssrc=/);
      expect(gzipSync(html, { level: 9 }).length, page).toBeLessThanOrEqual(FIRST_ROUND_TRIP_BYTES);
    }
  });

  it('loads no island code and no search index before interaction', () => {
    const html = read(articlePages()[0] ?? '');
    expect(html).toContain('client="interaction"');
    expect(html).not.toMatch(/<link[^>]+rel="modulepreload"/);
    expect(html).not.toMatch(/import\(["']\/search-index/);
  });

  it('links only to pages that exist', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, href] of read(page).matchAll(/\shref="(\/[^"#?]*)/g)) {
        const target = path.join(dist, decodeURIComponent(href ?? ''));
        if (!existsSync(target.endsWith('/') ? path.join(target, 'index.html') : target)) broken.push(`${path.relative(dist, page)} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('gives every page one h1 and no skipped heading levels', () => {
    for (const page of pages) {
      const levels = [...read(page).matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
      expect(
        levels.filter((l) => l === 1),
        page,
      ).toHaveLength(1);
      for (const [i, level] of levels.entries()) if (i > 0) expect(level - (levels[i - 1] ?? 1), page).toBeLessThanOrEqual(1);
    }
  });

  it('links each article to its translation with canonical and hreflang', () => {
    const html = read(path.join(dist, 'nl/bezorging/waar-is-mijn-pakket/index.html'));
    expect(html).toContain('<link rel="canonical" href="http://localhost:4321/nl/bezorging/waar-is-mijn-pakket/"');
    expect(html).toContain('hreflang="en" href="http://localhost:4321/en/delivery/where-is-my-parcel/"');
    expect(html).toMatch(/<a href="\/en\/delivery\/where-is-my-parcel\/" hreflang="en" lang="en">/);
  });

  it('describes the breadcrumbs as structured data', () => {
    const html = read(path.join(dist, 'en/delivery/where-is-my-parcel/index.html'));
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? '{}';
    const data = JSON.parse(json) as { '@type': string; itemListElement: { name: string; position: number }[] };
    expect(data['@type']).toBe('BreadcrumbList');
    expect(data.itemListElement.map((i) => i.name)).toEqual(['Home', 'Delivery', 'Where is my parcel?']);
  });

  it('lists every article in the sitemap and the sitemap in robots.txt', () => {
    const sitemap = read(path.join(dist, 'sitemap.xml'));
    for (const page of articlePages()) {
      const url = `http://localhost:4321/${path.relative(dist, path.dirname(page)).split(path.sep).join('/')}/`;
      expect(sitemap).toContain(`<loc>${url}</loc>`);
    }
    expect(read(path.join(dist, 'robots.txt'))).toContain('Sitemap: http://localhost:4321/sitemap.xml');
  });

  it('writes one search index per locale under a content hash', () => {
    const names = readdirSync(path.join(dist, 'search-index')).sort();
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^(nl|en)\.[0-9a-f]{10}\.json$/);
    const html = read(path.join(dist, 'nl/index.html'));
    expect(html).toContain(`/search-index/${names.find((n) => n.startsWith('nl.'))}`);
  });

  it('works without JavaScript: the search form submits to the results page', () => {
    const html = read(path.join(dist, 'nl/bezorging/index.html'));
    expect(html).toMatch(/<form[^>]*action="\/nl\/search\/"[^>]*method="get"/);
    expect(html).toMatch(/<input[^>]*name="q"/);
  });
});

describe('a site with a draft', () => {
  it('leaves the draft out of pages, sitemap and search index, also when an earlier build published it', () => {
    // The output folder of an earlier build in which the article was published: the build writes over that
    // folder instead of emptying it first, and must remove what it no longer writes (site/build/output-folder.ts).
    const dist = path.join(temp, 'fixture');
    const earlier = ['nl/bezorging/concept/index.html', 'search-index/nl.0123456789.json', 'assistant-model/nl.0123456789.bin'];
    for (const file of earlier) {
      mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
      writeFileSync(path.join(dist, file), 'Nog niet klaar: geheim concept');
    }
    const { status, output } = build('fixture', path.join(fixtures, 'valid'));
    expect(status, output).toBe(0);
    for (const file of earlier) expect(existsSync(path.join(dist, file)), file).toBe(false);
    expect(existsSync(path.join(dist, 'nl/bezorging/concept'))).toBe(false);
    const everything = files(dist).map(read).join('\n');
    expect(everything).toContain('Waar is mijn pakket?');
    expect(everything).not.toContain('Nog niet klaar');
    expect(everything).not.toContain('geheim concept');
  }, 180_000);
});

describe('a site with broken content', () => {
  it('fails to build, naming each file and field', () => {
    const { status, output } = build('broken', path.join(fixtures, 'broken'));
    expect(status).not.toBe(0);
    expect(output).toContain('content/articles/nl/verkeerde-taal.md: locale: is "en" but the file is in articles/nl/');
    expect(output).toContain('content/articles/nl/te-weinig-vragen.md: questions:');
  }, 180_000);
});
