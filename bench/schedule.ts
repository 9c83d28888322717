/**
 * Scheduled briefings at scale: 10,000 subscriptions due in the same minute.
 *
 *   npx tsx bench/schedule.ts
 *
 * The fake platform allows 1 message per second per channel and 50 requests per second
 * overall, and answers anything faster with a 429-style DeliveryError. At those limits
 * 10,000 posts need at least 200 seconds, so the run uses a virtual clock that goes
 * SCALE times faster than real time: the scheduler, its pacer and the fake platform all
 * read it, and its timers are real timers shortened by SCALE. The limits themselves are
 * not scaled: in clock time they are exactly 1/s and 50/s. CPU time is real, so
 * CPU/wall shows whether anything spins while waiting.
 *
 * Beside it, the naive design: one node-cron task per subscription, measured for memory
 * and idle CPU.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import cron from 'node-cron';
import type { Reply } from '../src/core/briefing/document.js';
import { loadPack } from '../src/core/content/load.js';
import type { Clock } from '../src/core/schedule/clock.js';
import { DeliveryError, type Delivery } from '../src/core/schedule/delivery.js';
import { MinHeap } from '../src/core/schedule/heap.js';
import { createScheduling } from '../src/core/schedule/index.js';
import { Pacer } from '../src/core/schedule/pacer.js';

const SUBSCRIPTIONS = 10_000;
const PER_CHANNEL = 10;
const CHANNEL_LIMIT_MS = 1000;
const OVERALL_PER_SECOND = 50;
const SCALE = 20;
const NETWORK_MS = 40; // clock time each accepted request takes
const IDLE_MS = 3000;

v8.setFlagsFromString('--expose_gc');
const gc: () => void = vm.runInNewContext('gc');

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function settledMemory(): { heap: number; rss: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

/**
 * CPU used over IDLE_MS of doing nothing, after a second's pause so that background GC and
 * compilation left from what came before are not counted.
 */
async function idleCpuMs(): Promise<number> {
  await new Promise((r) => setTimeout(r, 1000));
  const c0 = process.cpuUsage();
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const c = process.cpuUsage(c0);
  return Math.round((c.user + c.system) / 100) / 10;
}

/** A clock SCALE times faster than real time, with real (shortened) timers that keep the process alive. */
function virtualClock(start: number): Clock {
  const p0 = performance.now();
  return {
    now: () => start + (performance.now() - p0) * SCALE,
    setTimeout: (fn, ms) => setTimeout(fn, ms / SCALE),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  };
}

/** The platform: enforces its limits on the clock the scheduler reads, and counts every post. */
class LimitedPlatform implements Delivery {
  readonly platform = 'slack' as const;
  accepted = 0;
  rejected = 0;
  first = Infinity;
  last = 0;
  private readonly lastByChannel = new Map<string, number>();
  private readonly recent: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly onAccepted: () => void,
  ) {}

  async post(channelId: string, _reply: Reply): Promise<void> {
    const t = this.clock.now();
    while (this.recent.length && this.recent[0]! <= t - 1000) this.recent.shift();
    const prev = this.lastByChannel.get(channelId);
    if (prev !== undefined && t - prev < CHANNEL_LIMIT_MS) {
      this.rejected++;
      throw new DeliveryError('ratelimited (channel)', false, Math.ceil(prev + CHANNEL_LIMIT_MS - t));
    }
    if (this.recent.length >= OVERALL_PER_SECOND) {
      this.rejected++;
      throw new DeliveryError('ratelimited (global)', false, Math.ceil(this.recent[0]! + 1000 - t));
    }
    this.lastByChannel.set(channelId, t);
    this.recent.push(t);
    this.first = Math.min(this.first, t);
    this.last = Math.max(this.last, t);
    await new Promise((r) => this.clock.setTimeout(() => r(undefined), NETWORK_MS));
    this.accepted++;
    this.onAccepted();
  }
}

async function ourDesign(dir: string) {
  const pack = loadPack(resolve(import.meta.dirname, '../briefings/iran-albania-2022'));
  const nine = Date.UTC(2030, 0, 7, 9, 0);
  // Node, tsx and the loaded pack: the baseline everything below is measured against.
  const base = settledMemory();

  // Subscriptions created the day before, so nothing is owed from earlier slots.
  let setupNow = nine - 86_400_000;
  const setup = createScheduling({ databasePath: join(dir, 'bench.db'), pack, defaultTimezone: 'UTC', graceMs: 3_600_000, now: () => setupNow, maxPerChannel: PER_CHANNEL });
  setup.subscriptions.db.transaction(() => {
    for (let i = 0; i < SUBSCRIPTIONS; i++) {
      const r = setup.subscriptions.add(
        { platform: 'slack', channelId: `C${Math.floor(i / PER_CHANNEL)}`, createdBy: 'U', cron: '0 9 * * *', timezone: 'UTC', kind: 'daily', label: 'daily 09:00' },
        PER_CHANNEL,
      );
      if (!r.ok) throw new Error('setup failed');
    }
  })();
  setupNow = nine;
  await setup.close();

  // Started ten clock seconds (half a real second) early, so loading 10,000 subscriptions is done by 09:00.
  const clock = virtualClock(nine - 10_000);
  let allDone!: () => void;
  const done = new Promise<void>((r) => (allDone = r));
  const platform = new LimitedPlatform(clock, () => {
    if (platform.accepted === SUBSCRIPTIONS) allDone();
  });
  // NORMAL sync here: the run measures the scheduler, not the disk. FULL adds one fsync per
  // claim, measured separately below; at real platform rates (50/s) that is well affordable.
  const s = createScheduling({
    databasePath: join(dir, 'bench.db'),
    pack,
    defaultTimezone: 'UTC',
    graceMs: 3_600_000,
    clock,
    syncIntervalMs: 0,
    database: { synchronous: 'NORMAL' },
    limits: { slack: { perChannelPerSecond: 1, overallPerSecond: OVERALL_PER_SECOND, concurrency: 8 } },
  });
  s.deliveries.set('slack', platform);

  let peakRss = 0;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);

  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  s.scheduler.start();
  await done;
  // The last post's "sent" row is written just after the platform accepted it.
  while (s.scheduler.stats().inFlight > 0) await new Promise((r) => setImmediate(r));
  const wall = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);

  const db = s.subscriptions.db;
  const rows = db.prepare("SELECT count(*) AS sent, count(DISTINCT subscription_id) AS subs FROM deliveries WHERE status = 'sent'").get() as { sent: number; subs: number };
  const stats = s.scheduler.stats();

  // Idle: 10,000 subscriptions tracked, next due tomorrow.
  const idleMem = settledMemory();
  const idleCpu = await idleCpuMs();
  await s.close();

  // What FULL sync costs per claim on this disk.
  const full = createScheduling({ databasePath: join(dir, 'full.db'), pack, defaultTimezone: 'UTC', graceMs: 0, maxPerChannel: 1000 });
  const sub = full.subscriptions.add({ platform: 'slack', channelId: 'C', createdBy: 'U', cron: '0 9 * * *', timezone: 'UTC', kind: 'daily', label: 'x' }, 10);
  const t0 = performance.now();
  const CLAIMS = 200;
  for (let i = 0; i < CLAIMS && sub.ok; i++) full.deliveryLog.claim(sub.subscription.id, new Date(nine + i * 60_000).toISOString(), 'bench');
  const fullClaimMs = (performance.now() - t0) / CLAIMS;
  await full.close();

  return {
    'ours: subscriptions': SUBSCRIPTIONS,
    'ours: channels': SUBSCRIPTIONS / PER_CHANNEL,
    'ours: posts accepted by the platform': platform.accepted,
    'ours: slots recorded sent (distinct subscriptions)': `${rows.sent} (${rows.subs})`,
    'ours: exactly once': platform.accepted === SUBSCRIPTIONS && rows.sent === SUBSCRIPTIONS && rows.subs === SUBSCRIPTIONS ? 'yes' : 'NO',
    'ours: 429s from the platform': platform.rejected,
    'ours: clock time first to last post (s)': Math.round((platform.last - platform.first) / 100) / 10,
    'ours: lower bound at 50/s (s)': (SUBSCRIPTIONS - 1) / OVERALL_PER_SECOND,
    'ours: first post after the slot (ms, clock time)': Math.round(platform.first - nine),
    'ours: clock speed-up': SCALE,
    'ours: wall time (s)': Math.round(wall / 100) / 10,
    'ours: CPU time (s)': Math.round((cpu.user + cpu.system) / 1e5) / 10,
    'ours: CPU / wall': Math.round(((cpu.user + cpu.system) / 1000 / wall) * 100) / 100,
    'baseline before (Node + tsx + pack): RSS / heap (MB)': `${mb(base.rss)} / ${mb(base.heap)}`,
    'ours: peak RSS during the run (MB)': mb(peakRss),
    'ours: peak RSS above baseline (MB)': mb(peakRss - base.rss),
    'ours: peak heap during the run (MB)': mb(peakHeap),
    'ours: retries': stats.retries,
    'ours: idle heap delta with 10k tracked (MB)': mb(idleMem.heap - base.heap),
    'ours: idle RSS delta with 10k tracked (MB)': mb(idleMem.rss - base.rss),
    [`ours: idle CPU over ${IDLE_MS / 1000}s (ms)`]: idleCpu,
    'ours: one claim with synchronous=FULL (ms)': Math.round(fullClaimMs * 100) / 100,
  };
}

/**
 * The pacer alone on a simulated clock (no real time at all): what its design achieves
 * without timer lateness, which the 20x clock above magnifies 20 times.
 */
async function pacerSimulated() {
  let t = 0;
  const timers = new MinHeap<{ at: number; seq: number; fn: () => void }>((x) => x.at + x.seq * 1e-9);
  let seq = 0;
  const cancelled = new Set<number>();
  const clock: Clock = {
    now: () => t,
    setTimeout: (fn, ms) => {
      const id = ++seq;
      timers.push({ at: t + ms, seq: id, fn });
      return id;
    },
    clearTimeout: (h) => cancelled.add(h as number),
  };
  const recent: number[] = [];
  const lastByChannel = new Map<string, number>();
  let violations = 0;
  let started = 0;
  const pacer = new Pacer<string>({ perChannelPerSecond: 1, overallPerSecond: OVERALL_PER_SECOND, concurrency: 8 }, clock, async (ch) => {
    while (recent.length && recent[0]! <= t - 1000) recent.shift();
    const prev = lastByChannel.get(ch);
    if (recent.length >= OVERALL_PER_SECOND || (prev !== undefined && t - prev < CHANNEL_LIMIT_MS)) violations++;
    recent.push(t);
    lastByChannel.set(ch, t);
    started++;
    await new Promise<void>((r) => clock.setTimeout(r, NETWORK_MS));
  });
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const ch = `C${Math.floor(i / PER_CHANNEL)}`;
    pacer.push(ch, ch);
  }
  let last = 0;
  for (let x = timers.pop(); x; x = timers.pop()) {
    if (cancelled.has(x.seq)) continue;
    t = Math.max(t, x.at);
    x.fn();
    if (started === SUBSCRIPTIONS && !last) last = t;
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();
  }
  return {
    'pacer alone, simulated clock: posts started': started,
    'pacer alone, simulated clock: limit violations': violations,
    'pacer alone, simulated clock: last start (s)': Math.round(last / 100) / 10,
  };
}

async function naiveDesign() {
  const base = settledMemory();
  const t0 = performance.now();
  const tasks = Array.from({ length: SUBSCRIPTIONS }, () => cron.schedule('0 9 * * *', () => {}, { timezone: 'UTC' }));
  const createMs = performance.now() - t0;
  const mem = settledMemory();
  const idle = await idleCpuMs();
  for (const t of tasks) {
    await t.stop();
    await t.destroy();
  }
  return {
    'naive: node-cron tasks started': tasks.length,
    'naive: time to create (ms)': Math.round(createMs),
    'naive: heap delta (MB)': mb(mem.heap - base.heap),
    'naive: RSS delta (MB)': mb(mem.rss - base.rss),
    [`naive: idle CPU over ${IDLE_MS / 1000}s (ms)`]: idle,
    'naive: timers (one per task)': tasks.length,
  };
}

export async function benchSchedule(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'casebrief-bench-'));
  try {
    const ours = await ourDesign(dir);
    const simulated = await pacerSimulated();
    const naive = await naiveDesign();
    return { ...ours, ...simulated, ...naive };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const results = await benchSchedule();
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}
