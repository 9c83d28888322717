import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPack, readPack } from '../../../src/core/content/load.js';
import { formatProblem, PackError } from '../../../src/core/content/problems.js';
import { CASE_DIR, ROOT, TINY_DIR } from '../../helpers.js';

const BROKEN_DIR = resolve(ROOT, 'tests/fixtures/broken-pack');

/** Every fault planted in the fixture (see its README.md), as `npm run check` prints it. */
const EXPECTED: (string | RegExp)[] = [
  /^overview\.md › front matter: short overview has (8[1-9]|9\d) words \(at most 80\)$/,
  /^overview\.md › body: standard overview has \d{1,2} words \(250 to 400\)$/,
  'timeline.yaml › dup-event: duplicate id',
  'timeline.yaml › uncited-event: text cites no source (add a marker such as [S1])',
  'timeline.yaml › unknown-source-event: text cites unknown source B99',
  'timeline.yaml › february-thirtieth: date: "2022-02-30" is not a day of February 2022',
  'timeline.yaml › thirteenth-month: date: "2022-13" has no month 13',
  'timeline.yaml › ends-before-start: end (2022-04-01) is before date (2022-05-01)',
  'timeline.yaml › ghost-actor-event: unknown actor id "nobody"',
  'timeline.yaml › wrong-phase-event: unknown phase "middle" (phases are listed in case.yaml)',
  'actors.yaml › dup-actor: duplicate id',
  'actors.yaml › uncited-actor: summary cites no source (add a marker such as [S1])',
  /^actors\.yaml › alien-kind: kind: .*"threat-actor".*$/,
  'glossary.yaml › uncited-term: definition cites no source (add a marker such as [S1])',
  /^questions\.yaml: YAML: .*line 4/,
  'sources.yaml › B2: source is never cited',
];

const matches = (line: string, e: string | RegExp) => (typeof e === 'string' ? line === e : e.test(line));

/** Each expected problem appears exactly once, and nothing else does. */
function expectExactly(lines: string[]): void {
  for (const e of EXPECTED) {
    expect(lines.filter((l) => matches(l, e)), `expected exactly one problem matching ${String(e)} in:\n${lines.join('\n')}`).toHaveLength(1);
  }
  const unexpected = lines.filter((l) => !EXPECTED.some((e) => matches(l, e)));
  expect(unexpected).toEqual([]);
}

function runCheck(dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/check.ts', dir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('the broken fixture pack', () => {
  const { pack, problems } = readPack(BROKEN_DIR);

  it('produces each planted problem exactly once, and no other', () => {
    expectExactly(problems.map(formatProblem));
    expect(problems).toHaveLength(EXPECTED.length);
  });

  it('locates each problem by file and, for entries, by entry id', () => {
    const byEntry = (entry: string) => problems.filter((p) => p.entry === entry);
    expect(byEntry('february-thirtieth')).toEqual([{ file: 'timeline.yaml', entry: 'february-thirtieth', message: expect.stringContaining('2022-02-30') }]);
    expect(byEntry('alien-kind')).toEqual([{ file: 'actors.yaml', entry: 'alien-kind', message: expect.stringMatching(/^kind: /) }]);
    expect(byEntry('B2')).toEqual([{ file: 'sources.yaml', entry: 'B2', message: 'source is never cited' }]);
    // A YAML syntax error makes the whole file unreadable: the problem names the file, not an entry.
    expect(problems.filter((p) => p.file === 'questions.yaml')).toEqual([{ file: 'questions.yaml', message: expect.stringMatching(/^YAML: /) }]);
  });

  it('still loads the valid entries, so one fault does not hide the others', () => {
    expect(pack.meta.id).toBe('broken-case');
    expect(pack.actors.map((a) => a.id)).toEqual(['good-actor', 'dup-actor', 'dup-actor', 'uncited-actor']);
    // Events with impossible dates or an end before the start are left out; the rest load in date order.
    expect(pack.events.map((e) => e.id)).toEqual(['good-event', 'dup-event', 'dup-event', 'uncited-event', 'unknown-source-event', 'ghost-actor-event', 'wrong-phase-event']);
    expect(pack.questions).toEqual([]);
    expect(pack.sections.map((s) => s.id)).toEqual(['only']);
  });

  it('makes loadPack throw a PackError listing every problem', () => {
    let error: unknown;
    try {
      loadPack(BROKEN_DIR);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PackError);
    const pe = error as PackError;
    expect(pe.name).toBe('PackError');
    expect(pe.dir).toBe(BROKEN_DIR);
    expect(pe.problems).toHaveLength(EXPECTED.length);
    expect(pe.message).toContain(`has ${EXPECTED.length} problems:`);
    for (const p of pe.problems) expect(pe.message).toContain(`  - ${formatProblem(p)}`);
  });

  it('makes `npm run check` exit 1 and print every problem', async () => {
    const { code, stdout, stderr } = await runCheck(BROKEN_DIR);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${EXPECTED.length} problems`);
    const lines = stderr
      .split('\n')
      .filter((l) => l.startsWith('  - '))
      .map((l) => l.slice(4));
    expectExactly(lines);
  });
});

describe('npm run check on valid packs', () => {
  it('exits 0 on the real pack and summarises it', async () => {
    const { code, stdout, stderr } = await runCheck(CASE_DIR);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ iran-albania-2022: \d+ sections, \d+ events, \d+ actors/);
  });

  it('exits 0 on the tiny pack with its exact counts', async () => {
    const { code, stdout } = await runCheck(TINY_DIR);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(
      '✓ harbour-blackout-2031: 3 sections, 8 events, 5 actors, 2 malware and tools, 5 glossary terms, 2 question cards, 6 sources',
    );
  });

  it('exits 1 on a folder that is not a pack', async () => {
    const { code, stderr } = await runCheck(resolve(ROOT, 'tests/fixtures'));
    expect(code).toBe(1);
    expect(stderr).toContain('case.yaml: file is missing');
  });
});
