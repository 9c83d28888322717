import type { Briefing } from '../briefing/briefing.js';
import { Citer } from '../briefing/citer.js';
import { blockLength, reply, type Action, type Block, type Reply } from '../briefing/document.js';
import { PAGE_BUDGET } from '../briefing/paging.js';
import { dateSpan, formatShortDate, monthName } from '../content/dates.js';
import type { TimelineEvent } from '../content/pack.js';
import type { Kind } from './when.js';
import { localParts } from './zones.js';

export interface ComposedPost {
  reply: Reply;
  /** For the daily series: the part to post next time, saved once this one is delivered. */
  nextPart?: number;
}

export interface PostTarget {
  id?: number;
  kind: Kind;
  timezone: string;
}

/** Where each subscription's daily series has got to. */
export interface SeriesPositions {
  nextPart(subscriptionId: number): number;
}

const LATEST_EVENTS = 5;
const DAY = 86_400_000;

function feedback(kind: Kind): Action[] {
  const command = `/schedule preview ${kind}`;
  return [
    { kind: 'feedback-up', label: '👍', command },
    { kind: 'feedback-down', label: '👎', command },
  ];
}

function yearsAgo(n: number): string {
  if (n <= 0) return 'today';
  return n === 1 ? '1 year ago' : `${n} years ago`;
}

/** What a scheduled post says, for each kind. Public, with its citations and buttons. */
export class PostComposer {
  // A post depends only on the pack (fixed while running) and its part or local date, and
  // thousands of subscriptions due at once mostly share them: compose each once.
  private readonly cache = new Map<string, ComposedPost>();

  constructor(
    private readonly briefing: Briefing,
    private readonly series?: SeriesPositions,
  ) {}

  compose(target: PostTarget, at: number): ComposedPost {
    switch (target.kind) {
      case 'daily': {
        const part = target.id === undefined ? 1 : (this.series?.nextPart(target.id) ?? 1);
        return this.cached(`daily|${part}`, () => this.daily(part));
      }
      case 'on-this-day': {
        const d = localParts(target.timezone, at);
        return this.cached(`on-this-day|${d.year}-${d.month}-${d.day}`, () => ({ reply: this.onThisDay(at, target.timezone) }));
      }
      case 'weekly':
        return this.cached('weekly', () => ({ reply: this.weekly() }));
    }
  }

  private cached(key: string, make: () => ComposedPost): ComposedPost {
    let hit = this.cache.get(key);
    if (!hit) {
      if (this.cache.size >= 256) this.cache.clear();
      hit = make();
      this.cache.set(key, hit);
    }
    // A fresh top-level object each time, so one post's reply cannot be changed through another's.
    return { ...hit, reply: { ...hit.reply } };
  }

  /** One section of the case per post, in order, starting over after the last. */
  daily(part: number): ComposedPost {
    const sections = this.briefing.pack.sections;
    if (!sections.length) return { reply: this.publish(this.briefing.overview('standard'), 'daily') };
    const n = part >= 1 && part <= sections.length ? Math.floor(part) : 1;
    const section = sections[n - 1]!;
    let r = this.briefing.section(section, 'standard');
    const tooLong = r.actions.some((a) => a.kind === 'next') || r.blocks.reduce((t, b) => t + blockLength(b), 0) > PAGE_BUDGET;
    if (tooLong) r = this.briefing.section(section, 'short');
    const next = (n % sections.length) + 1;
    const upcoming = sections[next - 1]!;
    const note: Block = {
      type: 'context',
      text: next === 1 ? `That was the last part. Next time the series starts again with Part 1: ${upcoming.title}.` : `Next time: Part ${next} of ${sections.length}: ${upcoming.title}.`,
    };
    // Paging buttons lead to a private lookup; a channel post offers the whole section instead.
    const actions = r.actions.filter((a) => a.kind !== 'next');
    return { reply: this.publish({ ...r, blocks: [...r.blocks, note], actions }, 'daily'), nextPart: next };
  }

  /** Events whose anniversary is today in the subscriber's time zone, or else the next ones to come. */
  onThisDay(at: number, timezone: string): Reply {
    const today = localParts(timezone, at);
    const dated = this.briefing.pack.events.filter((e) => e.start.month !== undefined && e.start.day !== undefined);
    const title = `On this day: ${today.day} ${monthName(today.month)}`;
    if (!dated.length) {
      return this.publish(reply({ title, blocks: [{ type: 'paragraph', text: 'The timeline has no events dated to the day, so there are no anniversaries to mark.' }] }), 'on-this-day');
    }
    const c = new Citer(this.briefing.pack);
    const item = (e: TimelineEvent, year: number) => ({
      label: `${formatShortDate(e.start)} · ${yearsAgo(year - e.start.year)}`,
      text: `${e.title}. ${c.cite(e.text)}`,
    });
    const todays = dated.filter((e) => e.start.year <= today.year && anniversaryMatches(e, today.year, today.month, today.day));
    if (todays.length) {
      return this.publish(
        reply({
          title,
          blocks: [{ type: 'list', items: todays.map((e) => item(e, today.year)) }],
          citations: c.citations(),
          actions: [{ kind: 'more', label: 'Timeline', command: `/timeline ${todays[0]!.start.year}` }],
        }),
        'on-this-day',
      );
    }
    const next = nearestUpcoming(dated, today.year, today.month, today.day);
    if (!next) {
      return this.publish(reply({ title, blocks: [{ type: 'paragraph', text: `Nothing in the timeline happened on ${today.day} ${monthName(today.month)}, and no anniversary falls in the coming year.` }] }), 'on-this-day');
    }
    const when = next.inDays === 1 ? 'tomorrow' : `in ${next.inDays} days`;
    return this.publish(
      reply({
        title,
        blocks: [
          { type: 'paragraph', text: `Nothing in the timeline happened on ${today.day} ${monthName(today.month)}. The next anniversary is ${next.day} ${monthName(next.month)}, ${when}:` },
          { type: 'list', items: next.events.map((e) => item(e, next.year)) },
        ],
        citations: c.citations(),
        actions: [{ kind: 'more', label: 'Timeline', command: `/timeline ${next.events[0]!.start.year}` }],
      }),
      'on-this-day',
    );
  }

  /** The short overview and the most recent events in the timeline. */
  weekly(): Reply {
    const pack = this.briefing.pack;
    const c = new Citer(pack);
    const latest = [...pack.events]
      .sort((a, b) => dateSpan(a.until ?? a.start)[1] - dateSpan(b.until ?? b.start)[1])
      .slice(-LATEST_EVENTS);
    const blocks: Block[] = [{ type: 'paragraph', text: c.cite(pack.overview.short) }];
    if (latest.length) {
      blocks.push(
        { type: 'context', text: 'Latest developments' },
        { type: 'list', items: latest.map((e) => ({ label: `${formatShortDate(e.start)}${e.until ? ` – ${formatShortDate(e.until)}` : ''}`, text: `${e.title}. ${c.cite(e.text)}` })) },
      );
    }
    const newest = latest[latest.length - 1];
    return this.publish(
      reply({
        title: `Weekly briefing: ${pack.meta.shortTitle}`,
        blocks,
        citations: c.citations(),
        actions: [
          { kind: 'more', label: 'Full overview', command: '/brief overview standard' },
          ...(newest ? [{ kind: 'more' as const, label: 'Timeline', command: `/timeline ${newest.start.year}` }] : []),
          { kind: 'sources', label: 'Sources', command: '/sources' },
        ],
      }),
      'weekly',
    );
  }

  private publish(r: Reply, kind: Kind): Reply {
    return { ...r, visibility: 'public', actions: [...r.actions, ...feedback(kind)] };
  }
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** An event's anniversary in a given year; 29 February is kept on the 28th in other years. */
function anniversary(e: TimelineEvent, year: number): [number, number] {
  const m = e.start.month!;
  const d = e.start.day!;
  return m === 2 && d === 29 && !isLeap(year) ? [2, 28] : [m, d];
}

function anniversaryMatches(e: TimelineEvent, year: number, month: number, day: number): boolean {
  const [m, d] = anniversary(e, year);
  return m === month && d === day;
}

function nearestUpcoming(events: TimelineEvent[], year: number, month: number, day: number) {
  const today = Date.UTC(year, month - 1, day);
  let best: { at: number; year: number; month: number; day: number; events: TimelineEvent[] } | undefined;
  for (const e of events) {
    // An anniversary comes after the event itself: events dated after today wait for their first.
    for (const y of [year, year + 1].filter((y) => y > e.start.year)) {
      const [m, d] = anniversary(e, y);
      const at = Date.UTC(y, m - 1, d);
      if (at <= today) continue;
      if (!best || at < best.at) best = { at, year: y, month: m, day: d, events: [e] };
      else if (at === best.at) best.events.push(e);
      break;
    }
  }
  if (!best) return undefined;
  return { ...best, inDays: Math.round((best.at - today) / DAY) };
}
