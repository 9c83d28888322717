import type { QaDoc } from './documents.js';

/** A question as the concepts it asks about, each with its weight (names and rare words weigh more). */
export type Concepts = [concept: string, weight: number][];

export interface PhrasingMatch {
  card: QaDoc;
  /** The matched phrasing's concepts. */
  concepts: Concepts;
  /** Weighted overlap with the question, 0 to 1. */
  score: number;
}

/**
 * Every phrasing of every question card, indexed by concept, so a question is compared only with
 * the phrasings that share something with it.
 */
export class PhrasingIndex {
  private readonly phrasings: { card: QaDoc; concepts: Concepts; total: number }[] = [];
  private readonly byConcept = new Map<string, [phrasing: number, weight: number][]>();

  /** `phrasings`: each card's position among `docs`, with the concepts of one of its phrasings. */
  constructor(docs: QaDoc[], phrasings: [doc: number, concepts: Concepts][]) {
    for (const [i, concepts] of phrasings) {
      const n = this.phrasings.push({ card: docs[i]!, concepts, total: concepts.reduce((t, [, w]) => t + w, 0) }) - 1;
      for (const [c, w] of concepts) {
        const list = this.byConcept.get(c);
        if (list) list.push([n, w]);
        else this.byConcept.set(c, [[n, w]]);
      }
    }
  }

  /** Phrasings overlapping the question by at least `threshold`, best first (the earlier card on a tie). */
  matches(asked: Map<string, number>, threshold: number): PhrasingMatch[] {
    const askedTotal = [...asked.values()].reduce((n, w) => n + w, 0);
    // Weighted overlap: sharing a rare word or a name counts more than sharing "attack".
    const shared = new Map<number, number>();
    for (const [c, qw] of asked) {
      for (const [n, w] of this.byConcept.get(c) ?? []) shared.set(n, (shared.get(n) ?? 0) + Math.min(qw, w));
    }
    const out: (PhrasingMatch & { n: number })[] = [];
    for (const [n, both] of shared) {
      const p = this.phrasings[n]!;
      const score = both / (askedTotal + p.total - both);
      if (score >= threshold) out.push({ n, card: p.card, concepts: p.concepts, score });
    }
    return out.sort((x, y) => y.score - x.score || x.n - y.n);
  }
}
