import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/core/briefing/document.js';
import { blockLength } from '../../../src/core/briefing/document.js';
import { PAGE_BUDGET, paginate, paginateBlocks } from '../../../src/core/briefing/paging.js';

interface Item {
  id: number;
  size: number;
}

const items = (sizes: number[]): Item[] => sizes.map((size, id) => ({ id, size }));
const size = (i: Item) => i.size;

/** Every page, by asking for each page number in turn. */
function allPages(list: Item[], budget: number): Item[][] {
  const first = paginate(list, size, 1, budget);
  return Array.from({ length: first.pages }, (_, i) => paginate(list, size, i + 1, budget).items);
}

describe('paginate', () => {
  it('fills pages up to the budget, in order', () => {
    const pages = allPages(items([40, 40, 40, 40, 40]), 100);
    expect(pages.map((p) => p.map((i) => i.id))).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('allows a page to reach the budget exactly', () => {
    expect(allPages(items([50, 50, 50]), 100).map((p) => p.length)).toEqual([2, 1]);
  });

  it('puts an item larger than the budget on a page of its own, uncut', () => {
    const pages = allPages(items([10, 500, 10]), 100);
    expect(pages.map((p) => p.map((i) => i.id))).toEqual([[0], [1], [2]]);
  });

  it('never splits or reorders items and respects the budget (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 40 }), fc.integer({ min: 1, max: 400 }), (sizes, budget) => {
        const list = items(sizes);
        const pages = allPages(list, budget);
        expect(pages.flat()).toEqual(list);
        for (const p of pages) {
          const total = p.reduce((n, i) => n + i.size, 0);
          if (p.length > 1) expect(total).toBeLessThanOrEqual(budget);
        }
        // Greedy: no page could have taken the first item of the next one.
        for (let k = 0; k + 1 < pages.length; k++) {
          const total = pages[k]!.reduce((n, i) => n + i.size, 0);
          expect(total + pages[k + 1]![0]!.size).toBeGreaterThan(budget);
        }
      }),
    );
  });

  it('clamps the page number and reports the page count', () => {
    const list = items([60, 60, 60]);
    expect(paginate(list, size, 0, 100)).toMatchObject({ page: 1, pages: 3 });
    expect(paginate(list, size, -5, 100)).toMatchObject({ page: 1, pages: 3 });
    expect(paginate(list, size, 99, 100)).toMatchObject({ page: 3, pages: 3, items: [list[2]] });
    expect(paginate(list, size, Number.NaN, 100)).toMatchObject({ page: 1 });
    expect(paginate(list, size, 2.7, 100)).toMatchObject({ page: 2, items: [list[1]] });
  });

  it('gives one empty page for no items', () => {
    expect(paginate([], size, 1)).toEqual({ items: [], page: 1, pages: 1 });
    expect(paginate([], size, 5)).toEqual({ items: [], page: 1, pages: 1 });
  });
});

describe('paginateBlocks', () => {
  it('measures blocks by their text and uses the default budget', () => {
    const para = (n: number): Block => ({ type: 'paragraph', text: 'x'.repeat(n) });
    const blocks = [para(PAGE_BUDGET - 100), para(200), para(50)];
    const p1 = paginateBlocks(blocks, 1);
    expect(p1.pages).toBe(2);
    expect(p1.items).toEqual([blocks[0]]);
    expect(paginateBlocks(blocks, 2).items).toEqual([blocks[1], blocks[2]]);
  });

  it('counts list items and fields towards the length', () => {
    expect(blockLength({ type: 'list', items: [{ label: 'ab', text: 'cde' }, { text: 'f' }] })).toBe(2 + 3 + 4 + 1 + 4);
    expect(blockLength({ type: 'fields', fields: [{ name: 'Role', value: 'minister' }] })).toBe(4 + 8 + 2);
  });
});
