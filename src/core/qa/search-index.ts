import type MiniSearch from 'minisearch';

/** The part of MiniSearch's radix tree that adding a document goes through for every term it holds. */
interface TermTree {
  fetch?: (term: string, initial: () => unknown) => unknown;
}

/**
 * Adds documents as `index.addAll` does, looking each distinct term up in the radix tree once.
 * MiniSearch walks the tree for every occurrence of every term, and the pack's commonest terms
 * occur hundreds of times: this takes about a third off the cost of adding. The index built is
 * the same (tests compare it with `addAll`'s), and without the tree it expects this is `addAll`.
 */
export function addAllOnce<T>(index: MiniSearch<T>, docs: readonly T[]): void {
  const tree = (index as unknown as { _index?: TermTree })._index;
  const fetch = tree?.fetch;
  if (!tree || typeof fetch !== 'function') {
    index.addAll(docs);
    return;
  }
  const seen = new Map<string, unknown>();
  tree.fetch = (term, initial) => {
    let value = seen.get(term);
    if (value === undefined) seen.set(term, (value = fetch.call(tree, term, initial)));
    return value;
  };
  try {
    index.addAll(docs);
  } finally {
    delete tree.fetch;
  }
}
