import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import YAML from 'yaml';
import type { z } from 'zod';
import { dateSpan, parsePartialDate, type PartialDate } from './dates.js';
import type { Overview, Pack, Section, TimelineEvent } from './pack.js';
import { PackError, type Problem } from './problems.js';
import {
  actorSchema,
  caseSchema,
  eventSchema,
  malwareSchema,
  overviewFrontSchema,
  questionCardSchema,
  sectionFrontSchema,
  sourceSchema,
  termSchema,
} from './schema.js';
import { validatePack } from './validate.js';

interface Reader {
  problems: Problem[];
  dir: string;
}

function readText(r: Reader, file: string, required: boolean): string | undefined {
  const path = join(r.dir, file);
  if (!existsSync(path)) {
    if (required) r.problems.push({ file, message: 'file is missing' });
    return undefined;
  }
  return readFileSync(path, 'utf8');
}

function parseYaml(r: Reader, file: string, source: string): unknown {
  const doc = YAML.parseDocument(source, { prettyErrors: true });
  if (doc.errors.length) {
    for (const e of doc.errors) r.problems.push({ file, message: `YAML: ${e.message.split('\n')[0]}` });
    return undefined;
  }
  return doc.toJS();
}

function entryLabel(raw: unknown, index: number): string {
  const rec = raw as Record<string, unknown> | null;
  const id = rec && typeof rec === 'object' ? rec.id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : `entry ${index + 1}`;
}

function zodProblems(file: string, entry: string | undefined, error: z.ZodError): Problem[] {
  return error.issues.map((i) => ({
    file,
    entry,
    message: `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`,
  }));
}

/** Reads a YAML list file and validates each entry on its own, so one bad entry does not hide the rest. */
function readList<T>(r: Reader, file: string, schema: z.ZodType<T>, required: boolean): T[] {
  const source = readText(r, file, required);
  if (source === undefined) return [];
  const data = parseYaml(r, file, source);
  if (data === undefined || data === null) return [];
  if (!Array.isArray(data)) {
    r.problems.push({ file, message: 'must be a YAML list of entries' });
    return [];
  }
  const out: T[] = [];
  data.forEach((raw, i) => {
    const res = schema.safeParse(raw);
    if (res.success) out.push(res.data);
    else r.problems.push(...zodProblems(file, entryLabel(raw, i), res.error));
  });
  return out;
}

/** Splits `---` front matter from a Markdown body. */
export function splitFrontMatter(source: string): { front: string; body: string } | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  return m ? { front: m[1]!, body: m[2]! } : undefined;
}

export function paragraphs(body: string): string[] {
  return body
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter(Boolean);
}

function readMarkdown<T>(r: Reader, file: string, schema: z.ZodType<T>): { front: T; body: string[] } | undefined {
  const source = readText(r, file, true);
  if (source === undefined) return undefined;
  const parts = splitFrontMatter(source);
  if (!parts) {
    r.problems.push({ file, message: 'must start with front matter between --- lines' });
    return undefined;
  }
  const front = parseYaml(r, file, parts.front);
  if (front === undefined) return undefined;
  const res = schema.safeParse(front);
  if (!res.success) {
    r.problems.push(...zodProblems(file, 'front matter', res.error));
    return undefined;
  }
  return { front: res.data, body: paragraphs(parts.body) };
}

function readSections(r: Reader): Section[] {
  const dir = join(r.dir, 'sections');
  if (!existsSync(dir)) {
    r.problems.push({ file: 'sections/', message: 'folder is missing' });
    return [];
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const out: Section[] = [];
  for (const f of files) {
    const file = `sections/${f}`;
    const md = readMarkdown(r, file, sectionFrontSchema);
    if (!md) continue;
    const expected = basename(f, '.md').replace(/^\d+-/, '');
    if (expected !== md.front.id) r.problems.push({ file, entry: md.front.id, message: `id does not match the file name (${expected})` });
    out.push({ ...md.front, paragraphs: md.body, order: out.length + 1 });
  }
  return out;
}

function datedEvents(r: Reader, entries: z.infer<typeof eventSchema>[]): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const e of entries) {
    const start = parsePartialDate(e.date);
    if ('error' in start) {
      r.problems.push({ file: 'timeline.yaml', entry: e.id, message: `date: ${start.error}` });
      continue;
    }
    let until: PartialDate | undefined;
    if (e.end !== undefined) {
      const end = parsePartialDate(e.end);
      if ('error' in end) {
        r.problems.push({ file: 'timeline.yaml', entry: e.id, message: `end: ${end.error}` });
        continue;
      }
      if (dateSpan(end)[1] < dateSpan(start)[0]) {
        r.problems.push({ file: 'timeline.yaml', entry: e.id, message: `end (${e.end}) is before date (${e.date})` });
        continue;
      }
      until = end;
    }
    out.push({ ...e, start, until });
  }
  // Stable sort keeps the writer's order for events on the same day.
  return out.sort((a, b) => dateSpan(a.start)[0] - dateSpan(b.start)[0]);
}

/** Loads a pack and returns it with every problem found; `loadPack` is the strict version. */
export function readPack(dir: string): { pack: Pack; problems: Problem[] } {
  const r: Reader = { dir, problems: [] };
  const caseSource = readText(r, 'case.yaml', true);
  const caseRaw = caseSource === undefined ? undefined : parseYaml(r, 'case.yaml', caseSource);
  const caseRes = caseSchema.safeParse(caseRaw ?? {});
  if (!caseRes.success && caseSource !== undefined) r.problems.push(...zodProblems('case.yaml', undefined, caseRes.error));
  const meta = caseRes.success
    ? caseRes.data
    : { id: basename(dir), title: basename(dir), shortTitle: basename(dir), description: '', phases: [] };

  const ov = readMarkdown(r, 'overview.md', overviewFrontSchema);
  const overview: Overview = ov ? { title: ov.front.title, short: ov.front.short, standard: ov.body } : { title: meta.title, short: '', standard: [] };

  const sources = readList(r, 'sources.yaml', sourceSchema, true);
  const pack: Pack = {
    dir,
    meta,
    overview,
    sections: readSections(r),
    events: datedEvents(r, readList(r, 'timeline.yaml', eventSchema, true)),
    actors: readList(r, 'actors.yaml', actorSchema, true),
    malware: readList(r, 'malware.yaml', malwareSchema, false),
    glossary: readList(r, 'glossary.yaml', termSchema, false),
    questions: readList(r, 'questions.yaml', questionCardSchema, false),
    sources: new Map(sources.map((s) => [s.id, s])),
    eventsByActor: new Map(),
  };
  for (const e of pack.events) {
    for (const a of e.actors) {
      const list = pack.eventsByActor.get(a) ?? [];
      list.push(e);
      pack.eventsByActor.set(a, list);
    }
  }
  r.problems.push(...validatePack(pack, sources.map((s) => s.id)));
  return { pack, problems: r.problems };
}

/** Loads a pack, or throws a PackError listing every problem. */
export function loadPack(dir: string): Pack {
  const { pack, problems } = readPack(dir);
  if (problems.length) throw new PackError(dir, problems);
  return pack;
}
