import { blockLength, type Block } from './document.js';

/** Characters of text per page: comfortably inside one Slack section and one Discord embed. */
export const PAGE_BUDGET = 2800;

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/**
 * Splits whole items into pages by a character budget. An item is never cut,
 * so no sentence or event is split across pages.
 */
export function paginate<T>(items: T[], size: (item: T) => number, page: number, budget = PAGE_BUDGET): Page<T> {
  const pages: T[][] = [[]];
  let used = 0;
  for (const item of items) {
    const n = size(item);
    const current = pages[pages.length - 1]!;
    if (current.length && used + n > budget) {
      pages.push([item]);
      used = n;
    } else {
      current.push(item);
      used += n;
    }
  }
  const index = Math.min(Math.max(1, Math.floor(page) || 1), pages.length);
  return { items: pages[index - 1]!, page: index, pages: pages.length };
}

export function paginateBlocks(blocks: Block[], page: number, budget = PAGE_BUDGET): Page<Block> {
  return paginate(blocks, blockLength, page, budget);
}
