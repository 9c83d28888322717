import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AsPlainObject } from 'minisearch';
import type { Pack } from '../content/pack.js';
import type { QaDoc } from './documents.js';

/** Bumped whenever the engine changes what it derives from a pack, so an older snapshot is never read. */
const FORMAT = 19;

/** Everything the engine derives from a pack that costs time to work out, as plain data. */
export interface Snapshot {
  format: number;
  /** Passages; a later sentence of an entry keeps only what differs from the entry's first. */
  docs: Partial<QaDoc>[];
  vocabulary: { df: [string, number][]; total: number };
  /** MiniSearch's own serialisation of the index. */
  index: AsPlainObject;
  /** Each card phrasing: the card's position among the docs, and the concepts it asks about. */
  phrasings: [number, [string, number][]][];
}

/** Identifies a pack's content, so a snapshot is used only for the pack it was made from. */
export function fingerprint(pack: Pack): string {
  return createHash('sha256').update(`${FORMAT}\n${JSON.stringify(pack)}`).digest('hex').slice(0, 32);
}

const fileFor = (dir: string, print: string) => join(dir, `qa-index-${print}.json`);

/** The snapshot for this fingerprint, or undefined when there is none or it cannot be read. */
export function readSnapshot(dir: string, print: string): Snapshot | undefined {
  try {
    const snap = JSON.parse(readFileSync(fileFor(dir, print), 'utf8')) as Snapshot;
    return snap.format === FORMAT && Array.isArray(snap.docs) && Array.isArray(snap.phrasings) ? snap : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes the snapshot beside nothing else of its kind: older ones are removed. Best effort: a read-only
 * or full disk only means the next start builds the index again.
 */
export function writeSnapshot(dir: string, print: string, content: Omit<Snapshot, 'format'>): boolean {
  const snap: Snapshot = { format: FORMAT, ...content };
  const file = fileFor(dir, print);
  const partial = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(partial, JSON.stringify(snap));
    // A rename is atomic: a reader sees the old file or the whole new one, never half of it.
    renameSync(partial, file);
    for (const name of readdirSync(dir)) {
      if (name.startsWith('qa-index-') && join(dir, name) !== file && !name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
    }
    return true;
  } catch {
    try {
      rmSync(partial, { force: true });
    } catch {
      // Nothing was written where nothing can be.
    }
    return false;
  }
}

/** Drops from each later sentence of an entry what it shares with the entry's first: most of a snapshot's size. */
export function compactDocs(docs: QaDoc[]): Partial<QaDoc>[] {
  const firsts = new Map<string, QaDoc>();
  return docs.map((d) => {
    const first = firsts.get(d.entry);
    // Worked out again on loading: cheaper than reading them.
    const { years: _y, subjectKeys: _k, id: _i, ...rest } = d;
    if (!first) {
      firsts.set(d.entry, d);
      // A whole entry (an event, a card) is its own context.
      return d.context === d.text ? { ...rest, context: undefined } : rest;
    }
    const own: Partial<QaDoc> = {};
    for (const [k, v] of Object.entries(rest) as [keyof QaDoc, unknown][]) {
      if (k === 'entry' || JSON.stringify(v) !== JSON.stringify(first[k])) (own as Record<string, unknown>)[k] = v;
    }
    return own;
  });
}

export function expandDocs(docs: Partial<QaDoc>[]): QaDoc[] {
  const firsts = new Map<string, QaDoc>();
  return docs.map((d) => {
    const first = firsts.get(d.entry!);
    if (!first) {
      const whole = { ...d, id: `${d.entry}#${d.pos}`, context: d.context ?? d.text } as QaDoc;
      firsts.set(d.entry!, whole);
      return whole;
    }
    return { ...first, ...d, id: `${d.entry}#${d.pos}` };
  });
}
