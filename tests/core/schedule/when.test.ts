import { describe, expect, it } from 'vitest';
import { parseWhen, type WhenResult } from '../../../src/core/schedule/when.js';

const base = { defaultTimezone: 'Europe/Tirane' };
const ok = (r: WhenResult) => {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error}`);
  return r.value;
};
const err = (r: WhenResult) => {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return `${r.error} ${r.hint}`;
};

describe('parseWhen: presets', () => {
  it.each([
    ['daily 09:00', '0 9 * * *'],
    ['daily 9:05', '5 9 * * *'],
    ['daily 5pm', '0 17 * * *'],
    ['weekdays 08:30', '30 8 * * 1-5'],
    ['weekly mon 09:00', '0 9 * * 1'],
    ['weekly Friday 16:45', '45 16 * * 5'],
    ['weekly sun 00:00', '0 0 * * 0'],
    ['every-minute', '* * * * *'],
    ['hourly', '0 * * * *'],
    ['0 9 * * 1-5', '0 9 * * 1-5'],
    ['*/15 8-17 * * mon-fri', '*/15 8-17 * * mon-fri'],
  ])('%s → %s', (when, cron) => {
    const v = ok(parseWhen({ ...base, when }));
    expect(v.cron).toBe(cron);
    expect(v.timezone).toBe('Europe/Tirane');
    expect(v.kind).toBe('daily');
    expect(v.label).toBe(when);
  });

  it('takes a trailing IANA zone and kind out of the text when no options were given', () => {
    const v = ok(parseWhen({ ...base, when: 'weekly mon 09:00 Europe/Tirane weekly' }));
    expect(v).toEqual({ cron: '0 9 * * 1', timezone: 'Europe/Tirane', kind: 'weekly', label: 'weekly mon 09:00' });
    expect(ok(parseWhen({ ...base, when: '0 9 * * 1-5 UTC on-this-day' }))).toMatchObject({ cron: '0 9 * * 1-5', timezone: 'UTC', kind: 'on-this-day' });
    expect(ok(parseWhen({ ...base, when: 'daily 07:00 weekly america/new_york' }))).toMatchObject({ timezone: 'America/New_York', kind: 'weekly' });
  });

  it('prefers the separate options, and the first word is always the schedule', () => {
    expect(ok(parseWhen({ ...base, when: 'daily 09:00', timezone: 'Asia/Tokyo', kind: 'on-this-day' }))).toMatchObject({ timezone: 'Asia/Tokyo', kind: 'on-this-day' });
    expect(ok(parseWhen({ ...base, when: 'weekly tue 10:00' })).kind).toBe('daily');
  });
});

describe('parseWhen: bad input gets a clear message', () => {
  it('empty', () => {
    expect(err(parseWhen({ ...base, when: '   ' }))).toMatch(/When should I post\?.*daily 09:00/);
  });

  it('malformed cron names the field and gives an example', () => {
    const m = err(parseWhen({ ...base, when: '0 25 * * *' }));
    expect(m).toContain('hour field "25"');
    expect(m).toContain('0–23');
    expect(m).toContain('0 9 * * 1-5');
    expect(err(parseWhen({ ...base, when: '61 9 * * *' }))).toContain('minute field "61"');
    expect(err(parseWhen({ ...base, when: '0 9 * * 8' }))).toContain('day-of-week field "8"');
    expect(err(parseWhen({ ...base, when: '0 9 * 13 *' }))).toContain('month field "13"');
    expect(err(parseWhen({ ...base, when: '0 9 31 2 *' }))).toContain('day-of-month field');
  });

  it('six fields are refused with the reason', () => {
    const m = err(parseWhen({ ...base, when: '0 0 9 * * *' }));
    expect(m).toMatch(/Six-field.*seconds/);
    expect(m).toContain('0 9 * * 1-5');
  });

  it('wrong field counts and unknown words', () => {
    expect(err(parseWhen({ ...base, when: '0 9 *' }))).toMatch(/five fields; that has 3/);
    expect(err(parseWhen({ ...base, when: 'sometimes' }))).toMatch(/don't understand.*"sometimes"/);
    expect(err(parseWhen({ ...base, when: 'daily' }))).toMatch(/daily needs a time, for example daily 09:00/);
    expect(err(parseWhen({ ...base, when: 'daily 25:00' }))).toMatch(/not a time of day/);
    expect(err(parseWhen({ ...base, when: 'weekly someday 09:00' }))).toMatch(/"someday" is not a day of the week/);
  });

  it('unknown time zones, as an option or in the text, with examples and a suggestion', () => {
    const a = err(parseWhen({ ...base, when: 'daily 09:00', timezone: 'Mars/Olympus' }));
    expect(a).toContain('"Mars/Olympus" is not a time zone I know');
    expect(a).toContain('Europe/Tirane, America/New_York or UTC');
    expect(err(parseWhen({ ...base, when: 'daily 09:00 Europe/Tiranna' }))).toContain('Did you mean Europe/Tirane');
    expect(err(parseWhen({ ...base, when: 'daily 09:00 Tirane' }))).toContain('Did you mean Europe/Tirane');
  });

  it('an unknown kind', () => {
    expect(err(parseWhen({ ...base, when: 'daily 09:00', kind: 'monthly' }))).toMatch(/not a kind of briefing/);
  });

  it('huge and hostile strings are refused without echoing them whole', () => {
    const huge = 'x'.repeat(100_000);
    const m = err(parseWhen({ ...base, when: huge }));
    expect(m).toMatch(/too long/);
    expect(m.length).toBeLessThan(400);
    const z = err(parseWhen({ ...base, when: 'daily 09:00', timezone: 'y'.repeat(5000) }));
    expect(z.length).toBeLessThan(400);
    const ping = err(parseWhen({ ...base, when: '@everyone <@U123> now' }));
    expect(ping).not.toMatch(/@everyone|<@U123>/);
    const zonePing = err(parseWhen({ ...base, when: 'daily 09:00', timezone: '<@U123>' }));
    expect(zonePing).not.toMatch(/<@U123>/);
  });
});
