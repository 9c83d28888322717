// SIGKILL in the middle of scheduled posting, claims and /schedule adds, then a restart on the
// same database file: nothing acknowledged is lost and no (subscription, slot) is posted twice.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduling } from '../../src/core/schedule/index.js';
import { openDatabase } from '../../src/core/store/db.js';
import { DeliveryLog } from '../../src/core/store/deliveries.js';
import { SubscriptionStore } from '../../src/core/store/subscriptions.js';
import { channel, tempDir } from '../core/schedule/support.js';
import { loadPack } from '../../src/core/content/load.js';
import { ROOT, TINY_DIR } from '../helpers.js';
import { until } from './support.js';

const SCRIPT = 'tests/faults/fixtures/crash-scheduler.ts';
/** One clock minute per real second, for every run: they share one timeline. */
const SPEED = 60;
const T0 = Date.UTC(2030, 0, 7, 8, 59, 50);
const BASE_SUBSCRIPTIONS = 30;

let tmp: ReturnType<typeof tempDir>;
const children = new Set<ChildProcessWithoutNullStreams>();
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  children.clear();
  tmp.cleanup();
});

interface Run {
  acked: number[];
  /** How it ended: 'SIGKILL', or the exit code. */
  ended: Promise<string>;
  out(): string;
  kill(): void;
}

function run(label: string, env: Record<string, string>, real0: () => number): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, RUN: label, T0: String(T0), SPEED: String(SPEED), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  const acked: number[] = [];
  let out = '';
  let err = '';
  let buffer = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d;
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line === 'ready') child.stdin.end(`go ${real0()}\n`);
      const m = /^ack (\d+)$/.exec(line);
      if (m) acked.push(Number(m[1]));
    }
  });
  child.stderr.on('data', (d) => (err += d));
  const ended = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve('SIGKILL');
      else if (code === 0) resolve('0');
      else reject(new Error(`run ${label} exited with ${code ?? signal}: ${err}`));
    });
  });
  return { acked, ended, out: () => out, kill: () => child.kill('SIGKILL') };
}

interface Post {
  run: string;
  sub: number;
  slot: string;
}

function readPosts(path: string): Post[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const posts: Post[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+) sub=(\d+) slot=(\S+)$/.exec(line);
    if (m) posts.push({ run: m[1]!, sub: Number(m[2]), slot: m[3]! });
  }
  return posts;
}

describe('SIGKILL during scheduled posting and /schedule adds, then restart', () => {
  it('loses no acknowledged subscription and posts no (subscription, slot) twice across runs', async () => {
    const db = join(tmp.dir, 'casebrief.db');
    const postsPath = join(tmp.dir, 'posts.log');
    const setup = createScheduling({ databasePath: db, pack: loadPack(TINY_DIR), defaultTimezone: 'UTC', graceMs: 3_600_000, now: () => T0, maxPerChannel: 10 });
    for (let i = 0; i < BASE_SUBSCRIPTIONS; i++) setup.service.add(channel(`base-c${i}`), { when: 'every-minute', kind: 'daily' });
    await setup.close();

    // The clock reads T0 at this real instant, in every run; the first one starts a little later.
    let real0 = 0;
    const startAt = () => (real0 ||= Date.now() + 100);
    const env = { DB_PATH: db, POSTS_PATH: postsPath };
    const posted = () => readPosts(postsPath).length;

    // Run 1: killed in the middle of its second burst of posts, while adding subscriptions.
    const first = run('1', { ...env, ADD_EVERY_MS: '25', ADD_MAX: '30' }, startAt);
    await until(() => posted() >= BASE_SUBSCRIPTIONS + 20 && first.acked.length >= 10, () => `run 1 to post and add (posts ${posted()}, acks ${first.acked.length})`, 15_000);
    first.kill();
    expect(await first.ended).toBe('SIGKILL');

    // Run 2: catches up on the same file, adds more, and is killed mid catch-up.
    const atRestart = posted();
    const second = run('2', { ...env, ADD_EVERY_MS: '25', ADD_MAX: '30' }, startAt);
    await until(() => posted() >= atRestart + 20 && second.acked.length >= 5, () => `run 2 to post and add (posts ${posted() - atRestart}, acks ${second.acked.length})`, 15_000);
    second.kill();
    expect(await second.ended).toBe('SIGKILL');

    // Run 3: runs a clock minute and a half (so at least one slot falls due in it), lets what it started finish, and stops.
    const third = run('3', { ...env, RUN_FOR_MS: String(90_000) }, startAt);
    expect(await third.ended).toBe('0');
    expect(third.out()).toMatch(/^done /m);

    const posts = readPosts(postsPath);
    const acked = [...first.acked, ...second.acked];
    for (const r of ['1', '2', '3']) expect(posts.filter((p) => p.run === r).length, `posts in run ${r}`).toBeGreaterThan(0);

    // No (subscription, slot) posted twice, across all three runs.
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const p of posts) {
      const key = `${p.sub}@${p.slot}`;
      if (seen.has(key)) twice.push(`${key} in runs ${seen.get(key)} and ${p.run}`);
      seen.set(key, p.run);
    }
    expect(twice).toEqual([]);

    const handle = openDatabase(db);
    try {
      const subscriptions = new SubscriptionStore(handle);
      const log = new DeliveryLog(handle);
      // Every acknowledged subscription is still there, active, and was posted to after the last crash.
      const lost = acked.filter((id) => !subscriptions.get(id) || subscriptions.get(id)!.paused);
      expect(lost).toEqual([]);
      const unposted = acked.filter((id) => !posts.some((p) => p.sub === id && p.run === '3'));
      expect(unposted).toEqual([]);

      // The delivery log agrees with what was posted: every post was claimed first, and every
      // slot marked sent was posted. A slot claimed by a killed run and never posted is the
      // accepted loss (a briefing missed rather than doubled); it is never posted later.
      const all = subscriptions.active().flatMap((s) => log.forSubscription(s.id));
      const rows = new Map(all.map((row) => [`${row.subscriptionId}@${row.slot}`, row]));
      const status = (p: Post) => rows.get(`${p.sub}@${p.slot}`)?.status;
      const unclaimed = posts.filter((p) => status(p) !== 'sent' && status(p) !== 'claimed');
      expect(unclaimed).toEqual([]);
      // Run 3 stopped cleanly, so whatever it posted is marked sent: it posted no slot a killed run had claimed.
      expect(posts.filter((p) => p.run === '3' && status(p) !== 'sent')).toEqual([]);
      const sentNotPosted = all.filter((row) => row.status === 'sent' && !seen.has(`${row.subscriptionId}@${row.slot}`));
      expect(sentNotPosted).toEqual([]);
    } finally {
      handle.close();
    }
  }, 45_000);
});
