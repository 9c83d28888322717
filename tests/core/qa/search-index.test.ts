import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { buildDocuments, entitiesOf, EntityMatcher, type QaDoc } from '../../../src/core/qa/documents.js';
import { addAllOnce } from '../../../src/core/qa/search-index.js';
import { TextMemo } from '../../../src/core/qa/text.js';
import { casePack } from '../../helpers.js';

const pack = casePack();
const memo = new TextMemo();
const docs = buildDocuments(pack, new EntityMatcher(entitiesOf(pack)), memo);
const fresh = () => new MiniSearch<QaDoc>({ fields: ['title', 'names', 'text', 'questions'], processTerm: (t) => t, tokenize: (t) => memo.terms(t) });

describe('addAllOnce', () => {
  it('builds exactly the index that addAll builds, for the whole pack', () => {
    const plain = fresh();
    plain.addAll(docs);
    const once = fresh();
    addAllOnce(once, docs);
    expect(JSON.stringify(once.toJSON())).toBe(JSON.stringify(plain.toJSON()));
    expect(once.search('roadsweep ransomware').map((r) => r.id)).toEqual(plain.search('roadsweep ransomware').map((r) => r.id));
  });

  it('leaves the index as MiniSearch made it: documents added later are found', () => {
    const index = fresh();
    addAllOnce(index, docs.slice(0, 100));
    index.addAll(docs.slice(100));
    const plain = fresh();
    plain.addAll(docs);
    expect(JSON.stringify(index.toJSON())).toBe(JSON.stringify(plain.toJSON()));
  });

  it('falls back to addAll when the index is not shaped as expected', () => {
    const added: unknown[] = [];
    const odd = { addAll: (d: unknown[]) => added.push(...d) } as unknown as MiniSearch<number>;
    addAllOnce(odd, [1, 2, 3]);
    expect(added).toEqual([1, 2, 3]);
  });
});
