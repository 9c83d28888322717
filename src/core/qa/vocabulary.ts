import type { QaDoc } from './documents.js';
import { isSwap, typoDistance, type TextMemo } from './text.js';
import { isEnglishWord } from './english.js';

export type TermClass = 'specific' | 'generic' | 'unknown';

/**
 * The words the pack uses, with how common each is. A question made only of
 * words the pack does not know is about something else; one made only of very
 * common words ("iran", "attack") is a broad question about the whole case.
 */
export class Vocabulary {
  private readonly byInitial = new Map<string, string[]>();
  private readonly genericShare: number;

  /** `df`: in how many of `total` entries each word appears. */
  constructor(
    private readonly df: Map<string, number>,
    private readonly total: number,
    genericShare = 0.06,
  ) {
    this.genericShare = genericShare * total;
    for (const t of this.df.keys()) {
      const k = t[0]!;
      const list = this.byInitial.get(k) ?? [];
      list.push(t);
      this.byInitial.set(k, list);
    }
  }

  /** Counts the words of each entry, given as its passages: its labels and its sentences, which together are its whole text. */
  static fromEntries(entries: QaDoc[][], memo: TextMemo): Vocabulary {
    // With the last entry each word was counted for, so a word counts once an entry without a set per entry.
    const counted = new Map<string, { n: number; last: number }>();
    const count = (i: number, text: string) => {
      for (const t of memo.terms(text)) {
        const c = counted.get(t);
        if (!c) counted.set(t, { n: 1, last: i });
        else if (c.last !== i) {
          c.n++;
          c.last = i;
        }
      }
    };
    entries.forEach((passages, i) => {
      const first = passages[0]!;
      count(i, first.title);
      count(i, first.names);
      for (const p of passages) count(i, p.text);
      count(i, first.questions);
    });
    const df = new Map<string, number>();
    for (const [t, c] of counted) df.set(t, c.n);
    return new Vocabulary(df, entries.length);
  }

  /** What a snapshot needs to rebuild this vocabulary. */
  counts(): { df: [string, number][]; total: number } {
    return { df: [...this.df], total: this.total };
  }

  /** The pack's spelling of a word, allowing a small typo; undefined when unknown. */
  private readonly resolved = new Map<string, string | undefined>();

  has(term: string): boolean {
    return this.df.has(term);
  }

  resolve(term: string): string | undefined {
    if (this.df.has(term)) return term;
    if (term.length < 4 || /^\d+$/.test(term)) return undefined;
    if (this.resolved.has(term)) return this.resolved.get(term);
    // A real English word is what was meant, not a typo of a word the pack uses: "steel" is not "steal",
    // and "simple" (stemmed "simpl") is not "sample".
    const found = isEnglishWord(term) || isEnglishWord(`${term}e`) ? undefined : this.closest(term);
    // Bounded: questions bring an endless variety of unknown words.
    if (this.resolved.size > 20_000) this.resolved.clear();
    this.resolved.set(term, found);
    return found;
  }

  private closest(term: string): string | undefined {
    // A four-letter word has too many neighbours for any slip but a swap ("tkae").
    if (term.length === 4) return (this.byInitial.get(term[0]!) ?? []).find((c) => isSwap(term, c));
    const allowed = term.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestD = allowed + 1;
    for (const candidate of this.byInitial.get(term[0]!) ?? []) {
      if (Math.abs(candidate.length - term.length) > allowed) continue;
      const d = typoDistance(term, candidate);
      if (d < bestD) {
        bestD = d;
        best = candidate;
      }
    }
    return best;
  }

  /** How telling a word is: rare words weigh more (inverse document frequency). */
  weight(term: string): number {
    const known = this.resolve(term);
    const df = known ? (this.df.get(known) ?? 0) : 0;
    return Math.log((this.total + 1) / (df + 1)) + 0.1;
  }

  classify(term: string): TermClass {
    const known = this.resolve(term);
    if (!known) return 'unknown';
    return (this.df.get(known) ?? 0) > this.genericShare ? 'generic' : 'specific';
  }
}
