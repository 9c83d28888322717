import { describe, expect, it } from 'vitest';
import { Briefing } from '../../../src/core/briefing/briefing.js';
import { PostComposer } from '../../../src/core/schedule/posts.js';
import { casePack } from '../../helpers.js';
import { text } from './support.js';

const pack = casePack();
const composer = new PostComposer(new Briefing(pack));

describe('daily: the case in parts', () => {
  it('walks the sections in order, one per post, and starts over after the last', () => {
    const n = pack.sections.length;
    let part = 1;
    const titles: string[] = [];
    for (let i = 0; i < n + 1; i++) {
      const post = composer.daily(part);
      titles.push(post.reply.title ?? '');
      expect(post.reply.visibility).toBe('public');
      expect(post.reply.citations.length).toBeGreaterThan(0);
      // Every [n] in the text has its citation.
      const cited = new Set([...text(post.reply).matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
      expect([...cited].every((c) => post.reply.citations.some((x) => x.n === c))).toBe(true);
      part = post.nextPart!;
    }
    expect(titles[0]).toBe(`Part 1 of ${n}: ${pack.sections[0]!.title}`);
    expect(titles[n - 1]).toBe(`Part ${n} of ${n}: ${pack.sections[n - 1]!.title}`);
    expect(titles[n]).toBe(titles[0]);
    expect(text(composer.daily(n).reply)).toMatch(/series starts again with Part 1/);
    expect(text(composer.daily(2).reply)).toMatch(new RegExp(`Next time: Part 3 of ${n}`));
  });

  it('fits one post: the short version when the standard one would need pages', () => {
    for (let p = 1; p <= pack.sections.length; p++) {
      const r = composer.daily(p).reply;
      expect(r.actions.some((a) => a.kind === 'next')).toBe(false);
      expect(text(r).length).toBeLessThan(4000);
    }
  });

  it('an out-of-range position starts at part 1', () => {
    expect(composer.daily(999).reply.title).toMatch(/^Part 1 of/);
  });

  it('reads the position per subscription', () => {
    const c = new PostComposer(new Briefing(pack), { nextPart: (id) => id });
    expect(c.compose({ id: 3, kind: 'daily', timezone: 'UTC' }, 0).reply.title).toMatch(/^Part 3 of/);
  });
});

describe('on-this-day', () => {
  it('lists events whose anniversary is today in the time zone, with how long ago', () => {
    // The first attack: 15 July 2022. 15 July 2026, 00:30 in Tirane is still 14 July in UTC.
    const at = Date.UTC(2026, 6, 14, 22, 30);
    const r = composer.onThisDay(at, 'Europe/Tirane');
    expect(r.title).toBe('On this day: 15 July');
    const dated = pack.events.filter((e) => e.start.month === 7 && e.start.day === 15);
    expect(dated.length).toBeGreaterThan(0);
    expect(text(r)).toContain(dated[0]!.title);
    expect(text(r)).toContain(`${2026 - dated[0]!.start.year} years ago`);
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.visibility).toBe('public');
    expect(composer.onThisDay(at, 'UTC').title).toBe('On this day: 14 July');
  });

  it('on a day with none, gives the nearest upcoming anniversary', () => {
    const days = new Set(pack.events.filter((e) => e.start.day !== undefined).map((e) => `${e.start.month}-${e.start.day}`));
    let t = Date.UTC(2026, 0, 1, 12);
    while (days.has(`${new Date(t).getUTCMonth() + 1}-${new Date(t).getUTCDate()}`)) t += 86_400_000;
    const r = composer.onThisDay(t, 'UTC');
    expect(text(r)).toMatch(/Nothing in the timeline happened on .*The next anniversary is \d+ \w+, (tomorrow|in \d+ days)/s);
    expect(r.citations.length).toBeGreaterThan(0);
  });
});

describe('weekly', () => {
  it('the short overview and the latest developments, with citations', () => {
    const r = composer.weekly();
    expect(r.title).toContain(pack.meta.shortTitle);
    const latest = [...pack.events].pop()!;
    expect(text(r)).toContain(latest.title);
    expect(text(r)).toContain('Latest developments');
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.visibility).toBe('public');
    expect(r.actions.map((a) => a.kind)).toEqual(expect.arrayContaining(['more', 'sources', 'feedback-up', 'feedback-down']));
  });
});
