import { describe, expect, it } from 'vitest';
import { parseDateWords, parsePeriod } from '../../../src/core/briefing/periods.js';

const iso = (text: string) => {
  const d = parseDateWords(text);
  return 'error' in d ? `error: ${d.error}` : d.iso;
};
const error = (text: string) => {
  const d = parseDateWords(text);
  if (!('error' in d)) throw new Error(`expected "${text}" to be refused, got ${d.iso}`);
  return d.error;
};

describe('parseDateWords', () => {
  it('reads ISO dates, with or without leading zeros', () => {
    expect(iso('2022')).toBe('2022');
    expect(iso('2022-09')).toBe('2022-09');
    expect(iso('2022-9')).toBe('2022-09');
    expect(iso('2022-9-7')).toBe('2022-09-07');
    expect(iso(' 2022-09-07 ')).toBe('2022-09-07');
  });

  it('reads dates in words, in either order, with abbreviations and ordinals', () => {
    expect(iso('September 2022')).toBe('2022-09');
    expect(iso('sept 2022')).toBe('2022-09');
    expect(iso('Sep. 2022')).toBe('2022-09');
    expect(iso('7 September 2022')).toBe('2022-09-07');
    expect(iso('September 7, 2022')).toBe('2022-09-07');
    expect(iso('7th Sept 2022')).toBe('2022-09-07');
    expect(iso('1st jul 2022')).toBe('2022-07-01');
  });

  it('says the month is wrong when it is', () => {
    expect(error('2022-13')).toMatch(/^"2022-13": the month must be between 01 and 12\./);
    expect(error('2022-00-10')).toContain('the month must be between 01 and 12');
  });

  it('says how many days the month has when the day is wrong', () => {
    expect(error('2022-02-30')).toMatch(/^"2022-02-30": 02 has only 28 days\./);
    expect(error('2024-02-30')).toContain('only 29 days');
    expect(error('2022-09-31')).toContain('only 30 days');
    expect(iso('2024-02-29')).toBe('2024-02-29');
  });

  it('says what is missing or unreadable in words', () => {
    expect(error('30 feb 2022')).toContain('"30 feb 2022" is not a real day');
    expect(error('September')).toContain('needs a year');
    expect(error('7 2022')).toContain('needs a month');
    expect(error('yesterday')).toContain('("yesterday" is neither a day, a month nor a year)');
    expect(error('7 Septembre 2022')).toContain('"Septembre"');
    expect(error('')).toMatch(/^No date given/);
  });

  it('ends every error with examples of what works', () => {
    for (const bad of ['2022-13', '2022-02-30', '30 feb 2022', 'September', 'yesterday', '']) {
      expect(error(bad)).toContain('Try 2022, 2022-09, 2022-09-07 or "September 2022".');
    }
  });
});

describe('parsePeriod', () => {
  it('is everything when no date is given', () => {
    expect(parsePeriod()).toEqual({ from: 0, to: 99991231, label: 'all dates' });
  });

  it('covers the whole year, month or day of a single date', () => {
    expect(parsePeriod('2022')).toEqual({ from: 20220101, to: 20221231, label: '2022' });
    expect(parsePeriod('2022-09')).toEqual({ from: 20220901, to: 20220930, label: 'September 2022' });
    expect(parsePeriod('7 September 2022')).toEqual({ from: 20220907, to: 20220907, label: '7 September 2022' });
  });

  it('runs from the start of the first date to the end of the second', () => {
    expect(parsePeriod('2022-07', '2022-09')).toEqual({ from: 20220701, to: 20220930, label: 'July 2022 to September 2022' });
    expect(parsePeriod('2022-09', '2022-09')).toMatchObject({ from: 20220901, to: 20220930 });
    expect(parsePeriod(undefined, '2022')).toEqual({ from: 0, to: 20221231, label: 'up to 2022' });
  });

  it('says which end of a range is wrong', () => {
    expect(parsePeriod('2022-13', '2023')).toMatchObject({ error: expect.stringMatching(/^Start date: "2022-13"/) });
    expect(parsePeriod('2022', '2022-13')).toMatchObject({ error: expect.stringMatching(/^End date: "2022-13"/) });
  });

  it('refuses a range that ends before it starts, and shows the right order', () => {
    const r = parsePeriod('2022-09', '2022-07');
    expect(r).toMatchObject({ error: expect.stringContaining('The end date (2022-07) is before the start date (2022-09)') });
    expect('error' in r && r.error).toContain('/timeline 2022-07 2022-09');
  });

  it('accepts a range inside a single month or day', () => {
    expect(parsePeriod('2022-09-07', '2022-09')).toMatchObject({ from: 20220907, to: 20220930 });
  });
});
