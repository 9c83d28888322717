import { distance } from 'fastest-levenshtein';

const folded = new Map<string, string>();

/** Folds case, accents and punctuation so "Manëz", "manez" and "MANEZ!" compare equal. */
export function normalize(text: string): string {
  // Names and labels are folded again and again; remember the short ones.
  if (text.length > 160) return fold(text);
  let out = folded.get(text);
  if (out === undefined) {
    out = fold(text);
    if (folded.size > 50_000) folded.clear();
    folded.set(text, out);
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;
// Patterns made once: one written in a function is a new object at every call.
const NOT_ASCII_WORD = /[^a-z0-9]+/g;
const NOT_WORD = /[^a-z0-9\u0080-\u{10ffff}]+/gu;
const WORD = /[a-z0-9\u0080-\uffff]+/g;

function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase().replace(NOT_ASCII_WORD, ' ').trim();
  return withoutAccents(text).toLowerCase().replace(NOT_WORD, ' ').trim();
}

/** The words `normalize` leaves of a text, matched in one pass rather than folded, spaced and split: for long passages. */
export function foldedWords(text: string): string[] {
  // What folding leaves of a non-ASCII character is a letter, a digit or a space.
  return (ASCII.test(text) ? text : withoutAccents(text)).toLowerCase().match(WORD) ?? [];
}

/**
 * Most text is plain ASCII with a few accents and curly quotes: fold those characters one by one
 * (each once per process) rather than normalising the whole text, which costs several times more.
 */
function withoutAccents(text: string): string {
  return text.replace(/[^\x00-\x7f]/gu, foldChar);
}

const foldedChars = new Map<string, string>();

/** One non-ASCII character without its accents, lower case; a space when it is neither a letter nor a digit. */
function foldChar(ch: string): string {
  let out = foldedChars.get(ch);
  if (out === undefined) {
    out = ch
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ');
    if (foldedChars.size < 10_000) foldedChars.set(ch, out);
  }
  return out;
}

export interface Named<T> {
  item: T;
  names: string[];
}

export type Lookup<T> = { found: T } | { found?: undefined; suggestions: T[] };

/**
 * Finds an entry by any of its names, forgiving case, accents and small typos;
 * when nothing is close enough, returns the closest entries as suggestions.
 */
export class NameIndex<T> {
  private readonly entries: { item: T; keys: string[] }[];

  constructor(items: Named<T>[]) {
    this.entries = items.map(({ item, names }) => ({ item, keys: [...new Set(names.map(normalize).filter(Boolean))] }));
  }

  lookup(query: string, suggestions = 3): Lookup<T> {
    const q = normalize(query);
    if (!q) return { suggestions: [] };
    const scored = this.entries.map((e) => ({ item: e.item, score: Math.min(...e.keys.map((k) => score(q, k))) }));
    scored.sort((a, b) => a.score - b.score);
    const best = scored[0];
    if (best && best.score <= 1 && (scored.length < 2 || scored[1]!.score > best.score || best.score === 0)) return { found: best.item };
    return { suggestions: scored.filter((s) => s.score < 6).slice(0, suggestions).map((s) => s.item) };
  }
}

/** 0 exact; 1 a clear prefix, word or small typo; higher is further. */
function score(q: string, key: string): number {
  if (q === key) return 0;
  const allowed = q.length <= 4 ? 0 : q.length <= 8 ? 1 : 2;
  const d = distance(q, key);
  if (d <= allowed) return 1;
  if (q.length >= 3 && (key.startsWith(q) || key.split(' ').includes(q))) return 1;
  if (q.length >= 4 && key.includes(q)) return 2;
  // Compare against the key's leading words too ("khatib" ~ "esmail khatib").
  const words = key.split(' ');
  const wordBest = Math.min(...words.map((w) => distance(q, w)));
  if (q.length > 4 && wordBest <= 1) return 2;
  return 2 + Math.min(d, wordBest + 1);
}
