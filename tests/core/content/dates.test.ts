import { describe, expect, it } from 'vitest';
import { dateSpan, daysInMonth, formatDate, formatShortDate, monthIndex, parsePartialDate, type PartialDate } from '../../../src/core/content/dates.js';

function ok(text: string): PartialDate {
  const d = parsePartialDate(text);
  if ('error' in d) throw new Error(`expected ${text} to parse: ${d.error}`);
  return d;
}

function err(text: string): string {
  const d = parsePartialDate(text);
  if (!('error' in d)) throw new Error(`expected ${text} to be rejected`);
  return d.error;
}

describe('parsePartialDate', () => {
  it('reads year, month and day precision', () => {
    expect(ok('2022')).toEqual({ year: 2022, month: undefined, day: undefined, iso: '2022' });
    expect(ok('2022-09')).toMatchObject({ year: 2022, month: 9, day: undefined, iso: '2022-09' });
    expect(ok('2022-09-07')).toMatchObject({ year: 2022, month: 9, day: 7, iso: '2022-09-07' });
  });

  it('ignores surrounding whitespace', () => {
    expect(ok(' 2022-09-07\n')).toMatchObject({ year: 2022, month: 9, day: 7, iso: '2022-09-07' });
  });

  it('knows leap years, including the century rules', () => {
    expect(ok('2024-02-29')).toMatchObject({ month: 2, day: 29 });
    expect(ok('2000-02-29')).toMatchObject({ year: 2000, day: 29 });
    expect(err('2023-02-29')).toContain('February 2023');
    expect(err('1900-02-29')).toContain('February 1900');
    expect(err('2024-02-30')).toContain('February 2024');
  });

  it('rejects impossible days and names the month', () => {
    expect(err('2022-02-30')).toBe('"2022-02-30" is not a day of February 2022');
    expect(err('2022-04-31')).toContain('April 2022');
    expect(err('2022-09-00')).toContain('September 2022');
    expect(ok('2022-12-31')).toMatchObject({ month: 12, day: 31 });
  });

  it('rejects months outside 1 to 12 and says which month', () => {
    expect(err('2022-13')).toBe('"2022-13" has no month 13');
    expect(err('2022-00')).toContain('no month 0');
    expect(err('2022-13-01')).toContain('no month 13');
  });

  it('rejects text that is not an ISO partial date, and says what to write', () => {
    for (const bad of ['22', '2022-9', '2022-09-7', '2022/09/07', '07-09-2022', 'September 2022', '', 'n.d.', '2022-09-07T00:00']) {
      expect(err(bad), bad).toContain('write YYYY, YYYY-MM or YYYY-MM-DD');
    }
  });
});

describe('daysInMonth', () => {
  it('gives the length of each month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });
});

describe('dateSpan', () => {
  it('covers the whole year, month or day a date names', () => {
    expect(dateSpan(ok('2022'))).toEqual([20220101, 20221231]);
    expect(dateSpan(ok('2022-09'))).toEqual([20220901, 20220930]);
    expect(dateSpan(ok('2024-02'))).toEqual([20240201, 20240229]);
    expect(dateSpan(ok('2023-02'))).toEqual([20230201, 20230228]);
    expect(dateSpan(ok('2022-09-07'))).toEqual([20220907, 20220907]);
  });

  it('orders dates of any precision by where they start', () => {
    const sorted = ['2022-09-07', '2021', '2022-07', '2022-09', '2022-07-15'].map(ok).sort((a, b) => dateSpan(a)[0] - dateSpan(b)[0]);
    expect(sorted.map((d) => d.iso)).toEqual(['2021', '2022-07', '2022-07-15', '2022-09', '2022-09-07']);
  });

  it('nests a day inside its month inside its year', () => {
    const [y0, y1] = dateSpan(ok('2022'));
    const [m0, m1] = dateSpan(ok('2022-09'));
    const [d0, d1] = dateSpan(ok('2022-09-07'));
    expect(y0 <= m0 && m0 <= d0 && d1 <= m1 && m1 <= y1).toBe(true);
  });
});

describe('formatDate and formatShortDate', () => {
  it('writes dates in words, without leading zeros', () => {
    expect(formatDate(ok('2022'))).toBe('2022');
    expect(formatDate(ok('2022-09'))).toBe('September 2022');
    expect(formatDate(ok('2022-09-07'))).toBe('7 September 2022');
    expect(formatShortDate(ok('2022-09-07'))).toBe('7 Sep 2022');
    expect(formatShortDate(ok('2022-09'))).toBe('Sep 2022');
    expect(formatShortDate(ok('2022'))).toBe('2022');
  });
});

describe('monthIndex', () => {
  it('reads month names and abbreviations of three letters or more', () => {
    expect(monthIndex('September')).toBe(9);
    expect(monthIndex('sept')).toBe(9);
    expect(monthIndex('Sep.')).toBe(9);
    expect(monthIndex('jun')).toBe(6);
    expect(monthIndex('jul')).toBe(7);
    expect(monthIndex('MAR')).toBe(3);
    expect(monthIndex('may')).toBe(5);
  });

  it('refuses ambiguous or unknown words', () => {
    expect(monthIndex('ju')).toBeUndefined();
    expect(monthIndex('ma')).toBeUndefined();
    expect(monthIndex('xyz')).toBeUndefined();
    expect(monthIndex('2022')).toBeUndefined();
  });
});
