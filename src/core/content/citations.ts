/** Inline citation markers: a source id in square brackets, e.g. `[S28]`. */
export const SOURCE_ID = /^[A-Z]+\d+$/;
const MARKER = /\[([A-Z]+\d+)\]/g;

export function markersIn(text: string): string[] {
  return [...text.matchAll(MARKER)].map((m) => m[1]!);
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER, '').replace(/\s+([.,;:])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}

export function countWords(text: string): number {
  const plain = stripMarkers(text);
  return plain ? plain.split(/\s+/).length : 0;
}

/**
 * Splits prose into sentences, each keeping the markers that follow it.
 * A sentence without markers of its own borrows the next ones in the same text,
 * since writers often cite a run of sentences once at its end.
 */
export function citedSentences(text: string): { text: string; sources: string[] }[] {
  const out: { text: string; sources: string[] }[] = [];
  // A sentence ends at . ! ? followed by optional markers and whitespace or the end.
  const re = /[^.!?]*?(?:[.!?](?=\s|\[|$)|$)(?:\s*\[[A-Z]+\d+\])*/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0].trim();
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
