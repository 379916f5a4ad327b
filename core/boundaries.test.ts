/**
 * The layers' rules: `core/` is shared by the site and the API and imports
 * neither; the API never imports the site; the site's browser code takes
 * only types from the API (`import type`: the wire types are the API's zod
 * schemas, and no server code reaches the bundle). Tests may import the API
 * (they start it). A test rather than a convention, so a shortcut import
 * fails here instead of surfacing as a tangled build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Source files under `folder`, relative to the repository. */
function sourcesIn(folder: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'fixtures') visit(rel);
      } else if (/\.(ts|tsx|astro|mjs)$/.test(entry.name) && rel !== 'core/boundaries.test.ts') found.push(rel);
    }
  };
  visit(folder);
  return found;
}

/** Top-level folder each import of `file` reaches (`core`, `site`, `api`…); packages are skipped. */
function importedFolders(file: string, source: string): string[] {
  const folders: string[] = [];
  for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    if (!specifier) continue;
    let target: string;
    if (specifier.startsWith('#core/')) target = specifier.slice(1);
    else if (specifier.startsWith('.')) target = path.join(path.dirname(file), specifier);
    else continue;
    folders.push(target.split(path.sep)[0] ?? '');
  }
  return folders;
}

/** Top-level folders `file` imports as values: `import type` / `export type` statements are erased and skipped. */
function valueImportedFolders(file: string, source: string): string[] {
  const values = source.replace(/\b(?:import|export)\s+type\s[^;]*?from\s*['"][^'"]+['"]/g, '');
  return importedFolders(file, values);
}

function violations(folder: string, forbidden: readonly string[]): string[] {
  return sourcesIn(folder).flatMap((file) =>
    importedFolders(file, readFileSync(path.join(ROOT, file), 'utf8'))
      .filter((target) => forbidden.includes(target))
      .map((target) => `${file} imports ${target}/`),
  );
}

describe('layer boundaries', () => {
  it('core/ imports neither site/ nor api/', () => {
    expect(violations('core', ['site', 'api'])).toEqual([]);
  });

  it('api/ does not import site/', () => {
    expect(violations('api', ['site'])).toEqual([]);
  });

  it('site/ takes only types from api/ (tests aside)', () => {
    const found = sourcesIn('site')
      .filter((file) => !/\.test\.tsx?$/.test(file))
      .flatMap((file) =>
        valueImportedFolders(file, readFileSync(path.join(ROOT, file), 'utf8'))
          .filter((target) => target === 'api')
          .map(() => `${file} imports api/ as a value`),
      );
    expect(found).toEqual([]);
  });

  it('the customer islands (chat, search, feedback) import neither React nor preact/compat', () => {
    // With @astrojs/react beside @astrojs/preact, a `react` import there would bring React DOM into the customer's download.
    const reactImport = /(?:from|import)\s*\(?\s*['"](react|react-dom|react\/[^'"]*|preact\/compat)['"]/;
    const found = ['site/chat', 'site/search', 'site/feedback'].flatMap((folder) =>
      sourcesIn(folder)
        .filter((file) => !/\.test\.tsx?$/.test(file) && reactImport.test(readFileSync(path.join(ROOT, file), 'utf8')))
        .map((file) => `${file} imports React`),
    );
    expect(found).toEqual([]);
    expect(reactImport.test("import { useState } from 'react';")).toBe(true);
  });

  it('sees a forbidden import when there is one', () => {
    expect(importedFolders('api/x/y.ts', "import { a } from '../../site/chat/outbox.ts';")).toEqual(['site']);
    expect(importedFolders('core/a.ts', "const m = await import('../api/app.ts');")).toEqual(['api']);
    expect(importedFolders('site/a.ts', "import { b } from '#core/locale.ts';")).toEqual(['core']);
    expect(valueImportedFolders('site/x/a.ts', "import type { T } from '../../api/x.ts';\nexport type { U } from '../../api/y.ts';")).toEqual([]);
    expect(valueImportedFolders('site/x/a.ts', "import { type T, v } from '../../api/x.ts';")).toEqual(['api']);
    expect(valueImportedFolders('site/x/a.ts', "import {\n  type T,\n} from '../../api/x.ts';")).toEqual(['api']);
  });
});
