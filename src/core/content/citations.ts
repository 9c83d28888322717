/** Inline citation markers: a source id in square brackets, e.g. `[S28]`. */
export const SOURCE_ID = /^[A-Z]+\d+$/;
const MARKER = /\[([A-Z]+\d+)\]/g;

export function markersIn(text: string): string[] {
  const out: string[] = [];
  // Runs for every sentence of a pack: a loop of `exec` leaves no iterator results behind.
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) out.push(m[1]!);
  return out;
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER, '').replace(SPACE_BEFORE_STOP, '$1').replace(SPACES, ' ').trim();
}

// Patterns made once: one written in a function is a new object at every call, and a pack has thousands of sentences.
const SPACE_BEFORE_STOP = /\s+([.,;:])/g;
const SPACES = /\s{2,}/g;

export function countWords(text: string): number {
  const plain = stripMarkers(text);
  return plain ? plain.split(/\s+/).length : 0;
}

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'no', 'nos', 'art', 'arts', 'mr', 'mrs', 'ms', 'dr', 'st', 'vs', 'approx', 'c', 'ca', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'fig', 'vol', 'inc', 'ltd', 'co', 'corp', 'gen', 'gov', 'sen', 'rep', 'lt', 'col', 'min']);

const LAST_WORD = /(\S+)$/;
const OPENING = /^[("'“‘[]+/;
const STOP = /[.!?]$/;
const INITIALS = /^(?:[a-z]\.)*[a-z]$/i;
const CAPITAL = /^[A-Z]/;
const SENTENCE_START = /^[\s]*[A-Z0-9"'“‘(\[]/;

function endsSentence(before: string, after: string): boolean {
  const word = (LAST_WORD.exec(before)?.[1] ?? '').replace(OPENING, '');
  const bare = word.replace(STOP, '').toLowerCase();
  if (ABBREVIATIONS.has(bare)) return false;
  // Initials and dotted abbreviations: "E.O.", "U.S.", "J."
  if (INITIALS.test(bare) && bare.length <= 5 && CAPITAL.test(word)) return false;
  // A new sentence starts with a capital, a digit, a quote or a bracket.
  return after === '' || SENTENCE_START.test(after);
}

/**
 * Splits prose into sentences, each keeping the markers that follow it.
 * A sentence without markers of its own borrows the next ones in the same text,
 * since writers often cite a run of sentences once at its end.
 */
export function citedSentences(text: string): { text: string; sources: string[] }[] {
  const pieces: string[] = [];
  let start = 0;
  const re = /[.!?]["'”’)]?(?:\s*\[[A-Z]+\d+\])*(?=\s|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    // Markers always close a sentence; a bare full stop may belong to an abbreviation.
    const cited = m[0].endsWith(']');
    if (!cited && !endsSentence(text.slice(start, m.index + 1), text.slice(end).trimStart())) continue;
    pieces.push(text.slice(start, end).trim());
    start = end;
  }
  if (start < text.length) pieces.push(text.slice(start).trim());
  const out: { text: string; sources: string[] }[] = [];
  for (const raw of pieces) {
    if (!raw) continue;
    const sources = markersIn(raw);
    const plain = stripMarkers(raw);
    if (!plain) {
      if (out.length && sources.length) out[out.length - 1]!.sources.push(...sources);
      continue;
    }
    out.push({ text: plain, sources });
  }
  let next: string[] = [];
  for (let i = out.length - 1; i >= 0; i--) {
    const s = out[i]!;
    if (s.sources.length) next = s.sources;
    else s.sources = [...next];
  }
  return out;
}
