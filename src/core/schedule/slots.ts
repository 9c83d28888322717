import { parse } from 'node-cron';
import { localParts, offsetAt } from './zones.js';

/**
 * When a five-field cron expression fires in a time zone.
 *
 * node-cron expands the fields (names, ranges, steps), but its own next-run search skips
 * a day entirely when the time falls in the hour a spring clock change removes, and it
 * only searches from the real current time. This walker fixes both:
 *
 * - a local time that does not exist (the skipped hour) fires once, at the moment the
 *   clocks jump (02:30 on the spring-forward day in Europe/Tirane fires at 03:00 CEST);
 * - a local time that exists twice (the repeated autumn hour) fires once, at its first
 *   occurrence, unless the expression runs every hour (`every-minute`, `hourly`), which
 *   then keeps running through both passes, as elapsed time demands;
 * - day-of-month and day-of-week follow classic cron: when both are restricted, either matches.
 */
export interface CronFields {
  minutes: number[];
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Day-of-month or day-of-week written as `*` (or `?`): the other one alone decides. */
  domAny: boolean;
  dowAny: boolean;
  everyHour: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// UTC offsets range from -12:00 to +14:00; an hour more either side for safety.
const MAX_AHEAD = 15 * HOUR;
const MAX_BEHIND = 13 * HOUR;
// Long enough for 29 February on a given weekday to come round.
const MAX_DAYS = 366 * 30;

const compiled = new Map<string, CronFields>();

export function compileCron(expression: string): CronFields {
  const hit = compiled.get(expression);
  if (hit) return hit;
  const raw = expression.trim().split(/\s+/);
  if (raw.length !== 5) throw new Error(`expected five cron fields, got ${raw.length}`);
  const p = parse(expression);
  const numbers = (xs: (number | string)[], field: string) =>
    xs.map((x) => {
      if (typeof x !== 'number') throw new Error(`the ${field} field uses "${x}", which is not supported`);
      return x;
    });
  const hours = [...p.hour].sort((a, b) => a - b);
  const fields: CronFields = {
    minutes: [...p.minute].sort((a, b) => a - b),
    hours,
    daysOfMonth: new Set(numbers(p.dayOfMonth, 'day-of-month')),
    months: new Set(p.month),
    weekdays: new Set(numbers(p.dayOfWeek, 'day-of-week').map((d) => d % 7)),
    domAny: /^[*?]/.test(raw[2]!),
    dowAny: /^[*?]/.test(raw[4]!),
    everyHour: hours.length === 24,
  };
  if (compiled.size > 1000) compiled.clear();
  compiled.set(expression, fields);
  return fields;
}

function dayMatches(f: CronFields, year: number, month: number, day: number): boolean {
  if (!f.months.has(month)) return false;
  const dom = f.daysOfMonth.has(day);
  if (f.domAny && f.dowAny) return true;
  const dow = f.weekdays.has(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
  if (f.domAny) return dow;
  if (f.dowAny) return dom;
  return dom || dow;
}

/** The offsets around one local day, and the instant the clocks change if they do. */
interface DayOffsets {
  before: number;
  after: number;
  change: number;
}

const dayCache = new Map<string, DayOffsets>();

function dayOffsets(tz: string, dayStartUtc: number): DayOffsets {
  const key = `${tz}|${dayStartUtc}`;
  const hit = dayCache.get(key);
  if (hit) return hit;
  const lo = dayStartUtc - MAX_AHEAD;
  const hi = dayStartUtc + DAY + MAX_BEHIND;
  const before = offsetAt(tz, lo);
  const after = offsetAt(tz, hi);
  let change = Infinity;
  if (before !== after) {
    // One change at most in this window (no zone changes twice in two days): find it to the second.
    let a = lo;
    let b = hi;
    while (b - a > 1000) {
      const mid = a + Math.floor((b - a) / 2000) * 1000;
      if (offsetAt(tz, mid) === before) a = mid;
      else b = mid;
    }
    change = b;
  }
  const value = { before, after, change };
  if (dayCache.size > 20_000) dayCache.clear();
  dayCache.set(key, value);
  return value;
}

/** Every instant the expression fires on one local calendar day, ascending. */
function firingsOnDay(f: CronFields, tz: string, year: number, month: number, day: number): number[] {
  if (!dayMatches(f, year, month, day)) return [];
  const start = Date.UTC(year, month - 1, day);
  const o = dayOffsets(tz, start);
  const out: number[] = [];
  for (const h of f.hours) {
    for (const m of f.minutes) {
      const wall = start + h * HOUR + m * 60_000;
      if (o.change === Infinity) {
        out.push(wall - o.before);
        continue;
      }
      const early = wall - o.before;
      const late = wall - o.after;
      const earlyValid = early < o.change;
      const lateValid = late >= o.change;
      if (earlyValid && lateValid) {
        // The repeated hour: the first pass, and the second too for hourly-or-faster schedules.
        out.push(Math.min(early, late));
        if (f.everyHour) out.push(Math.max(early, late));
      } else if (earlyValid) out.push(early);
      else if (lateValid) out.push(late);
      else out.push(o.change); // the skipped hour: fire when the clocks jump
    }
  }
  out.sort((a, b) => a - b);
  return out.filter((t, i) => i === 0 || t !== out[i - 1]);
}

/**
 * The first firing on a local day after `after`. On the days without a clock change
 * (all but two a year) wall time maps to instants by one offset, so it can step straight
 * to the answer instead of listing the whole day (1,440 entries for every-minute).
 */
function firstOnDayAfter(f: CronFields, tz: string, year: number, month: number, day: number, after: number): number | undefined {
  if (!dayMatches(f, year, month, day)) return undefined;
  const start = Date.UTC(year, month - 1, day);
  const o = dayOffsets(tz, start);
  if (o.change !== Infinity) return firingsOnDay(f, tz, year, month, day).find((t) => t > after);
  const threshold = after + o.before; // wall time must be later than this
  for (const h of f.hours) {
    const hourStart = start + h * HOUR;
    if (hourStart + HOUR <= threshold) continue;
    for (const m of f.minutes) {
      const wall = hourStart + m * 60_000;
      if (wall > threshold) return wall - o.before;
    }
  }
  return undefined;
}

/** The last firing on a local day at or before `atOrBefore`. */
function lastOnDayAtOrBefore(f: CronFields, tz: string, year: number, month: number, day: number, atOrBefore: number): number | undefined {
  if (!dayMatches(f, year, month, day)) return undefined;
  const start = Date.UTC(year, month - 1, day);
  const o = dayOffsets(tz, start);
  if (o.change !== Infinity) return firingsOnDay(f, tz, year, month, day).findLast((t) => t <= atOrBefore);
  const threshold = atOrBefore + o.before;
  for (let i = f.hours.length - 1; i >= 0; i--) {
    const hourStart = start + f.hours[i]! * HOUR;
    if (hourStart > threshold) continue;
    for (let j = f.minutes.length - 1; j >= 0; j--) {
      const wall = hourStart + f.minutes[j]! * 60_000;
      if (wall <= threshold) return wall - o.before;
    }
  }
  return undefined;
}

function shiftDay(y: number, m: number, d: number, by: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + by));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

function fieldsOf(cron: string | CronFields): CronFields {
  return typeof cron === 'string' ? compileCron(cron) : cron;
}

/** The first firing strictly after `after` (epoch ms), or undefined if it never fires again. */
export function nextSlot(cron: string | CronFields, tz: string, after: number): number | undefined {
  const f = fieldsOf(cron);
  const p = localParts(tz, after);
  let [y, m, d] = shiftDay(p.year, p.month, p.day, -1);
  let best: number | undefined;
  for (let i = 0; i < MAX_DAYS; i++) {
    // Nothing on this day or later can beat what was found.
    if (best !== undefined && Date.UTC(y, m - 1, d) - MAX_AHEAD > best) break;
    const t = firstOnDayAfter(f, tz, y, m, d, after);
    if (t !== undefined && (best === undefined || t < best)) best = t;
    [y, m, d] = shiftDay(y, m, d, 1);
  }
  return best;
}

/** The latest firing at or before `atOrBefore`, or undefined if none in the searched past. */
export function previousSlot(cron: string | CronFields, tz: string, atOrBefore: number, maxDays = 400): number | undefined {
  const f = fieldsOf(cron);
  const p = localParts(tz, atOrBefore);
  let [y, m, d] = shiftDay(p.year, p.month, p.day, 1);
  let best: number | undefined;
  for (let i = 0; i < maxDays; i++) {
    if (best !== undefined && Date.UTC(y, m - 1, d) + DAY + MAX_BEHIND < best) break;
    const t = lastOnDayAtOrBefore(f, tz, y, m, d, atOrBefore);
    if (t !== undefined && (best === undefined || t > best)) best = t;
    [y, m, d] = shiftDay(y, m, d, -1);
  }
  return best;
}

/** The next `count` firings after `after`. */
export function nextSlots(cron: string | CronFields, tz: string, after: number, count: number): number[] {
  const out: number[] = [];
  let t = after;
  for (let i = 0; i < count; i++) {
    const n = nextSlot(cron, tz, t);
    if (n === undefined) break;
    out.push(n);
    t = n;
  }
  return out;
}
