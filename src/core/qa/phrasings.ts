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
    // A match shares at least t/(1+t) of the question's weight. Only phrasings sharing one of the question's
    // heaviest concepts, down to where what is left weighs less than that, can get there: common concepts
    // ("who", "attack") with hundreds of phrasings are then never walked on their own.
    const need = (threshold / (1 + threshold)) * askedTotal;
    const candidates = new Set<number>();
    let left = askedTotal;
    for (const [c, w] of [...asked].sort((x, y) => y[1] - x[1])) {
      if (left < need) break;
      for (const [n] of this.byConcept.get(c) ?? []) candidates.add(n);
      left -= w;
    }
    const out: (PhrasingMatch & { n: number })[] = [];
    for (const n of candidates) {
      const p = this.phrasings[n]!;
      // Weighted overlap: sharing a rare word or a name counts more than sharing "attack".
      let both = 0;
      for (const [c, w] of p.concepts) {
        const qw = asked.get(c);
        if (qw !== undefined) both += Math.min(qw, w);
      }
      const score = both / (askedTotal + p.total - both);
      if (score >= threshold) out.push({ n, card: p.card, concepts: p.concepts, score });
    }
    return out.sort((x, y) => y.score - x.score || x.n - y.n);
  }
}
