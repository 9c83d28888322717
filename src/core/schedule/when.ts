import { validateDetailed } from 'node-cron';
import { quoteUser } from '../briefing/sanitize.js';
import { compileCron, nextSlot } from './slots.js';
import { resolveTimeZone } from './zones.js';

export const KINDS = ['daily', 'on-this-day', 'weekly'] as const;
export type Kind = (typeof KINDS)[number];

export interface WhenSpec {
  cron: string;
  timezone: string;
  kind: Kind;
  /** The schedule as the person wrote it, without the zone and kind: shown in /schedule list. */
  label: string;
}

export type WhenResult = { ok: true; value: WhenSpec } | { ok: false; error: string; hint: string };

export interface WhenInput {
  when: string;
  timezone?: string;
  kind?: string;
  defaultTimezone: string;
  /** For checking the schedule comes round at all; the system clock unless injected. */
  now?: number;
}

const MAX_INPUT = 200;
const PRESETS_HINT = 'Try daily 09:00, weekdays 08:30, weekly mon 09:00, hourly, or a five-field cron expression such as 0 9 * * 1-5.';

const DAYS: Record<string, number> = {
  sun: 0, sunday: 0, mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3,
  thu: 4, thur: 4, thurs: 4, thursday: 4, fri: 5, friday: 5, sat: 6, saturday: 6,
};

const FIELD_NAMES: Record<string, { name: string; range: string }> = {
  minute: { name: 'minute', range: '0–59' },
  hour: { name: 'hour', range: '0–23' },
  dayOfMonth: { name: 'day-of-month', range: '1–31' },
  month: { name: 'month', range: '1–12 or jan–dec' },
  dayOfWeek: { name: 'day-of-week', range: '0–7 or sun–sat' },
};
const FIELD_ORDER = ['minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'];

const fail = (error: string, hint = PRESETS_HINT): WhenResult => ({ ok: false, error, hint });

function isKind(word: string | undefined): word is Kind {
  return (KINDS as readonly string[]).includes((word ?? '').toLowerCase());
}

/** Could this word be meant as a time zone rather than a cron field or a time? */
function looksLikeZone(word: string): boolean {
  if (!/^[A-Za-z]/.test(word)) return false;
  if (word.includes('/')) return true;
  if (/^(utc|gmt|z)$/i.test(word)) return true;
  // Day and month names are cron fields, not zones; three-letter zones like CET are rare but legal.
  if (DAYS[word.toLowerCase()] !== undefined || /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(word)) return false;
  return 'zone' in resolveTimeZone(word);
}

/** "09:00", "9:30", "9", "9am", "5:15pm" → [hour, minute]. */
export function parseTime(text: string): [number, number] | { error: string } {
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!m) return { error: `"${quoteUser(text, 20)}" is not a time. Write it as HH:MM on a 24-hour clock, such as 09:00 or 17:30.` };
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  const ampm = m[3]?.toLowerCase();
  if (ampm) {
    if (hour < 1 || hour > 12) return { error: `"${quoteUser(text, 20)}" is not a time: with am or pm the hour is 1 to 12.` };
    hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return { error: `"${quoteUser(text, 20)}" is not a time of day. Use 00:00 to 23:59, such as 09:00.` };
  return [hour, minute];
}

/** A word left over after a preset's time: most likely a misspelt time zone. */
function leftover(head: string, word: string, example: string): { error: string; hint?: string } {
  if (/^[A-Za-z]/.test(word)) {
    const z = resolveTimeZone(word);
    if ('error' in z) return { error: z.error, hint: `For example: /schedule add ${example} Europe/Tirane` };
  }
  return { error: `${head} takes one time, for example ${example}.` };
}

function preset(words: string[]): { cron: string } | { error: string; hint?: string } | undefined {
  const [head = '', ...rest] = words.map((w) => w.toLowerCase());
  const timeOf = (text: string | undefined, example: string): [number, number] | { error: string } =>
    text ? parseTime(text) : { error: `${head} needs a time, for example ${example}.` };
  switch (head) {
    case 'every-minute':
    case 'minutely':
      return rest.length ? leftover(head, words[1]!, 'every-minute') : { cron: '* * * * *' };
    case 'every':
      return rest[0] === 'minute' && rest.length === 1 ? { cron: '* * * * *' } : undefined;
    case 'hourly':
      return rest.length
        ? { error: 'hourly runs at the start of every hour and takes no time; for another minute use a cron expression such as 15 * * * *.' }
        : { cron: '0 * * * *' };
    case 'daily':
    case 'weekdays': {
      const example = `${head} 09:00`;
      if (rest.length > 1) return leftover(head, words[2]!, example);
      const t = timeOf(rest[0], example);
      if (!Array.isArray(t)) return t;
      return { cron: `${t[1]} ${t[0]} * * ${head === 'daily' ? '*' : '1-5'}` };
    }
    case 'weekly': {
      const day = rest[0] === undefined ? undefined : DAYS[rest[0].replace(/\.$/, '')];
      if (day === undefined) {
        return {
          error: rest[0] ? `"${quoteUser(rest[0], 20)}" is not a day of the week.` : 'weekly needs a day and a time.',
          hint: 'For example: weekly mon 09:00 (or tue, wed, thu, fri, sat, sun).',
        };
      }
      const example = `weekly ${rest[0]} 09:00`;
      if (rest.length > 2) return leftover(head, words[3]!, example);
      const t = timeOf(rest[1], example);
      if (!Array.isArray(t)) return t;
      return { cron: `${t[1]} ${t[0]} * * ${day}` };
    }
    default:
      return undefined;
  }
}

function checkCron(fields: string[]): { cron: string } | { error: string; hint: string } {
  const example = 'For example: 0 9 * * 1-5 (09:00 Monday to Friday). The fields are minute, hour, day-of-month, month, day-of-week.';
  if (fields.length === 6) {
    return {
      error: 'Six-field cron expressions (with seconds) are not supported: briefings run at most once a minute.',
      hint: `Drop the seconds field. ${example}`,
    };
  }
  if (fields.length !== 5) {
    return { error: `A cron expression has five fields; that has ${fields.length}.`, hint: example };
  }
  const cron = fields.join(' ');
  const res = validateDetailed(cron);
  if (!res.valid) {
    const e = [...res.errors].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))[0];
    const f = e ? FIELD_NAMES[e.field] : undefined;
    if (e && f) {
      const value = e.value ?? fields[FIELD_ORDER.indexOf(e.field)] ?? '';
      const impossible = /impossible/.test(e.message);
      return {
        error: impossible
          ? `The ${f.name} field "${quoteUser(value, 20)}" never happens in the months given.`
          : `The ${f.name} field "${quoteUser(value, 20)}" is not valid: it takes ${f.range}.`,
        hint: example,
      };
    }
    return { error: 'That cron expression is not valid.', hint: example };
  }
  try {
    compileCron(cron);
  } catch (err) {
    return { error: `That cron expression is not supported: ${(err as Error).message}.`, hint: `L, W and # are not supported. ${example}` };
  }
  return { cron };
}

/**
 * Parses `/schedule add`'s `when`: a preset or a cron expression, optionally followed
 * by an IANA time zone and a kind when those options were not given separately
 * ("weekly mon 09:00 Europe/Tirane weekly").
 */
export function parseWhen(input: WhenInput): WhenResult {
  const text = input.when.replace(/\s+/g, ' ').trim();
  if (!text) return fail('When should I post? Give a schedule.');
  if (text.length > MAX_INPUT) return fail(`That schedule is too long (${text.length} characters); a schedule is a few words.`);
  const words = text.split(' ');

  let kind = input.kind?.trim().toLowerCase() || undefined;
  let zone = input.timezone?.trim() || undefined;
  // The trailing words may be the zone and the kind, in either order; never the first word ("daily 09:00").
  for (let i = 0; i < 2 && words.length > 1; i++) {
    const last = words[words.length - 1]!;
    if (kind === undefined && isKind(last)) kind = words.pop()!.toLowerCase();
    else if (zone === undefined && looksLikeZone(last)) zone = words.pop()!;
    else break;
  }
  if (kind !== undefined && !isKind(kind)) {
    return fail(`"${quoteUser(kind, 30)}" is not a kind of briefing.`, 'Kinds: daily (the case in parts), on-this-day, weekly. For example: /schedule add daily 09:00 kind:weekly');
  }

  let timezone = input.defaultTimezone;
  if (zone !== undefined) {
    const z = resolveTimeZone(zone);
    if ('error' in z) return fail(z.error, `For example: /schedule add daily 09:00 Europe/Tirane`);
    timezone = z.zone;
  }

  const found = preset(words);
  let cron: string;
  if (found && 'error' in found) return fail(found.error, found.hint);
  if (found) cron = found.cron;
  else if (words.length >= 3 || /^[\d*?]/.test(words[0] ?? '')) {
    const checked = checkCron(words);
    if ('error' in checked) return fail(checked.error, checked.hint);
    cron = checked.cron;
  } else {
    return fail(`I don't understand the schedule "${quoteUser(words.join(' '), 60)}".`);
  }

  if (nextSlot(cron, timezone, input.now ?? Date.now()) === undefined) {
    return fail('That schedule never comes round.', 'For example: 0 9 * * 1-5 (09:00 Monday to Friday).');
  }
  return { ok: true, value: { cron, timezone, kind: (kind as Kind | undefined) ?? 'daily', label: words.join(' ') } };
}

