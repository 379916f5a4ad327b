import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDist } from '../test/dist.ts';
import { contentSecurityPolicy, hashSource, inlineHashesOf, inlineHashesOfSite } from './content-security-policy.ts';
import { demoDist } from '../../test/demo-dist.ts';

// The demo site, built in the background by the global setup (this file runs after the files that do not need it).
const builtDemo = await demoDist();

describe('inlineHashesOf', () => {
  it('hashes inline scripts and styles, not external scripts or data blocks', () => {
    const html = `<html><head><style>:root{--brand:#0b5d44}</style><script type="application/ld+json">{"@type":"FAQPage"}</script>
      <script src="/_astro/x.js"></script><script type="module">import('/_astro/y.js')</script></head>
      <body><script>(()=>{window.a=1})()</script></body></html>`;
    expect(inlineHashesOf(html)).toEqual({
      scripts: [hashSource("import('/_astro/y.js')"), hashSource('(()=>{window.a=1})()')],
      styles: [hashSource(':root{--brand:#0b5d44}')],
    });
  });

  it('hashes like the browser: SHA-256 of the UTF-8 text, base64', () => {
    // From the CSP Level 3 specification's example: alert('Hello, world.');
    expect(hashSource("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
  });
});

describe('the policy', () => {
  const dist = writeDist({ 'a/index.html': '<style>p{}</style><script>1</script>', 'b/index.html': '<script>1</script>', 'c.txt': '<script>2</script>' });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('collects each hash once over the whole site, from HTML files only', () => {
    expect(inlineHashesOfSite(dist)).toEqual({ scripts: [hashSource('1')], styles: [hashSource('p{}')] });
    expect(inlineHashesOfSite(path.join(dist, 'missing'))).toEqual({ scripts: [], styles: [] });
  });

  it('allows only this origin and the hashed inline code', () => {
    const policy = contentSecurityPolicy({ scripts: ["'sha256-a'"], styles: ["'sha256-b'"] });
    expect(policy.scriptSrc).toEqual(["'self'", "'sha256-a'"]);
    expect(policy.styleSrc).toEqual(["'self'", "'sha256-b'"]);
    expect(JSON.stringify(policy)).not.toMatch(/unsafe|\*/);
    expect(policy.objectSrc).toEqual(["'none'"]);
    expect(policy.frameAncestors).toEqual(["'self'"]);
  });
});

describe('the demo site', () => {
  const demo = builtDemo;
  const pages: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.html')) pages.push(file);
    }
  };
  walk(demo);

  it('has every inline script and style covered by the policy', () => {
    const { scripts, styles } = inlineHashesOfSite(demo);
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      const found = inlineHashesOf(readFileSync(page, 'utf8'));
      for (const hash of found.scripts) expect(scripts, page).toContain(hash);
      for (const hash of found.styles) expect(styles, page).toContain(hash);
    }
  });

  it('uses nothing a hash cannot allow: no inline event handlers, style attributes or javascript: URLs', () => {
    for (const page of pages) {
      const html = readFileSync(page, 'utf8').replace(/<script\b[\s\S]*?<\/script>/gi, '');
      expect(html, page).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
      expect(html, page).not.toMatch(/<[^>]+\sstyle\s*=/i);
      expect(html, page).not.toMatch(/javascript:/i);
    }
  });
});
