import { expect } from 'vitest';
import type { Block, Reply } from '../src/core/briefing/document.js';

/** Every piece of text a block shows, in order. */
export function blockTexts(b: Block): string[] {
  switch (b.type) {
    case 'paragraph':
    case 'context':
      return [b.text];
    case 'list':
      return b.items.flatMap((i) => (i.label ? [i.label, i.text] : [i.text]));
    case 'fields':
      return b.fields.flatMap((f) => [f.name, f.value]);
  }
}

/** Everything a reader of the reply sees: title, blocks, citations and button labels. */
export function replyText(r: Reply): string {
  return [
    r.title ?? '',
    ...r.blocks.flatMap(blockTexts),
    ...r.citations.map((c) => `${c.title} ${c.publisher} ${c.date} ${c.url ?? ''}`),
    ...r.actions.map((a) => `${a.label} ${a.command}`),
  ].join('\n');
}

/** What a person sees: like replyText, but without the commands buttons carry (they are payloads, not shown). */
export function visibleText(r: Reply): string {
  return [
    r.title ?? '',
    ...r.blocks.flatMap(blockTexts),
    ...r.citations.map((c) => `${c.title} ${c.publisher} ${c.date} ${c.url ?? ''}`),
    ...r.actions.map((a) => a.label),
  ].join('\n');
}

/** The text of the blocks only (what a reader reads as the body). */
export function bodyText(r: Reply): string {
  return [r.title ?? '', ...r.blocks.flatMap(blockTexts)].join('\n');
}

/** Citation numbers written as [n] in the body. */
export function citedNumbers(r: Reply): number[] {
  return [...bodyText(r).matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
}

/**
 * The citation contract of a composed reply: no raw [S12] markers left, every [n]
 * resolves to a citation, citations are numbered 1..k in order, none is unused.
 */
export function expectCitationsResolve(r: Reply, opts: { urls?: boolean } = {}): void {
  const body = bodyText(r);
  expect(body, 'raw source markers left in the text').not.toMatch(/\[[A-Z]+\d+\]/);
  const used = new Set(citedNumbers(r));
  const listed = r.citations.map((c) => c.n);
  expect(listed, 'citations numbered 1..k').toEqual(listed.map((_, i) => i + 1));
  for (const n of used) expect(listed, `[${n}] has no citation`).toContain(n);
  for (const n of listed) expect(used.has(n), `citation [${n}] is never used in the text`).toBe(true);
  expect(new Set(r.citations.map((c) => c.id)).size, 'one number per source').toBe(r.citations.length);
  for (const c of r.citations) {
    expect(c.publisher).not.toBe('unknown source');
    if (opts.urls) expect(c.url, `citation [${c.n}] ${c.id} has no URL`).toMatch(/^https?:\/\/\S+$/);
  }
}

/** The paragraph blocks of a reply. */
export function paragraphs(r: Reply): string[] {
  return r.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));
}

/** Distinctive names of the real case: none may appear in replies about another case. */
export const REAL_CASE_WORDS = /Albania|Iran|MOIS|HomeLand|ROADSWEEP|SPAK|Edi Rama|Storm-0842|\bescalation\b/i;
