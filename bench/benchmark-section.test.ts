import { describe, expect, it } from 'vitest';
import { withoutBefore, writeBlocks } from './benchmark-section.ts';

const HEADING = '## Site (npm run bench:site)';
const DOC = `# Benchmarks

## Assistant (npm run bench:assistant)

Assistant figures stay.

${HEADING}

### Earlier: written by hand

History that no run may drop.

## API (npm run bench:api)

API figures stay.
`;

const sizes = (when: string, wall1000: string, wall5000?: string) => `Measured ${when} with \`npm run bench:site\`.

| Figure | 1,000 articles per locale |${wall5000 ? ' 5,000 articles per locale |' : ''} Target |
|---|---|${wall5000 ? '---|' : ''}---|
| Build, wall time | ${wall1000} |${wall5000 ? ` ${wall5000} |` : ''} ≤ 45 s |
`;

const demo = (when: string, nl: string) => `The demo site in Chromium. Measured ${when} with \`npm run bench:site -- --demo-only\`.

| Figure | nl | en | Target |
|---|---|---|---|
| First search, gzip | ${nl} | 41.3 KB ✅ | ≤ 50 KB |
`;

describe('writing bench:site into docs/benchmarks.md', () => {
  it('replaces only the table of the mode that ran, with the figures it replaces beside the new ones', () => {
    const first = writeBlocks(DOC, HEADING, [
      { name: 'bench:site sizes', text: sizes('day 1', '39.4 s ❌', '131.0 s ❌'), keepColumns: true },
      { name: 'bench:site demo', text: demo('day 1', '44.7 KB ✅') },
    ]);
    // --demo-only: the sizes table stays exactly as it was.
    const second = writeBlocks(first, HEADING, [{ name: 'bench:site demo', text: demo('day 2', '52.0 KB ❌') }]);
    expect(second).toContain('| Build, wall time | 39.4 s ❌ | 131.0 s ❌ | ≤ 45 s |');
    expect(second).toContain('| First search, gzip | 52.0 KB ❌ (before: 44.7 KB) | 41.3 KB ✅ (before: 41.3 KB) | ≤ 50 KB |');
    expect(second).toContain('Before: measured day 1 with `npm run bench:site -- --demo-only`.');
    // Everything outside the blocks stays: other sections and the section's own history.
    for (const kept of ['Assistant figures stay.', 'History that no run may drop.', 'API figures stay.', '### Earlier: written by hand'])
      expect(second).toContain(kept);
    expect(second.indexOf('API figures stay.')).toBeGreaterThan(second.indexOf('bench:site demo -->'));
  });

  it("keeps one run back, and keeps a size the run did not measure as the earlier run's", () => {
    let doc = writeBlocks(DOC, HEADING, [{ name: 'bench:site sizes', text: sizes('day 1', '39.4 s ❌', '131.0 s ❌'), keepColumns: true }]);
    doc = writeBlocks(doc, HEADING, [{ name: 'bench:site sizes', text: sizes('day 2', '20.1 s ❌'), keepColumns: true }]);
    expect(doc).toContain('| Figure | 1,000 articles per locale | 5,000 articles per locale (earlier run) | Target |');
    expect(doc).toContain('| Build, wall time | 20.1 s ❌ (before: 39.4 s) | 131.0 s ❌ | ≤ 45 s |');
    doc = writeBlocks(doc, HEADING, [{ name: 'bench:site sizes', text: sizes('day 3', '14.2 s ✅', '44.0 s ✅'), keepColumns: true }]);
    expect(doc).toContain('| Build, wall time | 14.2 s ✅ (before: 20.1 s) | 44.0 s ✅ (before: 131.0 s) | ≤ 45 s |');
    expect(doc).toContain('Before: measured day 2');
    expect(doc).not.toContain('day 1');
    expect(doc.match(/<!-- bench:site sizes -->/g)).toHaveLength(1);
  });

  it("takes a cell's own before and its ✅/❌ out of what becomes the next before", () => {
    expect(withoutBefore('8.06 KB ✅ (heaviest of 101: 8.51 KB) (before: 8.10 KB)')).toBe('8.06 KB (heaviest of 101: 8.51 KB)');
  });
});
