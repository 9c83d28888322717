import { distance } from 'fastest-levenshtein';
import { quoteUser } from '../briefing/sanitize.js';

/** Wall-clock fields of an instant in a time zone. Weekday: 0 = Sunday, as in cron. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const ZONE_EXAMPLES = 'Europe/Tirane, America/New_York or UTC';

// Creating an Intl.DateTimeFormat costs far more than using one; every time zone keeps its own.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
const nameFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(tz, f);
  }
  return f;
}

export function localParts(tz: string, instant: number): LocalParts {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(tz).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  const year = out.year!;
  const month = out.month!;
  const day = out.day!;
  return { year, month, day, hour: out.hour! % 24, minute: out.minute!, second: out.second!, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** The zone's offset from UTC at an instant, in milliseconds (+3_600_000 for CET). */
export function offsetAt(tz: string, instant: number): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const p = localParts(tz, whole);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

let zoneList: string[] | undefined;
function knownZones(): string[] {
  zoneList ??= [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  return zoneList;
}

export type ZoneResult = { zone: string } | { error: string };

/**
 * Accepts an IANA zone in any letter case and returns its proper spelling, or a message
 * with the closest names. Legacy names Intl still accepts (CET, EST5EDT) are kept as typed.
 */
export function resolveTimeZone(input: string): ZoneResult {
  const text = input.trim();
  if (!text) return { error: `Give a time zone by its IANA name, such as ${ZONE_EXAMPLES}.` };
  const shown = quoteUser(text, 64);
  if (text.length <= 64 && /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(text)) {
    const exact = knownZones().find((z) => z.toLowerCase() === text.toLowerCase());
    if (exact) return { zone: exact };
    try {
      const resolved = new Intl.DateTimeFormat('en', { timeZone: text }).resolvedOptions().timeZone;
      return { zone: resolved.toLowerCase() === text.toLowerCase() ? resolved : text };
    } catch {
      // fall through to the suggestions
    }
  }
  const near = suggestZones(text);
  const hint = near.length ? ` Did you mean ${near.join(' or ')}?` : '';
  return { error: `"${shown}" is not a time zone I know.${hint} Use an IANA name such as ${ZONE_EXAMPLES}.` };
}

function suggestZones(text: string): string[] {
  if (text.length > 64) return [];
  const q = text.toLowerCase().replace(/\s+/g, '_');
  const city = q.split('/').pop() ?? q;
  return knownZones()
    .map((z) => {
      const lz = z.toLowerCase();
      return { z, d: Math.min(distance(q, lz), distance(city, lz.split('/').pop() ?? lz)) };
    })
    .filter((s) => s.d <= 2)
    .sort((a, b) => a.d - b.d)
    .slice(0, 2)
    .map((s) => s.z);
}

function zoneName(tz: string, instant: number, locale: string): string {
  const key = `${locale}|${tz}`;
  let f = nameFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: 'short' });
    nameFormatters.set(key, f);
  }
  return f.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? tz;
}

/** "CET", "EST", "UTC" where a well-known abbreviation exists, else "GMT+5:30". */
export function zoneAbbreviation(tz: string, instant: number): string {
  // en-GB knows the European abbreviations, en-US the American ones.
  for (const locale of ['en-GB', 'en-US']) {
    const n = zoneName(tz, instant, locale);
    if (!/^GMT[+-]/.test(n)) return n;
  }
  return zoneName(tz, instant, 'en-GB');
}

/** "Mon 24 Nov 2026, 09:00 CET": an instant as people in that zone read it. */
export function formatInZone(instant: number, tz: string): string {
  const p = localParts(tz, instant);
  const hh = String(p.hour).padStart(2, '0');
  const mm = String(p.minute).padStart(2, '0');
  return `${WEEKDAYS[p.weekday]} ${p.day} ${MONTHS[p.month - 1]} ${p.year}, ${hh}:${mm} ${zoneAbbreviation(tz, instant)}`;
}
