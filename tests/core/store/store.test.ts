import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/store/db.js';
import { DeliveryLog } from '../../../src/core/store/deliveries.js';
import { FeedbackStore } from '../../../src/core/store/feedback.js';
import { migrate, migrations } from '../../../src/core/store/migrations.js';
import { SubscriptionStore, type NewSubscription } from '../../../src/core/store/subscriptions.js';
import { ctx } from '../../helpers.js';
import { tempDir } from '../schedule/support.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const sub = (over: Partial<NewSubscription> = {}): NewSubscription => ({
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C1',
  createdBy: 'U1',
  cron: '0 9 * * *',
  timezone: 'Europe/Tirane',
  kind: 'daily',
  label: 'daily 09:00',
  ...over,
});

describe('openDatabase', () => {
  it('creates the parent folder, uses WAL with full sync, and migrates to the latest version', () => {
    const path = join(tmp.dir, 'a', 'b', 'casebrief.db');
    const db = openDatabase(path);
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['deliveries', 'feedback', 'series_position', 'subscriptions']));
    db.close();
    // Reopening runs nothing again.
    const again = openDatabase(path);
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length);
    again.close();
  });

  it('accepts :memory:', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('runs numbered migrations in order, once, and refuses a database from a newer build', () => {
    const db = new Database(':memory:');
    const steps = ['CREATE TABLE t (a INTEGER)', 'ALTER TABLE t ADD COLUMN b TEXT', "INSERT INTO t VALUES (1, 'x')"];
    expect(migrate(db, steps.slice(0, 2))).toBe(2);
    expect(migrate(db, steps)).toBe(3);
    expect(migrate(db, steps)).toBe(3);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    expect(() => migrate(db, steps.slice(0, 1))).toThrow(/newer than this build/);
    db.close();
  });

  it('a failing migration leaves the version where it was', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, ['CREATE TABLE t (a)', 'THIS IS NOT SQL'])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });
});

describe('SubscriptionStore', () => {
  it('adds up to the cap per channel, lists by channel, removes only within the channel', () => {
    const db = openDatabase(':memory:');
    const store = new SubscriptionStore(db, () => Date.UTC(2026, 0, 1));
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = store.add(sub(), 3);
      if (!r.ok) throw new Error('expected ok');
      ids.push(r.subscription.id);
    }
    expect(store.add(sub(), 3)).toEqual({ ok: false, reason: 'channel-full', count: 3 });
    expect(store.add(sub({ channelId: 'C2' }), 3).ok).toBe(true);
    expect(store.add(sub({ platform: 'discord' }), 3).ok).toBe(true);
    expect(store.inChannel('slack', 'C1').map((s) => s.id)).toEqual(ids);
    expect(store.get(ids[0]!)).toMatchObject({ platform: 'slack', workspaceId: 'T1', channelId: 'C1', paused: false, activeSince: '2026-01-01T00:00:00.000Z' });
    expect(store.remove('slack', 'C2', ids[0]!)).toBe(false);
    expect(store.remove('slack', 'C1', ids[0]!)).toBe(true);
    expect(store.get(ids[0]!)).toBeUndefined();
    db.close();
  });

  it('pauses with a reason, resumes from now, and keeps series positions', () => {
    let now = Date.UTC(2026, 0, 1);
    const db = openDatabase(':memory:');
    const store = new SubscriptionStore(db, () => now);
    const r = store.add(sub(), 10);
    if (!r.ok) throw new Error();
    const id = r.subscription.id;
    expect(store.pause(id, 'channel_not_found')).toMatchObject({ paused: true, pausedReason: 'channel_not_found' });
    expect(store.active()).toHaveLength(0);
    now += 86_400_000;
    expect(store.resume(id)).toMatchObject({ paused: false, pausedReason: undefined, activeSince: '2026-01-02T00:00:00.000Z' });
    expect(store.nextPart(id)).toBe(1);
    store.setNextPart(id, 4);
    store.setNextPart(id, 5);
    expect(store.nextPart(id)).toBe(5);
    // Removing a subscription removes its series and deliveries with it.
    new DeliveryLog(db).claim(id, '2026-01-02T08:00:00.000Z', 'x');
    store.remove('slack', 'C1', id);
    expect(db.prepare('SELECT (SELECT count(*) FROM series_position) + (SELECT count(*) FROM deliveries) AS n').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('DeliveryLog', () => {
  it('lets one caller claim a slot; later claims fail; paused or removed subscriptions cannot be claimed', () => {
    const db = openDatabase(':memory:');
    const store = new SubscriptionStore(db);
    const log = new DeliveryLog(db);
    const r = store.add(sub(), 10);
    if (!r.ok) throw new Error();
    const id = r.subscription.id;
    expect(log.claim(id, '2026-01-01T08:00:00.000Z', 'a')).toBe(true);
    expect(log.claim(id, '2026-01-01T08:00:00.000Z', 'b')).toBe(false);
    expect(log.skip(id, '2026-01-01T08:00:00.000Z', 'b', 'late')).toBe(false);
    log.sent(id, '2026-01-01T08:00:00.000Z', () => store.setNextPart(id, 2));
    expect(log.forSubscription(id)).toMatchObject([{ status: 'sent', claimedBy: 'a' }]);
    expect(store.nextPart(id)).toBe(2);
    expect(log.lastSlot(id)).toBe('2026-01-01T08:00:00.000Z');
    store.pause(id);
    expect(log.claim(id, '2026-01-02T08:00:00.000Z', 'a')).toBe(false);
    expect(log.claim(999, '2026-01-02T08:00:00.000Z', 'a')).toBe(false);
    db.close();
  });

  it('two connections to one file: only one claims', () => {
    const path = join(tmp.dir, 'claims.db');
    const a = openDatabase(path);
    const b = openDatabase(path);
    const r = new SubscriptionStore(a).add(sub(), 10);
    if (!r.ok) throw new Error();
    const la = new DeliveryLog(a);
    const lb = new DeliveryLog(b);
    const wins = Array.from({ length: 50 }, (_, i) => {
      const slot = new Date(Date.UTC(2026, 0, 1 + i, 8)).toISOString();
      return Number(la.claim(r.subscription.id, slot, 'a')) + Number(lb.claim(r.subscription.id, slot, 'b'));
    });
    expect(wins.every((w) => w === 1)).toBe(true);
    a.close();
    b.close();
  });
});

describe('FeedbackStore', () => {
  it('records votes and counts them per command name', () => {
    const db = openDatabase(':memory:');
    const fb = new FeedbackStore(db);
    fb.recordFeedback(ctx(), '/brief attribution', 1);
    fb.recordFeedback(ctx(), '/brief', 1);
    fb.recordFeedback(ctx({ userId: 'u2' }), '/brief overview short', -1);
    fb.recordFeedback(ctx(), '/ask who did it?', -1);
    fb.recordFeedback(ctx(), 'x'.repeat(10_000), 1);
    expect(fb.counts()).toEqual([
      { command: '/ask', up: 0, down: 1 },
      { command: '/brief', up: 2, down: 1 },
      { command: 'x'.repeat(500), up: 1, down: 0 },
    ]);
    db.close();
  });
});
