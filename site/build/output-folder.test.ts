import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outputMark, removeUnwritten, writeOutputFile } from './output-folder.ts';

describe('a build writing over the previous output', () => {
  let out: string;
  const write = (file: string, text = file) => {
    mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    writeFileSync(path.join(out, file), text);
  };
  const listed = () =>
    readdirSync(out, { recursive: true, encoding: 'utf8' })
      .map((file) => file.split(path.sep).join('/'))
      .sort();

  beforeEach(() => {
    out = path.join(mkdtempSync(path.join(os.tmpdir(), 'wegwijs-output-')), 'dist');
  });
  afterEach(() => rmSync(path.dirname(out), { recursive: true, force: true }));

  it('keeps what this build wrote, over old files or new, and removes the rest with the folders it empties', async () => {
    write('nl/kept/index.html', 'old');
    write('nl/gone/index.html');
    write('nl/gone/deeper/x.json');
    write('search-index/nl.old.json');
    write('search-index/nl.same.json', 'same bytes');
    write('assistant-model/nl.bin', 'old bytes');
    mkdirSync(path.join(out, 'empty-before'));
    write('.git/HEAD');
    // The file system's clock ticks every few milliseconds; a file of the tick the mark is taken in counts as written.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const mark = outputMark(out);
    write('nl/kept/index.html', 'new');
    write('nl/new/index.html');
    write('search-index/nl.new.json');
    // The same content-hashed file again, and one with new bytes: the first is only touched, both count as written.
    writeOutputFile(path.join(out, 'search-index/nl.same.json'), 'same bytes');
    writeOutputFile(path.join(out, 'assistant-model/nl.bin'), new Uint8Array(Buffer.from('new bytes')));
    // A folder the build made and left empty is what a build into an empty folder leaves too.
    mkdirSync(path.join(out, 'made-empty'));
    // A copy that keeps its source's modification time (as `cp -p` does) was still written by this build.
    write('favicon.svg');
    utimesSync(path.join(out, 'favicon.svg'), new Date(2020, 0, 1), new Date(2020, 0, 1));

    expect(removeUnwritten(out, mark)).toBe(3);
    expect(listed()).toEqual([
      '.git',
      '.git/HEAD',
      'assistant-model',
      'assistant-model/nl.bin',
      'favicon.svg',
      'made-empty',
      'nl',
      'nl/kept',
      'nl/kept/index.html',
      'nl/new',
      'nl/new/index.html',
      'search-index',
      'search-index/nl.new.json',
      'search-index/nl.same.json',
    ]);
    expect(readFileSync(path.join(out, 'nl/kept/index.html'), 'utf8')).toBe('new');
    expect(readFileSync(path.join(out, 'search-index/nl.same.json'), 'utf8')).toBe('same bytes');
    expect(readFileSync(path.join(out, 'assistant-model/nl.bin'), 'utf8')).toBe('new bytes');
  });

  it('starts from a folder that does not exist yet, and removes nothing from a fresh build', () => {
    expect(existsSync(out)).toBe(false);
    const mark = outputMark(out);
    expect(listed()).toEqual([]);
    write('nl/index.html');
    expect(removeUnwritten(out, mark)).toBe(0);
    expect(listed()).toEqual(['nl', 'nl/index.html']);
  });
});
