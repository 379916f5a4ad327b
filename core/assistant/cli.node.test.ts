/**
 * The evaluation CLI end to end: spawned as a grader would run it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SHOP_ARTICLES } from './testing.ts';

const CLI = fileURLToPath(new URL('./cli.node.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wegwijs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function corpusFile(lines: string[]): string {
  const file = join(dir, `corpus-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

const corpus = corpusFile([
  ...SHOP_ARTICLES.map(({ id, title, questions, body }) => JSON.stringify({ id, locale: 'en', title, questions, body })),
  JSON.stringify({ id: 'pakket-volgen', locale: 'nl', title: 'Waar is mijn pakket?', questions: ['waar blijft mijn pakketje', 'pakket volgen'], body: '' }),
  JSON.stringify({ id: 'retour', locale: 'nl', title: 'Hoe stuur ik iets terug?', questions: ['iets terugsturen', 'retourneren'], body: '' }),
]);

function run(args: string[], input: string) {
  const result = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', CLI, ...args], { input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('assistant answer', () => {
  it('writes one answer line per query, in order, following the contract', () => {
    const queries = [
      { id: 'q1', locale: 'en', text: 'where is my parcel??' },
      { id: 'q2', locale: 'en', text: 'what is the capital of france' },
      { id: 'q3', locale: 'nl', text: 'waar blijft mijn pakket' },
      { id: 'q4', locale: 'en', text: 'gift card' },
    ];
    const { status, stdout, stderr } = run(['answer', '--corpus', corpus], `${queries.map((q) => JSON.stringify(q)).join('\n')}\n\n`);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const answers = lines(stdout);
    expect(answers.map((a) => a.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
    expect(answers[0]).toMatchObject({ action: 'answer', articleId: 'track-parcel' });
    expect(answers[1]).toMatchObject({ action: 'nomatch', articleId: null });
    expect(answers[2]).toMatchObject({ action: 'answer', articleId: 'pakket-volgen' });
    expect(answers[3]).toMatchObject({ action: 'clarify', articleId: 'redeem-gift-card' });
    for (const a of answers) {
      expect(Object.keys(a)).toEqual(['id', 'action', 'articleId', 'candidates', 'confidence']);
      expect((a.candidates as string[]).length).toBeLessThanOrEqual(5);
      expect(a.confidence).toBeGreaterThanOrEqual(0);
      expect(a.confidence).toBeLessThanOrEqual(1);
    }
    expect((answers[0]!.candidates as string[])[0]).toBe('track-parcel');
  });

  it('uses content/ and its rules without --corpus', () => {
    const { status, stdout } = run(['answer'], '{"id":"a","locale":"nl","text":"hoi"}\n{"id":"b","locale":"en","text":"I forgot my password"}\n');
    expect(status).toBe(0);
    expect(lines(stdout)).toEqual([
      { id: 'a', action: 'rule', articleId: null, candidates: [], confidence: 1 },
      expect.objectContaining({ id: 'b', action: 'answer', articleId: 'reset-password' }),
    ]);
  });

  it.each([
    ['a query line that is no JSON', 'not json', 'assistant: stdin line 1: not valid JSON'],
    [
      'a query without text',
      '{"id":"q1","locale":"en","text":"ok"}\n{"id":"q2","locale":"en"}',
      'assistant: stdin line 2: text: Invalid input: expected string, received undefined',
    ],
    ['a query in an unknown locale', '{"id":"q1","locale":"de","text":"hallo"}', 'assistant: stdin line 1: locale: Invalid option: expected one of "nl"|"en"'],
  ])('rejects %s with exit code 2, naming the line and field', (_, input, message) => {
    const { status, stdout, stderr } = run(['answer', '--corpus', corpus], input);
    expect(status).toBe(2);
    expect(stderr).toBe(`${message}\n`);
    expect(stdout).toBe('');
  });

  it('rejects a bad corpus line, naming the file, line and field', () => {
    const bad = corpusFile([
      '{"id":"a","locale":"en","title":"A","questions":["x"],"body":""}',
      '{"id":"b","locale":"en","title":"B","questions":"x","body":""}',
    ]);
    const { status, stderr } = run(['answer', '--corpus', bad], '{"id":"q","locale":"en","text":"x"}');
    expect(status).toBe(2);
    expect(stderr).toBe(`assistant: corpus ${bad} line 2: questions: Invalid input: expected array, received string\n`);
  });

  it('rejects a missing corpus file and unknown commands or options', () => {
    expect(run(['answer', '--corpus', join(dir, 'nope.jsonl')], '')).toMatchObject({
      status: 2,
      stderr: `assistant: cannot read the corpus file ${join(dir, 'nope.jsonl')}\n`,
    });
    expect(run(['ask'], '')).toMatchObject({ status: 2, stderr: expect.stringContaining('assistant: unknown command "ask"') });
    expect(run(['answer', '--corpus'], '')).toMatchObject({ status: 2, stderr: expect.stringContaining('assistant: unknown or incomplete option "--corpus"') });
    expect(run([], '').stderr).toMatch(/^usage: assistant answer/);
  });
});

describe('assistant check', () => {
  it('cross-validates the phrasings of a site and names the weakest articles and confusions', () => {
    const root = mkdtempSync(join(dir, 'site-'));
    cpSync(fileURLToPath(new URL('../content/fixtures/valid', import.meta.url)), root, { recursive: true });
    const result = run(['check', '--root', root, '--locale', 'nl', '--folds', '2'], '');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^# nl: \d+ phrasings, cross-validated$/m);
    expect(result.stdout).toMatch(/own article first: \d+\.\d %, in the first three: \d+\.\d %/);
    expect(result.stdout).toMatch(/Most confused|Every article finds all of its phrasings first/);
  });

  it('refuses a bad option with a message naming it', () => {
    const result = run(['check', '--folds', 'many'], '');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--folds must be a whole number from 2 to 20, not "many"');
    expect(run(['check', '--locale', 'fr'], '').stderr).toContain('--locale must be one of nl, en, not "fr"');
  });
});
