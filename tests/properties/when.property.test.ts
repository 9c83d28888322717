import fc from 'fast-check';
import { validate } from 'node-cron';
import { describe, expect, it } from 'vitest';
import { compileCron, nextSlot } from '../../src/core/schedule/slots.js';
import { KINDS, parseWhen, type WhenResult } from '../../src/core/schedule/when.js';
import { anyText, findPing, piece } from './arbitraries.js';

const ZONES = ['Europe/Tirane', 'europe/tirane', 'America/New_York', 'UTC', 'utc', 'Z', 'GMT', 'CET', 'EST5EDT', 'Etc/GMT+5', 'Etc/GMT-14', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'US/Eastern', 'Europe/Tiran', 'Mars/Base', 'Factory', '+05:30', 'UTC+1', 'Europe/', '/', 'a'.repeat(70)];
const PRESETS = ['daily', 'weekdays', 'weekly', 'hourly', 'every-minute', 'minutely', 'every', 'minute', 'DAILY', 'Weekly'];
const DAYS = ['mon', 'Friday', 'sun', 'tues', 'thurs.', 'xyz', 'jan', 'may'];
const TIMES = ['09:00', '9', '9am', '5:15pm', '12am', '0pm', '13pm', '25:00', '12:60', '9.30', '9h30', '-1:00', '00:00', '23:59', '9:5', '٩:٠٠'];
const CRON = ['*', '*/15', '0', '9', '1-5', 'mon-fri', 'L', '5#3', 'LW', '?', '0-59/0', '60', '99999999999999', 'feb-dec', '31', '30', '2', '*/0', ',', '-', '1,2,3', '0/5', '*/1000', '29', 'FEB'];
const KIND_WORDS = ['daily', 'on-this-day', 'weekly', 'monthly', 'WEEKLY'];
const WORDS = [...PRESETS, ...DAYS, ...TIMES, ...CRON, ...KIND_WORDS, ...ZONES];
const word = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: piece });

/** Shaped like a schedule (preset or five cron fields, then maybe a zone and a kind), with bad parts mixed in. */
const shaped = fc
  .tuple(
    fc.oneof(
      fc.tuple(fc.constantFrom('daily', 'weekdays', 'Daily'), fc.constantFrom(...TIMES)).map((ws) => ws.join(' ')),
      fc.tuple(fc.constantFrom('weekly'), fc.constantFrom(...DAYS), fc.constantFrom(...TIMES)).map((ws) => ws.join(' ')),
      fc.constantFrom('hourly', 'every-minute', 'every minute', 'minutely'),
      fc.array(fc.constantFrom(...CRON), { minLength: 5, maxLength: 5 }).map((ws) => ws.join(' ')),
      // Field by field: mostly fine, sometimes out of range or unsupported.
      fc
        .tuple(
          fc.constantFrom('0', '*/15', '30', '59', '*', '60', 'L'),
          fc.constantFrom('9', '*', '8-17', '23', '24'),
          fc.constantFrom('*', '1', '15', '31', '29', '30', '?', 'L', '0'),
          fc.constantFrom('*', '1-6', 'feb', 'FEB', 'dec', '13', '*/2', '2'),
          fc.constantFrom('*', '1-5', 'mon-fri', '0', '7', '5#3', 'sun'),
        )
        .map((ws) => ws.join(' ')),
    ),
    fc.subarray([fc.constantFrom(...ZONES), fc.constantFrom(...KIND_WORDS)]).chain((extras) => (extras.length ? fc.tuple(...extras) : fc.constant([] as string[]))),
    fc.boolean(),
  )
  .map(([head, extras, swap]) => [head, ...(swap ? [...extras].reverse() : extras)].join(' '));

const when = fc.oneof(
  { weight: 3, arbitrary: shaped },
  { weight: 3, arbitrary: fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' ')) },
  { weight: 1, arbitrary: fc.array(word, { maxLength: 8 }).map((ws) => ws.join('\t \u00a0')) },
  { weight: 2, arbitrary: anyText() },
);

const input = fc.record({
  when,
  timezone: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom(...ZONES, '', '  ') }, { weight: 1, arbitrary: anyText({ huge: false }) }),
  kind: fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constantFrom(...KINDS, 'WEEKLY', ' daily ', 'monthly', '') }, { weight: 1, arbitrary: anyText({ huge: false }) }),
  defaultTimezone: fc.constantFrom('Europe/Tirane', 'UTC', 'America/New_York', 'Asia/Kathmandu'),
  now: fc.option(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), { nil: undefined }),
});

/** An IANA name as a person and the store would see it, and one Intl can use. */
function expectTimeZone(tz: string): void {
  expect(tz).toMatch(/^[A-Za-z][A-Za-z0-9_+\-/]*$/);
  expect(() => new Intl.DateTimeFormat('en', { timeZone: tz })).not.toThrow();
}

function expectClearRejection(r: Extract<WhenResult, { ok: false }>): void {
  expect(r.error.trim().length).toBeGreaterThan(0);
  expect(r.hint.trim().length).toBeGreaterThan(0);
  const message = `${r.error} ${r.hint}`;
  // Always shows what would work.
  expect(message, message).toMatch(/example|such as|\btry\b/i);
  expect(message.length).toBeLessThan(600);
  // Echoed input is neutralized: no pings, no control or bidi characters.
  const ping = findPing(message);
  expect(ping, `ping in ${message}`).toBeUndefined();
  expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
}

describe('parseWhen: bad input', () => {
  it('never throws; rejects clearly, with an example; accepts only runnable cron in a real time zone', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = parseWhen(i);
        if (!r.ok) return expectClearRejection(r);
        const { cron, timezone, kind, label } = r.value;
        expect(cron.split(' ')).toHaveLength(5);
        expect(validate(cron)).toBe(true);
        expect(() => compileCron(cron)).not.toThrow();
        expectTimeZone(timezone);
        expect(nextSlot(cron, timezone, i.now ?? Date.now())).toBeGreaterThan(i.now ?? 0);
        expect(KINDS).toContain(kind);
        expect(label.trim().length).toBeGreaterThan(0);
        expect(label.length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts every well-formed preset, in any zone given as an option or a trailing word', () => {
    const hh = fc.integer({ min: 0, max: 23 });
    const mm = fc.integer({ min: 0, max: 59 });
    const day = fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'Monday', 'friday');
    const preset = fc.oneof(
      fc.tuple(fc.constantFrom('daily', 'weekdays'), hh, mm).map(([p, h, m]) => ({ text: `${p} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`, cron: `${m} ${h} * * ${p === 'daily' ? '*' : '1-5'}` })),
      fc.tuple(day, hh, mm).map(([d, h, m]) => ({ text: `weekly ${d} ${h}:${String(m).padStart(2, '0')}`, cron: undefined })),
    );
    const zone = fc.constantFrom('Europe/Tirane', 'America/New_York', 'UTC', 'Asia/Kathmandu', 'Australia/Lord_Howe');
    fc.assert(
      fc.property(preset, zone, fc.boolean(), fc.constantFrom(...KINDS), (p, tz, trailing, kind) => {
        const r = parseWhen(trailing ? { when: `${p.text} ${tz} ${kind}`, defaultTimezone: 'UTC' } : { when: p.text, timezone: tz, kind, defaultTimezone: 'UTC' });
        expect(r.ok, r.ok ? '' : `${p.text}: ${r.error}`).toBe(true);
        if (!r.ok) return;
        if (p.cron) expect(r.value.cron).toBe(p.cron);
        expect(r.value.timezone).toBe(tz);
        expect(r.value.kind).toBe(kind);
        expect(r.value.label).toBe(p.text);
      }),
      { numRuns: 150 },
    );
  });
});
