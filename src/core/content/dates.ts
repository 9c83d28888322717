/** Dates of year, month or day precision, as the pack writes them: "2022", "2022-09", "2022-09-07". */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
  /** The date as written. */
  iso: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses an ISO partial date; returns an error message for malformed or impossible ones. */
export function parsePartialDate(text: string): PartialDate | { error: string } {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (!m) return { error: `"${text}" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD` };
  const year = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12)) return { error: `"${text}" has no month ${month}` };
  if (day !== undefined && month !== undefined && (day < 1 || day > daysInMonth(year, month))) {
    return { error: `"${text}" is not a day of ${MONTHS[month - 1]} ${year}` };
  }
  return { year, month, day, iso: text.trim() };
}

/** The first and last day a partial date covers, as comparable numbers (yyyymmdd). */
export function dateSpan(d: PartialDate): [number, number] {
  const y = d.year * 10000;
  if (d.month === undefined) return [y + 101, y + 1231];
  const ym = y + d.month * 100;
  if (d.day === undefined) return [ym + 1, ym + daysInMonth(d.year, d.month)];
  return [ym + d.day, ym + d.day];
}

export function formatDate(d: PartialDate): string {
  if (d.month === undefined) return String(d.year);
  const month = MONTHS[d.month - 1]!;
  return d.day === undefined ? `${month} ${d.year}` : `${d.day} ${month} ${d.year}`;
}

export function formatShortDate(d: PartialDate): string {
  if (d.month === undefined) return String(d.year);
  const month = MONTHS[d.month - 1]!.slice(0, 3);
  return d.day === undefined ? `${month} ${d.year}` : `${d.day} ${month} ${d.year}`;
}

export function monthName(month: number): string {
  return MONTHS[month - 1]!;
}

export function monthIndex(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.toLowerCase().startsWith(w) || (w === 'sept' && m === 'September'));
  return i < 0 ? undefined : i + 1;
}
