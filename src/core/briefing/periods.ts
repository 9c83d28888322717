import { dateSpan, daysInMonth, formatDate, monthIndex, parsePartialDate, type PartialDate } from '../content/dates.js';
import { quoteUser } from './sanitize.js';

export interface Period {
  from: number;
  to: number;
  label: string;
}

const EXAMPLE = 'Try 2022, 2022-09, 2022-09-07 or "September 2022".';

/** Reads the ways people write a date in a command: ISO, "sept 2022", "7 September 2022". */
export function parseDateWords(input: string): PartialDate | { error: string } {
  // Anything echoed back goes through quoteUser: no pings, no control characters.
  const text = quoteUser(input.trim().replace(/[,]/g, ' '), 40);
  if (!text) return { error: `No date given. ${EXAMPLE}` };
  if (/^\d{4}(-\d{1,2}(-\d{1,2})?)?$/.test(text)) {
    const [y, m, d] = text.split('-');
    const iso = [y, m?.padStart(2, '0'), d?.padStart(2, '0')].filter(Boolean).join('-');
    const res = parsePartialDate(iso);
    if ('error' in res) {
      const month = Number(m);
      if (m !== undefined && (month < 1 || month > 12)) return { error: `"${text}": the month must be between 01 and 12. ${EXAMPLE}` };
      return { error: `"${text}": ${m} has only ${daysInMonth(Number(y), month)} days. ${EXAMPLE}` };
    }
    return res;
  }
  const words = text.split(' ');
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  for (const w of words) {
    if (/^\d{4}$/.test(w)) year = Number(w);
    else if (/^\d{1,2}(st|nd|rd|th)?$/i.test(w)) day = parseInt(w, 10);
    else if (monthIndex(w)) month = monthIndex(w);
    else return { error: `"${text}" is not a date I can read ("${quoteUser(w, 20)}" is neither a day, a month nor a year). ${EXAMPLE}` };
  }
  if (year === undefined) return { error: `"${text}" needs a year. ${EXAMPLE}` };
  if (day !== undefined && month === undefined) return { error: `"${text}" needs a month. ${EXAMPLE}` };
  const iso = [String(year), month && String(month).padStart(2, '0'), month && day && String(day).padStart(2, '0')].filter(Boolean).join('-');
  const res = parsePartialDate(iso);
  if ('error' in res) return { error: `"${text}" is not a real day. ${EXAMPLE}` };
  return res;
}

/** A period from one or two dates; one date means the whole year, month or day it names. */
export function parsePeriod(from?: string, to?: string): Period | { error: string } {
  if (!from && !to) return { from: 0, to: 99991231, label: 'all dates' };
  const start = from ? parseDateWords(from) : undefined;
  if (start && 'error' in start) return { error: `Start date: ${start.error}` };
  const end = to ? parseDateWords(to) : undefined;
  if (end && 'error' in end) return { error: `End date: ${end.error}` };
  if (start && !end) {
    const [a, b] = dateSpan(start);
    return { from: a, to: b, label: formatDate(start) };
  }
  if (!start && end) {
    return { from: 0, to: dateSpan(end)[1], label: `up to ${formatDate(end)}` };
  }
  const a = dateSpan(start!)[0];
  const b = dateSpan(end!)[1];
  if (b < a) {
    const [f, t] = [quoteUser(from!, 30), quoteUser(to!, 30)];
    return { error: `The end date (${t}) is before the start date (${f}). Put the earlier date first: /timeline ${t} ${f}` };
  }
  return { from: a, to: b, label: `${formatDate(start!)} to ${formatDate(end!)}` };
}
