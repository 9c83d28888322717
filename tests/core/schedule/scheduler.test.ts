import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/schedule/delivery.js';
import { channel, FakeClock, FakeDelivery, gone, idOf, memoryLog, rateLimited, serverError, settle, tempDir, testScheduling, text } from './support.js';

// Monday 23 November 2026, 08:59 in Tirane (CET, UTC+1).
const T0 = Date.UTC(2026, 10, 23, 7, 59);
const NINE = Date.UTC(2026, 10, 23, 8, 0);
const DAY = 86_400_000;
const MIN = 60_000;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

describe('scheduler: timing', () => {
  it('posts a daily subscription at its slot, public, with citations, one part per day', async () => {
    const clock = new FakeClock(T0);
    const s = testScheduling(clock);
    const id = idOf(s.service.add(channel('c1'), { when: 'daily 09:00' }));
    s.scheduler.start();
    await clock.advanceTo(NINE - 1);
    expect(s.delivery.posted).toHaveLength(0);
    await clock.advanceTo(NINE);
    expect(s.delivery.posted).toHaveLength(1);
    const first = s.delivery.posted[0]!;
    expect(first).toMatchObject({ channelId: 'c1', at: NINE });
    expect(first.reply.visibility).toBe('public');
    expect(first.reply.title).toMatch(/^Part 1 of 12: /);
    expect(first.reply.citations.length).toBeGreaterThan(0);
    expect(first.reply.actions.map((a) => a.kind)).toEqual(expect.arrayContaining(['sources', 'feedback-up', 'feedback-down']));
    await clock.advance(DAY);
    expect(s.delivery.posted.map((p) => p.reply.title?.slice(0, 12))).toEqual(['Part 1 of 12', 'Part 2 of 12']);
    expect(s.deliveryLog.forSubscription(id).map((r) => r.status)).toEqual(['sent', 'sent']);
    await s.close();
  });

  it('drives any number of subscriptions with one timer', async () => {
    const clock = new FakeClock(T0);
    const s = testScheduling(clock, { maxPerChannel: 1000 });
    for (let i = 0; i < 200; i++) s.service.add(channel(`c${i % 50}`), { when: i % 2 ? 'daily 09:00' : 'every-minute' });
    s.scheduler.start();
    expect(clock.pending).toBe(1);
    await clock.advance(5 * MIN + 30_000);
    // The scheduler's timer, and none left by the pacer once its queue is empty.
    expect(clock.pending).toBe(1);
    expect(s.scheduler.stats()).toMatchObject({ tracked: 200, queued: 0, inFlight: 0 });
    expect(s.delivery.posted).toHaveLength(100 + 100 * 5);
    expect(s.scheduler.lastTick).toBeGreaterThanOrEqual(NINE);
    await s.close();
  });

  it('paces posts: one per second per channel, and the overall rate', async () => {
    const clock = new FakeClock(T0);
    const s = testScheduling(clock, { maxPerChannel: 100, limits: { console: { perChannelPerSecond: 1, overallPerSecond: 5, concurrency: 4 } } });
    for (let i = 0; i < 10; i++) s.service.add(channel('busy'), { when: 'daily 09:00' });
    for (let i = 0; i < 10; i++) s.service.add(channel(`quiet${i}`), { when: 'daily 09:00' });
    s.scheduler.start();
    await clock.advanceTo(NINE + 15_000);
    const posted = s.delivery.posted;
    expect(posted).toHaveLength(20);
    const busy = posted.filter((p) => p.channelId === 'busy').map((p) => p.at);
    for (let i = 1; i < busy.length; i++) expect(busy[i]! - busy[i - 1]!).toBeGreaterThanOrEqual(1000);
    const all = posted.map((p) => p.at);
    for (const t of all) expect(all.filter((x) => x >= t && x < t + 1000).length).toBeLessThanOrEqual(5);
    await s.close();
  });

  it('a late wake-up (a suspended machine) owes only the latest slot', async () => {
    const clock = new FakeClock(T0);
    const s = testScheduling(clock, { graceMs: 10 * MIN });
    s.service.add(channel('c1'), { when: 'every-minute' });
    s.scheduler.start();
    await clock.advanceTo(NINE);
    expect(s.delivery.posted).toHaveLength(1);
    clock.t += 5 * MIN + 30_000; // slept through five slots; the timer fires late
    await clock.advance(0);
    expect(s.delivery.posted.map((p) => p.at - NINE)).toEqual([0, 5 * MIN + 30_000]);
    await clock.advance(30_000);
    expect(s.delivery.posted).toHaveLength(3);
    await s.close();
  });

  it('a wake-up later than the grace period skips the slot and logs it', async () => {
    const clock = new FakeClock(T0);
    const log = memoryLog();
    const s = testScheduling(clock, { log, graceMs: 10 * MIN });
    const id = idOf(s.service.add(channel('c1'), { when: 'daily 09:00' }));
    s.scheduler.start();
    clock.t = NINE + 30 * MIN; // asleep from 08:59 to 09:30
    await clock.advance(0);
    expect(s.delivery.posted).toHaveLength(0);
    expect(s.deliveryLog.forSubscription(id)).toMatchObject([{ status: 'skipped' }]);
    expect(log.lines.some((l) => l.level === 'warn' && /MISSED_RUN_GRACE/.test(l.msg))).toBe(true);
    await clock.advanceTo(NINE + DAY);
    expect(s.delivery.posted).toHaveLength(1);
    await s.close();
  });
});

describe('scheduler: exactly once', () => {
  it('does not post a slot again after a restart on the same database', async () => {
    const path = join(tmp.dir, 'db', 'casebrief.db');
    const clock = new FakeClock(T0);
    const a = testScheduling(clock, { databasePath: path });
    const id = idOf(a.service.add(channel('c1'), { when: 'daily 09:00' }));
    a.scheduler.start();
    await clock.advanceTo(NINE + 1000);
    expect(a.delivery.posted).toHaveLength(1);
    await a.close();

    for (const restartAt of [NINE + 30_000, NINE + 30 * MIN]) {
      clock.t = restartAt;
      const b = testScheduling(clock, { databasePath: path });
      b.scheduler.start();
      await clock.advance(1000);
      expect(b.delivery.posted).toHaveLength(0);
      await b.close();
    }
    const c = testScheduling(clock, { databasePath: path });
    c.scheduler.start();
    await clock.advanceTo(NINE + DAY);
    expect(c.delivery.posted).toHaveLength(1);
    expect(c.delivery.posted[0]!.reply.title).toMatch(/^Part 2 of 12/); // the series continued across restarts
    expect(c.deliveryLog.forSubscription(id)).toHaveLength(2);
    await c.close();
  });

  it('two schedulers sharing one database file post each slot once', async () => {
    const path = join(tmp.dir, 'shared.db');
    const clock = new FakeClock(T0);
    const a = testScheduling(clock, { databasePath: path, syncIntervalMs: 30_000, maxPerChannel: 100 });
    const b = testScheduling(clock, { databasePath: path, syncIntervalMs: 30_000, maxPerChannel: 100 });
    for (let i = 0; i < 30; i++) a.service.add(channel(`c${i % 7}`), { when: i % 3 ? 'daily 09:00' : 'every-minute' });
    a.scheduler.start();
    b.scheduler.start();
    // Added on b after both started: a learns of it at its next sync.
    b.service.add(channel('late'), { when: 'every-minute' });
    await clock.advanceTo(NINE + 10 * MIN + 5000);
    const keys = [...a.delivery.posted, ...b.delivery.posted].map((p) => `${p.channelId}|${p.at}|${p.reply.title}`);
    const sent = a.deliveryLog.db.prepare("SELECT count(*) AS n, count(DISTINCT subscription_id || '|' || slot) AS distinctSlots FROM deliveries WHERE status = 'sent'").get() as { n: number; distinctSlots: number };
    expect(sent.n).toBe(sent.distinctSlots);
    expect(keys.length).toBe(sent.n);
    // 20 daily posts once, 10 + 1 every-minute subscriptions for 11 slots (09:00 to 09:10), the late one from 09:00 too.
    expect(sent.n).toBe(20 + 11 * 11);
    // Both went for every slot; the database let exactly one of them have each.
    for (const x of [a, b]) {
      const st = x.scheduler.stats();
      expect(st.sent + st.alreadyClaimed).toBe(sent.n);
    }
    await a.close();
    await b.close();
  });
});

describe('scheduler: failures', () => {
  it('waits out a 429 for its retryAfterMs, backs off after a 5xx, then posts once', async () => {
    const clock = new FakeClock(T0);
    const s = testScheduling(clock, { random: () => 1 });
    const id = idOf(s.service.add(channel('c1'), { when: 'daily 09:00' }));
    s.delivery.behaviour = (_c, attempt) => {
      if (attempt === 1) throw rateLimited(5000);
      if (attempt === 2) throw serverError();
      if (attempt === 3) throw new Error('ECONNRESET');
    };
    s.scheduler.start();
    await clock.advanceTo(NINE + 4999);
    expect(s.delivery.attempts).toBe(1);
    await clock.advanceTo(NINE + 5000);
    expect(s.delivery.attempts).toBe(2);
    await clock.advanceTo(NINE + 60_000);
    expect(s.delivery.attempts).toBe(4);
    expect(s.delivery.posted).toHaveLength(1);
    // 5 s wait, then backoff of at most 1 s and 2 s.
    const at = s.delivery.posted[0]!.at - NINE;
    expect(at).toBeGreaterThanOrEqual(5000 + 500 + 1000);
    expect(at).toBeLessThanOrEqual(5000 + 1000 + 2000);
    expect(s.deliveryLog.forSubscription(id).map((r) => r.status)).toEqual(['sent']);
    expect(s.scheduler.stats()).toMatchObject({ sent: 1, rateLimited: 1, retries: 3, failed: 0 });
    await s.close();
  });

  it('gives up on a slot after a bounded number of attempts, and carries on the next day', async () => {
    const clock = new FakeClock(T0);
    const s = testScheduling(clock, { retry: { maxAttempts: 3, baseDelayMs: 1000 } });
    const id = idOf(s.service.add(channel('c1'), { when: 'daily 09:00' }));
    s.delivery.behaviour = (_c, attempt) => {
      if (attempt <= 3) throw serverError();
    };
    s.scheduler.start();
    await clock.advanceTo(NINE + 30 * MIN);
    expect(s.delivery.attempts).toBe(3);
    expect(s.deliveryLog.forSubscription(id)).toMatchObject([{ status: 'failed', error: 'HTTP 503' }]);
    expect(s.subscriptions.get(id)!.paused).toBe(false);
    await clock.advanceTo(NINE + DAY);
    expect(s.delivery.posted).toHaveLength(1);
    // The part that failed is the one posted next.
    expect(s.delivery.posted[0]!.reply.title).toMatch(/^Part 1 of 12/);
    await s.close();
  });

  it('a permanent error pauses the subscription and says why in /schedule list', async () => {
    const clock = new FakeClock(T0);
    const log = memoryLog();
    const s = testScheduling(clock, { log });
    const id = idOf(s.service.add(channel('c1'), { when: 'daily 09:00' }));
    s.delivery.behaviour = () => {
      throw gone();
    };
    s.scheduler.start();
    await clock.advanceTo(NINE + MIN);
    expect(s.delivery.attempts).toBe(1);
    const sub = s.subscriptions.get(id)!;
    expect(sub.paused).toBe(true);
    expect(sub.pausedReason).toContain('channel_not_found');
    const list = text(s.service.list(channel('c1')));
    expect(list).toMatch(/paused: could not post here on 2026-11-23 \(channel_not_found\)/);
    expect(list).toContain(`/schedule resume ${id}`);
    await clock.advanceTo(NINE + 2 * DAY);
    expect(s.delivery.attempts).toBe(1);
    expect(log.lines.some((l) => l.level === 'warn' && /paused/.test(l.msg))).toBe(true);
    // Resumed once access is fixed, it posts again.
    s.delivery.behaviour = () => {};
    s.service.resume(channel('c1'), String(id));
    await clock.advanceTo(NINE + 3 * DAY);
    expect(s.delivery.posted).toHaveLength(1);
    await s.close();
  });
});

describe('scheduler: downtime', () => {
  async function downtime(restartAfterMs: number, graceMs: number) {
    const path = join(tmp.dir, `down-${restartAfterMs}.db`);
    const clock = new FakeClock(T0 - 60 * MIN);
    const log = memoryLog();
    const a = testScheduling(clock, { databasePath: path });
    const id = idOf(a.service.add(channel('c1'), { when: 'daily 09:00' }));
    await a.close(); // down from 07:59 until after 09:00
    clock.t = NINE + restartAfterMs;
    const b = testScheduling(clock, { databasePath: path, graceMs, log });
    b.scheduler.start();
    await clock.advance(1000);
    return { b, id, log, clock, path };
  }

  it('posts the missed slot once when back within the grace period', async () => {
    const { b, id, log } = await downtime(30 * MIN, 60 * MIN);
    expect(b.delivery.posted).toHaveLength(1);
    expect(b.deliveryLog.forSubscription(id)).toMatchObject([{ slot: new Date(NINE).toISOString(), status: 'sent' }]);
    expect(log.lines.some((l) => /posting a missed slot/.test(l.msg))).toBe(true);
    await b.close();
  });

  it('skips and logs a missed slot older than the grace period, once', async () => {
    const { b, id, log, clock, path } = await downtime(90 * MIN, 60 * MIN);
    expect(b.delivery.posted).toHaveLength(0);
    expect(b.deliveryLog.forSubscription(id)).toMatchObject([{ status: 'skipped' }]);
    expect(log.lines.filter((l) => l.level === 'warn' && /MISSED_RUN_GRACE/.test(l.msg))).toHaveLength(1);
    await b.close();
    const again = memoryLog();
    const c = testScheduling(clock, { databasePath: path, graceMs: 60 * MIN, log: again });
    c.scheduler.start();
    await clock.advance(1000);
    expect(again.lines.filter((l) => /MISSED_RUN_GRACE/.test(l.msg))).toHaveLength(0);
    await c.close();
  });

  it('after missing many slots, owes only the latest one', async () => {
    const path = join(tmp.dir, 'many.db');
    const clock = new FakeClock(T0);
    const a = testScheduling(clock, { databasePath: path });
    a.service.add(channel('c1'), { when: 'every-minute' });
    await a.close();
    clock.t = NINE + 10 * MIN + 20_000;
    const b = testScheduling(clock, { databasePath: path });
    b.scheduler.start();
    await clock.advance(1000);
    expect(b.delivery.posted).toHaveLength(1);
    await clock.advanceTo(NINE + 11 * MIN);
    expect(b.delivery.posted).toHaveLength(2);
    await b.close();
  });

  it('does not owe slots that passed while a subscription was paused', async () => {
    const clock = new FakeClock(T0);
    const s = testScheduling(clock);
    const id = idOf(s.service.add(channel('c1'), { when: 'daily 09:00' }));
    s.scheduler.start();
    s.service.pause(channel('c1'), String(id));
    await clock.advanceTo(NINE + 10 * MIN);
    expect(s.delivery.posted).toHaveLength(0);
    s.service.resume(channel('c1'), String(id));
    await clock.advance(MIN);
    expect(s.delivery.posted).toHaveLength(0);
    s.service.remove(channel('c1'), String(id));
    await clock.advanceTo(NINE + 2 * DAY);
    expect(s.delivery.posted).toHaveLength(0);
    await s.close();
  });
});

describe('scheduler: stop', () => {
  it('waits for a post in flight', async () => {
    const clock = new FakeClock(T0);
    const s = testScheduling(clock);
    s.service.add(channel('c1'), { when: 'daily 09:00' });
    let release!: () => void;
    s.delivery.behaviour = () => new Promise<void>((r) => (release = r));
    s.scheduler.start();
    await clock.advanceTo(NINE);
    expect(s.scheduler.stats().inFlight).toBe(1);
    let stopped = false;
    const stopping = s.scheduler.stop(5000).then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(s.delivery.posted).toHaveLength(1);
    await s.close();
  });

  it('gives up waiting at the timeout', async () => {
    const clock = new FakeClock(T0);
    const log = memoryLog();
    const s = testScheduling(clock, { log });
    s.service.add(channel('c1'), { when: 'daily 09:00' });
    s.delivery.behaviour = () => new Promise<void>(() => {});
    s.scheduler.start();
    await clock.advanceTo(NINE);
    const stopping = s.scheduler.stop(2000);
    await clock.advance(2000);
    await stopping;
    expect(log.lines.some((l) => /still in flight/.test(l.msg))).toBe(true);
    await s.close();
  });

  it('a DeliveryError is what adapters throw', () => {
    const e = new DeliveryError('x', false, 10);
    expect(e).toMatchObject({ permanent: false, retryAfterMs: 10 });
    expect(new FakeDelivery('slack', { now: () => 0 }).platform).toBe('slack');
  });
});
