import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSiteLocales } from './site-settings.ts';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function contentRootWith(settings: string | undefined): string {
  const root = mkdtempSync(path.join(tmpdir(), 'wegwijs-settings-'));
  roots.push(root);
  mkdirSync(path.join(root, 'content'));
  if (settings !== undefined) writeFileSync(path.join(root, 'content', 'settings.yaml'), settings);
  return root;
}

describe('readSiteLocales', () => {
  it('reads locales and default locale, ignoring the other settings', () => {
    const root = contentRootWith('productName: Test\nlocales: [en, nl]\ndefaultLocale: en\n');
    expect(readSiteLocales(root)).toEqual({ locales: ['en', 'nl'], defaultLocale: 'en' });
  });

  it('reads the real settings file', () => {
    const { locales, defaultLocale } = readSiteLocales(path.resolve(import.meta.dirname, '..'));
    expect(locales.length).toBeGreaterThan(0);
    expect(locales).toContain(defaultLocale);
  });

  it.each([
    ['locales: [nl]\ndefaultLocale: en\n', /settings\.yaml: defaultLocale: must be one of `locales`/],
    ['locales: [nl, de]\ndefaultLocale: nl\n', /settings\.yaml: locales\.1: /],
    ['locales: []\ndefaultLocale: nl\n', /settings\.yaml: locales: /],
    ['defaultLocale: nl\n', /settings\.yaml: locales: /],
    ['locales: [nl\n', /settings\.yaml: /],
  ])('names the problem in %j', (yaml, message) => {
    expect(() => readSiteLocales(contentRootWith(yaml))).toThrow(message);
  });

  it('says which file is missing', () => {
    expect(() => readSiteLocales(contentRootWith(undefined))).toThrow(/^Wegwijs: .*content\/settings\.yaml: ENOENT/);
  });
});
