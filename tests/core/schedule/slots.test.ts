import { describe, expect, it } from 'vitest';
import { nextSlot, nextSlots, previousSlot } from '../../../src/core/schedule/slots.js';
import { formatInZone, localParts } from '../../../src/core/schedule/zones.js';

const TIRANE = 'Europe/Tirane';
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());
const local = (ts: number[], tz = TIRANE) => ts.map((t) => formatInZone(t, tz));

/** All firings in [from, to). */
function firingsBetween(cron: string, tz: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = nextSlot(cron, tz, from - 1); t !== undefined && t < to; t = nextSlot(cron, tz, t)) out.push(t);
  return out;
}

describe('slots: daily 09:00 in Europe/Tirane across both clock changes', () => {
  // 2026: clocks go forward on Sunday 29 March, back on Sunday 25 October.
  it('fires exactly once per local day, at 09:00 local, for a whole year', () => {
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    const fired = firingsBetween('0 9 * * *', TIRANE, from, to);
    expect(fired).toHaveLength(365);
    const days = new Set(fired.map((t) => {
      const p = localParts(TIRANE, t);
      expect([p.hour, p.minute]).toEqual([9, 0]);
      return `${p.year}-${p.month}-${p.day}`;
    }));
    expect(days.size).toBe(365);
  });

  it('keeps 09:00 local on the change days themselves, moving the UTC instant', () => {
    const spring = nextSlots('0 9 * * *', TIRANE, Date.UTC(2026, 2, 28, 12), 2);
    expect(spring.map(iso)).toEqual(['2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    const autumn = nextSlots('0 9 * * *', TIRANE, Date.UTC(2026, 9, 24, 12), 2);
    expect(autumn.map(iso)).toEqual(['2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z']);
    expect(local(autumn)).toEqual(['Sun 25 Oct 2026, 09:00 CET', 'Mon 26 Oct 2026, 09:00 CET']);
  });
});

describe('slots: the skipped spring hour', () => {
  it('fires a 02:30 daily once on the spring-forward day, at the next valid time (03:00 CEST)', () => {
    const fired = firingsBetween('30 2 * * *', TIRANE, Date.UTC(2026, 2, 27), Date.UTC(2026, 2, 31));
    expect(local(fired)).toEqual([
      'Fri 27 Mar 2026, 02:30 CET',
      'Sat 28 Mar 2026, 02:30 CET',
      'Sun 29 Mar 2026, 03:00 CEST',
      'Mon 30 Mar 2026, 02:30 CEST',
    ]);
  });

  it('previousSlot agrees with nextSlot on that day', () => {
    expect(iso(previousSlot('30 2 * * *', TIRANE, Date.UTC(2026, 2, 29, 12)))).toBe('2026-03-29T01:00:00.000Z');
  });

  it('hourly has no 02:00 that day and is never doubled', () => {
    const fired = firingsBetween('0 * * * *', TIRANE, Date.UTC(2026, 2, 28, 23), Date.UTC(2026, 2, 29, 3));
    expect(local(fired)).toEqual(['Sun 29 Mar 2026, 00:00 CET', 'Sun 29 Mar 2026, 01:00 CET', 'Sun 29 Mar 2026, 03:00 CEST', 'Sun 29 Mar 2026, 04:00 CEST']);
  });
});

describe('slots: the repeated autumn hour', () => {
  it('fires a 02:30 daily once, at the first 02:30', () => {
    const fired = firingsBetween('30 2 * * *', TIRANE, Date.UTC(2026, 9, 24), Date.UTC(2026, 9, 27));
    expect(fired.map(iso)).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('a 02:30 daily asked from inside the second pass does not fire again that day', () => {
    // 01:45Z on 25 October is 02:45 CET, the second time through the hour.
    expect(iso(nextSlot('30 2 * * *', TIRANE, Date.UTC(2026, 9, 25, 1, 45)))).toBe('2026-10-26T01:30:00.000Z');
  });

  it('hourly and every-minute run through both passes, as elapsed time demands', () => {
    const hourly = firingsBetween('0 * * * *', TIRANE, Date.UTC(2026, 9, 24, 23), Date.UTC(2026, 9, 25, 3));
    expect(hourly.map(iso)).toEqual(['2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z', '2026-10-25T02:00:00.000Z']);
    const minutes = firingsBetween('* * * * *', TIRANE, Date.UTC(2026, 9, 24, 23), Date.UTC(2026, 9, 25, 3));
    expect(minutes).toHaveLength(4 * 60);
    expect(new Set(minutes).size).toBe(minutes.length);
  });
});

describe('slots: other zones and cron features', () => {
  it('America/New_York 09:00 weekdays across the March change', () => {
    const fired = nextSlots('0 9 * * 1-5', 'America/New_York', Date.UTC(2026, 2, 6, 15), 3);
    expect(local(fired, 'America/New_York')).toEqual(['Mon 9 Mar 2026, 09:00 EDT', 'Tue 10 Mar 2026, 09:00 EDT', 'Wed 11 Mar 2026, 09:00 EDT']);
  });

  it('UTC is plain arithmetic', () => {
    expect(nextSlots('15 * * * *', 'UTC', Date.UTC(2026, 0, 1, 0, 15), 2).map(iso)).toEqual(['2026-01-01T01:15:00.000Z', '2026-01-01T02:15:00.000Z']);
  });

  it('restricting both day-of-month and day-of-week matches either, as classic cron does', () => {
    const fired = nextSlots('0 9 1 * 1', 'UTC', Date.UTC(2026, 5, 1, 12), 4);
    // Mondays in June 2026 and 1 July.
    expect(fired.map((t) => iso(t)!.slice(0, 10))).toEqual(['2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29']);
    expect(iso(nextSlot('0 9 1 * 1', 'UTC', Date.UTC(2026, 5, 29, 12)))!.slice(0, 10)).toBe('2026-07-01');
  });

  it('29 February waits for a leap year; names and 7-for-Sunday work', () => {
    expect(iso(nextSlot('0 9 29 2 *', 'UTC', Date.UTC(2026, 0, 1)))).toBe('2028-02-29T09:00:00.000Z');
    expect(iso(nextSlot('0 9 * * sun', 'UTC', Date.UTC(2026, 0, 1)))).toBe(iso(nextSlot('0 9 * * 7', 'UTC', Date.UTC(2026, 0, 1))));
  });

  it('is strictly after and at-or-before', () => {
    const t = Date.UTC(2026, 0, 1, 9);
    expect(nextSlot('0 9 * * *', 'UTC', t)).toBe(t + 86_400_000);
    expect(previousSlot('0 9 * * *', 'UTC', t)).toBe(t);
  });
});
