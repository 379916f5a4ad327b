import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTsconfig } from './check-beside-vitest.ts';

describe('checkTsconfig', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wegwijs-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the generated types from the copy and everything else from the project, as seen from the copy's folder", () => {
    expect(checkTsconfig(path.resolve(import.meta.dirname, '..', 'tsconfig.json'))).toEqual({
      extends: '../tsconfig.json',
      include: ['types.d.ts', '../core/**/*', '../site/**/*', '../api/**/*', '../bench/**/*', '../test/**/*', '../*.ts', '../*.mjs'],
    });
  });

  it('refuses a tsconfig that no longer includes .astro/types.d.ts, rather than checking without the generated types', () => {
    const tsconfig = path.join(dir, 'tsconfig.json');
    // Comments, as tsconfig.json has them.
    writeFileSync(tsconfig, '{\n  // no generated types\n  "include": ["site/**/*"]\n}\n');
    expect(() => checkTsconfig(tsconfig)).toThrow(`check-beside-vitest: ${tsconfig} no longer includes .astro/types.d.ts; update test/check-beside-vitest.ts`);
  });
});
