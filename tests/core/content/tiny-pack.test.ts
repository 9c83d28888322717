import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { markersIn } from '../../../src/core/content/citations.js';
import { loadPack, readPack } from '../../../src/core/content/load.js';
import { formatProblem } from '../../../src/core/content/problems.js';
import { OVERVIEW_LIMITS } from '../../../src/core/content/validate.js';
import { countWords } from '../../../src/core/content/citations.js';
import { casePack, TINY_DIR } from '../../helpers.js';

describe('the tiny fixture pack', () => {
  const pack = loadPack(TINY_DIR);

  it('is valid: readPack finds no problems', () => {
    expect(readPack(TINY_DIR).problems.map(formatProblem)).toEqual([]);
  });

  it('is marked as a fictional test fixture and shares no names with the real case', () => {
    expect(pack.meta.description).toMatch(/fictional test fixture/i);
    const real = casePack();
    const realIds = new Set([...real.actors.map((a) => a.id), ...real.sources.keys(), ...real.sections.map((s) => s.id)]);
    const clashes = [...pack.actors.map((a) => a.id), ...pack.sources.keys(), ...pack.sections.map((s) => s.id)].filter((id) => realIds.has(id));
    expect(clashes).toEqual([]);
  });

  it('keeps the overview within the limits', () => {
    expect(countWords(pack.overview.short)).toBeLessThanOrEqual(OVERVIEW_LIMITS.shortMax);
    const standard = pack.overview.standard.reduce((n, p) => n + countWords(p), 0);
    expect(standard).toBeGreaterThanOrEqual(OVERVIEW_LIMITS.standardMin);
    expect(standard).toBeLessThanOrEqual(OVERVIEW_LIMITS.standardMax);
    expect(pack.overview.standard.length).toBeGreaterThan(1);
  });

  it('loads sections in file-name order, numbered from 1', () => {
    expect(pack.sections.map((s) => [s.order, s.id])).toEqual([
      [1, 'blackout'],
      [2, 'investigation'],
      [3, 'blame'],
    ]);
    expect(pack.sections[0]!.keywords).toContain('SALTCRANE');
    expect(pack.sections.every((s) => s.paragraphs.length === 2)).toBe(true);
  });

  it('sorts events by the start of their period, keeping the written order on the same day', () => {
    expect(pack.events.map((e) => e.id)).toEqual([
      'dockhook-planted', // 2030-11
      'network-mapped', // 2030-12 to 2031-03
      'review-published', // 2031: sorts at 1 January
      'cranes-stop', // 2031-03-14, written first
      'harbour-closed', // 2031-03-14 to 2031-03-16
      'harbour-reopens',
      'council-review',
      'tidewatch-attribution',
    ]);
    const closed = pack.events.find((e) => e.id === 'harbour-closed')!;
    expect(closed.start).toMatchObject({ year: 2031, month: 3, day: 14 });
    expect(closed.until).toMatchObject({ year: 2031, month: 3, day: 16 });
    expect(pack.events.find((e) => e.id === 'cranes-stop')!.until).toBeUndefined();
  });

  it('indexes events by actor', () => {
    expect(pack.eventsByActor.get('grey-lantern')?.map((e) => e.id)).toEqual(['dockhook-planted', 'network-mapped', 'cranes-stop', 'tidewatch-attribution']);
    expect(pack.eventsByActor.get('tidewatch')?.map((e) => e.id)).toEqual(['tidewatch-attribution']);
    expect(pack.eventsByActor.has('nobody')).toBe(false);
  });

  it('loads every kind of entry with defaults filled in', () => {
    expect(pack.actors).toHaveLength(5);
    expect(pack.malware.map((m) => [m.name, m.kind])).toEqual([
      ['SALTCRANE', 'wiper'],
      ['DOCKHOOK', 'backdoor'],
    ]);
    expect(pack.glossary).toHaveLength(5);
    expect(pack.questions).toHaveLength(2);
    expect(pack.actors.find((a) => a.id === 'tidewatch')!.facts).toEqual([]);
    expect(pack.sources.get('T6')!.url).toBeUndefined();
  });

  it('cites every source it lists, and lists every source it cites', () => {
    const all = [
      pack.overview.short,
      ...pack.overview.standard,
      ...pack.sections.flatMap((s) => s.paragraphs),
      ...pack.events.map((e) => e.text),
      ...pack.actors.flatMap((a) => [a.summary, ...a.facts]),
      ...pack.malware.flatMap((m) => [m.summary, ...m.facts]),
      ...pack.glossary.map((t) => t.definition),
      ...pack.questions.map((q) => q.answer),
    ].join(' ');
    expect(new Set(markersIn(all))).toEqual(new Set(pack.sources.keys()));
    expect([...pack.sources.keys()].sort()).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
  });
});

describe('loading a damaged copy of the tiny pack', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function copy(): string {
    dir = mkdtempSync(join(tmpdir(), 'casebrief-pack-'));
    cpSync(TINY_DIR, dir, { recursive: true });
    return dir;
  }

  function edit(d: string, file: string, change: (text: string) => string): void {
    const path = join(d, file);
    writeFileSync(path, change(readFileSync(path, 'utf8')));
  }

  const problems = (d: string) => readPack(d).problems.map(formatProblem);

  it('loads without the optional files', () => {
    const d = copy();
    for (const f of ['questions.yaml', 'glossary.yaml']) rmSync(join(d, f));
    // Every source is also cited outside these files, so none becomes unused.
    expect(problems(d)).toEqual([]);
    expect(readPack(d).pack.glossary).toEqual([]);
  });

  it('reports a missing required file', () => {
    const d = copy();
    rmSync(join(d, 'sources.yaml'));
    const p = problems(d);
    expect(p).toContain('sources.yaml: file is missing');
    // With no sources, every marker is unknown.
    expect(p).toContain('timeline.yaml › cranes-stop: text cites unknown source T1');
  });

  it('reports a section whose id does not match its file name', () => {
    const d = copy();
    edit(d, 'sections/02-investigation.md', (t) => t.replace('id: investigation', 'id: intrusion'));
    expect(problems(d)).toEqual(['sections/02-investigation.md › intrusion: id does not match the file name (investigation)']);
  });

  it('reports markdown without front matter', () => {
    const d = copy();
    edit(d, 'overview.md', (t) => t.replace(/^---[\s\S]*?---\n/, ''));
    expect(problems(d)).toContain('overview.md: must start with front matter between --- lines');
  });

  it('reports a list file that is not a list', () => {
    const d = copy();
    writeFileSync(join(d, 'glossary.yaml'), 'ccn: The Crane Control Network. [T3]\n');
    expect(problems(d)).toContain('glossary.yaml: must be a YAML list of entries');
  });

  it('reports malware naming an unknown actor, and a duplicate source id', () => {
    const d = copy();
    edit(d, 'malware.yaml', (t) => t.replace('actors: [grey-lantern]\n\n- id: dockhook', 'actors: [grey-lantern, red-lantern]\n\n- id: dockhook'));
    edit(d, 'sources.yaml', (t) => `${t}- id: T2\n  title: A second T2\n  publisher: Nobody\n  date: "2031"\n  kind: news\n  reliability: low\n`);
    expect(problems(d).sort()).toEqual(['malware.yaml › saltcrane: unknown actor id "red-lantern"', 'sources.yaml › T2: duplicate id'].sort());
  });

  it('reports a case.yaml without phases', () => {
    const d = copy();
    edit(d, 'case.yaml', (t) => t.replace(/phases:[\s\S]*$/, 'phases: []\n'));
    const p = problems(d);
    expect(p.some((x) => x.startsWith('case.yaml: phases:'))).toBe(true);
  });
});
