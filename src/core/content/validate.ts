import { countWords, markersIn } from './citations.js';
import type { Pack } from './pack.js';
import type { Problem } from './problems.js';

export const OVERVIEW_LIMITS = { shortMax: 80, standardMin: 250, standardMax: 400 };

interface CitedText {
  file: string;
  entry: string;
  field: string;
  text: string;
}

/** Every fact-bearing text in the pack, with where it lives. */
function citedTexts(pack: Pack): CitedText[] {
  const out: CitedText[] = [];
  out.push({ file: 'overview.md', entry: 'front matter', field: 'short', text: pack.overview.short });
  pack.overview.standard.forEach((text, i) => out.push({ file: 'overview.md', entry: `paragraph ${i + 1}`, field: 'text', text }));
  for (const s of pack.sections) {
    s.paragraphs.forEach((text, i) => out.push({ file: `sections/${String(s.order).padStart(2, '0')}-${s.id}.md`, entry: `paragraph ${i + 1}`, field: 'text', text }));
  }
  for (const e of pack.events) out.push({ file: 'timeline.yaml', entry: e.id, field: 'text', text: e.text });
  for (const a of pack.actors) {
    out.push({ file: 'actors.yaml', entry: a.id, field: 'summary', text: a.summary });
    a.facts.forEach((text, i) => out.push({ file: 'actors.yaml', entry: a.id, field: `facts[${i}]`, text }));
  }
  for (const m of pack.malware) {
    out.push({ file: 'malware.yaml', entry: m.id, field: 'summary', text: m.summary });
    m.facts.forEach((text, i) => out.push({ file: 'malware.yaml', entry: m.id, field: `facts[${i}]`, text }));
  }
  for (const t of pack.glossary) out.push({ file: 'glossary.yaml', entry: t.id, field: 'definition', text: t.definition });
  for (const q of pack.questions) out.push({ file: 'questions.yaml', entry: q.id, field: 'answer', text: q.answer });
  return out;
}

function duplicates(file: string, ids: string[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const id of ids) {
    if (seen.has(id)) out.push({ file, entry: id, message: 'duplicate id' });
    seen.add(id);
  }
  return out;
}

/** Cross-reference checks that a schema alone cannot make. */
export function validatePack(pack: Pack, sourceIds: string[]): Problem[] {
  const problems: Problem[] = [
    ...duplicates('sources.yaml', sourceIds),
    ...duplicates('timeline.yaml', pack.events.map((e) => e.id)),
    ...duplicates('actors.yaml', pack.actors.map((a) => a.id)),
    ...duplicates('malware.yaml', pack.malware.map((m) => m.id)),
    ...duplicates('glossary.yaml', pack.glossary.map((t) => t.id)),
    ...duplicates('questions.yaml', pack.questions.map((q) => q.id)),
    ...duplicates('sections/', pack.sections.map((s) => s.id)),
    ...duplicates('case.yaml', pack.meta.phases.map((p) => p.id)),
  ];

  const used = new Set<string>();
  for (const t of citedTexts(pack)) {
    const ids = markersIn(t.text);
    if (!ids.length) problems.push({ file: t.file, entry: t.entry, message: `${t.field} cites no source (add a marker such as [S1])` });
    for (const id of ids) {
      used.add(id);
      if (!pack.sources.has(id)) problems.push({ file: t.file, entry: t.entry, message: `${t.field} cites unknown source ${id}` });
    }
  }
  for (const id of pack.sources.keys()) {
    if (!used.has(id)) problems.push({ file: 'sources.yaml', entry: id, message: 'source is never cited' });
  }

  const actorIds = new Set(pack.actors.map((a) => a.id));
  const phaseIds = new Set(pack.meta.phases.map((p) => p.id));
  for (const e of pack.events) {
    if (!phaseIds.has(e.phase)) problems.push({ file: 'timeline.yaml', entry: e.id, message: `unknown phase "${e.phase}" (phases are listed in case.yaml)` });
    for (const a of e.actors) {
      if (!actorIds.has(a)) problems.push({ file: 'timeline.yaml', entry: e.id, message: `unknown actor id "${a}"` });
    }
  }
  for (const m of pack.malware) {
    for (const a of m.actors) {
      if (!actorIds.has(a)) problems.push({ file: 'malware.yaml', entry: m.id, message: `unknown actor id "${a}"` });
    }
  }

  const shortWords = countWords(pack.overview.short);
  if (shortWords > OVERVIEW_LIMITS.shortMax) {
    problems.push({ file: 'overview.md', entry: 'front matter', message: `short overview has ${shortWords} words (at most ${OVERVIEW_LIMITS.shortMax})` });
  }
  const standardWords = pack.overview.standard.reduce((n, p) => n + countWords(p), 0);
  if (standardWords < OVERVIEW_LIMITS.standardMin || standardWords > OVERVIEW_LIMITS.standardMax) {
    problems.push({
      file: 'overview.md',
      entry: 'body',
      message: `standard overview has ${standardWords} words (${OVERVIEW_LIMITS.standardMin} to ${OVERVIEW_LIMITS.standardMax})`,
    });
  }
  for (const s of pack.sections) {
    if (!s.paragraphs.length) problems.push({ file: `sections/${s.id}.md`, entry: s.id, message: 'section has no text' });
  }
  if (!pack.events.length) problems.push({ file: 'timeline.yaml', message: 'timeline has no events' });
  return problems;
}
