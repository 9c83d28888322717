import { markersIn, stripMarkers } from '../content/citations.js';
import type { Pack } from '../content/pack.js';
import type { Citation } from './document.js';

/** Numbers the sources a reply cites, in order of first use, and rewrites markers as [n]. */
export class Citer {
  private readonly numbers = new Map<string, number>();

  constructor(private readonly pack: Pack) {}

  number(id: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(id, n);
    }
    return n;
  }

  /** Replaces `[S4][S5]` markers with `[1][2]`. */
  cite(text: string): string {
    const ids = markersIn(text);
    if (!ids.length) return text;
    const parts = text.split(/((?:\s*\[[A-Z]+\d+\])+)/);
    return parts
      .map((part) => {
        const found = markersIn(part);
        if (!found.length) return part;
        const nums = [...new Set(found.map((id) => this.number(id)))];
        return nums.map((n) => `[${n}]`).join('');
      })
      .join('')
      .trim();
  }

  /** Plain text with citation numbers appended for the given source ids. */
  citeIds(text: string, ids: string[]): string {
    const nums = [...new Set(ids.map((id) => this.number(id)))];
    return `${stripMarkers(text)}${nums.length ? ' ' : ''}${nums.map((n) => `[${n}]`).join('')}`;
  }

  citations(): Citation[] {
    return [...this.numbers].map(([id, n]) => {
      const s = this.pack.sources.get(id);
      return s
        ? { n, id, title: s.title, publisher: s.publisher, date: s.date, url: s.url, reliability: s.reliability }
        : { n, id, title: id, publisher: 'unknown source', date: '', reliability: 'low' as const };
    });
  }
}
