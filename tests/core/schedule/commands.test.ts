import { describe, expect, it } from 'vitest';
import { Bot } from '../../../src/bot.js';
import { createServices } from '../../../src/services.js';
import { casePack } from '../../helpers.js';
import { channel, FakeClock, idOf, testScheduling, text } from './support.js';

// Monday 23 November 2026, 12:00 UTC.
const NOW = Date.UTC(2026, 10, 23, 12);

function setup() {
  const clock = new FakeClock(NOW);
  return testScheduling(clock);
}

describe('ScheduleService.add', () => {
  it('acknowledges with the id and the first post in the subscription\'s own time zone', () => {
    const s = setup();
    const r = s.service.add(channel('c1'), { when: 'weekly mon 09:00 America/New_York weekly' });
    expect(r.tone).toBe('notice');
    expect(text(r)).toContain('First post: Mon 23 Nov 2026, 09:00 EST'); // 07:00 there now
    const sub = s.subscriptions.get(idOf(r))!;
    expect(sub).toMatchObject({ platform: 'console', channelId: 'c1', createdBy: 'admin', cron: '0 9 * * 1', timezone: 'America/New_York', kind: 'weekly', label: 'weekly mon 09:00' });
    void s.close();
  });

  it('refuses bad schedules politely, storing nothing', () => {
    const s = setup();
    for (const when of ['', '0 0 9 * * *', '0 9 * * * UTC UTC', 'daily 09:00 Mars/Olympus', 'x'.repeat(5000), '99 99 99 99 99']) {
      const r = s.service.add(channel('c1'), { when });
      expect(r.tone).toBe('error');
      expect(text(r).length).toBeLessThan(600);
    }
    expect(s.subscriptions.inChannel('console', 'c1')).toHaveLength(0);
    void s.close();
  });

  it('caps subscriptions per channel with a polite message', () => {
    const s = setup();
    for (let i = 0; i < 10; i++) expect(s.service.add(channel('c1'), { when: `daily 0${i % 10}:00` }).tone).toBe('notice');
    const r = s.service.add(channel('c1'), { when: 'daily 09:00' });
    expect(r.tone).toBe('error');
    expect(text(r)).toMatch(/already has 10 scheduled briefings/);
    expect(text(r)).toContain('/schedule remove');
    expect(s.service.add(channel('c2'), { when: 'daily 09:00' }).tone).toBe('notice');
    void s.close();
  });
});

describe('ScheduleService.list', () => {
  it('shows id, label, kind, zone, next run in its own zone, and paused state with its reason', () => {
    const s = setup();
    const a = idOf(s.service.add(channel('c1'), { when: 'daily 09:00' }));
    const b = idOf(s.service.add(channel('c1'), { when: 'weekdays 08:30', timezone: 'UTC', kind: 'on-this-day' }));
    s.service.add(channel('elsewhere'), { when: 'hourly' });
    s.service.pause(channel('c1'), String(b));
    const r = s.service.list(channel('c1'));
    const t = text(r);
    expect(t).toContain(`${a} daily 09:00 · daily · Europe/Tirane · next: Tue 24 Nov 2026, 09:00 CET`);
    expect(t).toMatch(new RegExp(`${b} weekdays 08:30 · on-this-day · UTC · paused: by a channel manager on 2026-11-23. Resume with /schedule resume ${b}`));
    expect(t).not.toContain('hourly');
    expect(text(s.service.list(channel('empty')))).toMatch(/no scheduled briefings.*\/schedule add daily 09:00/s);
    void s.close();
  });
});

describe('ScheduleService remove/pause/resume', () => {
  it('unknown ids, malformed ids and ids from another channel get a message naming /schedule list', () => {
    const s = setup();
    const other = idOf(s.service.add(channel('other'), { when: 'daily 09:00' }));
    for (const id of ['999', 'abc', String(other), '', '1'.repeat(40), '<@U1>']) {
      for (const op of ['remove', 'pause', 'resume'] as const) {
        const r = s.service[op](channel('c1'), id);
        expect(r.tone).toBe('error');
        expect(text(r)).toContain('/schedule list');
        expect(text(r)).not.toContain('<@U1>');
      }
    }
    // The other channel's subscription is untouched.
    expect(s.subscriptions.get(other)).toMatchObject({ paused: false });
    expect(s.subscriptions.get(other)).toBeDefined();
    void s.close();
  });

  it('pause, resume and remove say what happened; doing it twice is explained', () => {
    const s = setup();
    const id = String(idOf(s.service.add(channel('c1'), { when: 'daily 09:00' })));
    expect(text(s.service.resume(channel('c1'), id))).toMatch(/is not paused/);
    expect(text(s.service.pause(channel('c1'), id))).toMatch(new RegExp(`Paused scheduled briefing ${id}`));
    expect(text(s.service.pause(channel('c1'), `#${id}`))).toMatch(/already paused/);
    expect(text(s.service.resume(channel('c1'), id))).toMatch(/Resumed.*Next post: Tue 24 Nov 2026, 09:00 CET/s);
    expect(text(s.service.remove(channel('c1'), id))).toMatch(new RegExp(`Removed scheduled briefing ${id}`));
    expect(s.service.remove(channel('c1'), id).tone).toBe('error');
    void s.close();
  });
});

describe('ScheduleService.preview', () => {
  it('shows the next post of the channel privately, or a kind asked for', () => {
    const s = setup();
    const none = s.service.preview(channel('c1'));
    expect(none.visibility).toBe('private');
    expect(text(none)).toMatch(/no schedule yet/);
    expect(none.title).toMatch(/^Part 1 of/);
    const id = idOf(s.service.add(channel('c1'), { when: 'weekly mon 09:00 weekly' }));
    const r = s.service.preview(channel('c1'));
    expect(text(r)).toContain(`scheduled briefing ${id} posts this on Mon 30 Nov 2026, 09:00 CET`);
    expect(r.title).toMatch(/^Weekly briefing/);
    expect(s.service.preview(channel('c1'), 'on-this-day').title).toMatch(/^On this day/);
    expect(s.service.preview(channel('c1'), 'fortnightly').tone).toBe('error');
    void s.close();
  });
});

describe('through the Bot', () => {
  it('/schedule commands typed as text reach the service, and feedback is stored', async () => {
    const s = setup();
    const services = { ...createServices(casePack()), schedules: s.service };
    const bot = new Bot(services, undefined, s.feedback);
    const added = await bot.handleLine(channel('c9'), '/schedule add weekly mon 09:00 Europe/Tirane weekly');
    expect(text(added)).toContain('Mon 30 Nov 2026, 09:00 CET');
    const list = await bot.handleLine(channel('c9'), '/schedule list');
    expect(text(list)).toContain('weekly mon 09:00 · weekly · Europe/Tirane');
    const bad = await bot.handleLine(channel('c9'), '/schedule add 0 0 9 * * *');
    expect(text(bad)).toMatch(/Six-field/);
    const denied = await bot.handleLine(channel('c9', { canManageSchedules: false }), '/schedule remove 1');
    expect(text(denied)).toMatch(/only people who can manage this channel/);
    await bot.action(channel('c9'), { kind: 'feedback-up', command: '/schedule preview weekly' });
    expect(s.feedback.counts()).toEqual([{ command: '/schedule', up: 1, down: 0 }]);
    await s.close();
  });
});
