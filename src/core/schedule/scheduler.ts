import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Platform } from '../../commands/types.js';
import type { Reply } from '../briefing/document.js';
import type { DeliveryLog } from '../store/deliveries.js';
import type { Subscription, SubscriptionStore } from '../store/subscriptions.js';
import { MAX_SLEEP_MS, systemClock, type Clock } from './clock.js';
import { DeliveryError, type Delivery } from './delivery.js';
import { MinHeap } from './heap.js';
import { DEFAULT_LIMITS, Pacer, type RateLimits } from './pacer.js';
import type { PostComposer } from './posts.js';
import { compileCron, nextSlot, previousSlot, type CronFields } from './slots.js';

export interface ScheduleLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

export interface RetryPolicy {
  /** Attempts in all for a server error or network failure, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How many times a rate-limit answer (429) is waited out before giving up. */
  maxRateLimitWaits: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, maxRateLimitWaits: 10 };

/** Per-platform defaults; each can be overridden. Slack allows about one post per second per channel. */
export const PLATFORM_LIMITS: Record<Platform, RateLimits> = {
  slack: { perChannelPerSecond: 1, overallPerSecond: 20, concurrency: 8 },
  discord: { perChannelPerSecond: 1, overallPerSecond: 50, concurrency: 8 },
  console: { perChannelPerSecond: 100, overallPerSecond: 1000, concurrency: 1 },
};

export interface SchedulerOptions {
  subscriptions: SubscriptionStore;
  deliveryLog: DeliveryLog;
  composer: PostComposer;
  /** Read at each post, so a platform can be added after the scheduler is built. */
  deliveries: Map<Platform, Delivery>;
  /** After downtime, the latest missed slot is posted if it is at most this old. */
  graceMs: number;
  log?: ScheduleLogger;
  clock?: Clock;
  limits?: Partial<Record<Platform, Partial<RateLimits>>>;
  retry?: Partial<RetryPolicy>;
  /** Written into each claim, to tell instances apart in the delivery log. */
  instanceId?: string;
  /** How often to re-read subscriptions changed by another instance; 0 never. */
  syncIntervalMs?: number;
  random?: () => number;
}

export interface SchedulerStats {
  sent: number;
  failed: number;
  skipped: number;
  /** Slots another instance (or an earlier run) had already claimed. */
  alreadyClaimed: number;
  retries: number;
  rateLimited: number;
  paused: number;
}

interface Job {
  sub: Subscription;
  slot: number;
  slotIso: string;
  claimed: boolean;
  attempts: number;
  rateLimitWaits: number;
  reply?: Reply;
  nextPart?: number;
}

interface Due {
  at: number;
  id: number;
  gen: number;
}

interface Tracked {
  sub: Subscription;
  fields: CronFields;
  gen: number;
}

const silent: ScheduleLogger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Posts every subscription's briefings on time, exactly once per slot.
 *
 * One timer drives all subscriptions: their next due times sit in a min-heap and the
 * scheduler sleeps until the earliest (or a sync, or at most a minute, to notice clock
 * jumps). Due posts go to a per-platform pacer that respects channel and overall limits.
 *
 * Exactly once: a slot is claimed in the database (a row with a UNIQUE (subscription, slot)
 * key) just before it is posted, so a restart or a second instance on the same database
 * finds the claim and does not post again. Claiming at the last moment, rather than when
 * the slot falls due, means a post still queued at shutdown was never claimed and the
 * next start can post it as a missed slot. The price of claiming first is that a crash
 * between claim and post loses that one post rather than doubling it: a briefing missed
 * is better than a briefing twice.
 */
export class Scheduler {
  /** When the timer last woke (epoch ms): a health check can tell a stuck scheduler. */
  lastTick: number | undefined;
  readonly instanceId: string;

  private readonly heap = new MinHeap<Due>((d) => d.at);
  private readonly tracked = new Map<number, Tracked>();
  private readonly pacers = new Map<Platform, Pacer<Job>>();
  private readonly clock: Clock;
  private readonly log: ScheduleLogger;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly syncIntervalMs: number;
  private readonly counts: SchedulerStats = { sent: 0, failed: 0, skipped: 0, alreadyClaimed: 0, retries: 0, rateLimited: 0, paused: 0 };
  private gen = 0;
  private running = false;
  private timer: unknown;
  private nextSyncAt = Infinity;
  private lastSlots: Map<number, string> | undefined;

  constructor(private readonly opts: SchedulerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? silent;
    this.retry = { ...DEFAULT_RETRY, ...opts.retry };
    this.random = opts.random ?? Math.random;
    this.syncIntervalMs = opts.syncIntervalMs ?? 60_000;
    this.instanceId = opts.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  get isRunning(): boolean {
    return this.running;
  }

  stats(): SchedulerStats & { tracked: number; queued: number; inFlight: number } {
    let queued = 0;
    let inFlight = 0;
    for (const p of this.pacers.values()) {
      queued += p.pending;
      inFlight += p.active;
    }
    return { ...this.counts, tracked: this.tracked.size, queued, inFlight };
  }

  /** Loads the subscriptions, posts or skips what was missed while down, and starts the timer. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastSlots = this.opts.deliveryLog.lastSlots();
    this.sync();
    this.lastSlots = undefined;
    this.nextSyncAt = this.syncIntervalMs > 0 ? this.clock.now() + this.syncIntervalMs : Infinity;
    this.tick();
  }

  /** Waits for posts in flight, up to `timeoutMs`; posts not yet started are left for the next start. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const drains: Promise<void>[] = [];
    for (const pacer of this.pacers.values()) {
      for (const job of pacer.stop()) {
        // Claimed and waiting to retry: it will not be retried now, and a restart must not post it.
        if (job.claimed) this.markFailed(job, 'shut down before the retry');
      }
      drains.push(pacer.idle());
    }
    let timer: unknown;
    const timeout = new Promise<'timeout'>((resolve) => (timer = this.clock.setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([Promise.all(drains).then(() => 'drained' as const), timeout]);
    this.clock.clearTimeout(timer);
    if (result === 'timeout') this.log.warn({ timeoutMs }, 'scheduler stopped with posts still in flight');
    this.pacers.clear();
  }

  /** A subscription was added, changed, paused or resumed here; takes effect at once. */
  upsert(sub: Subscription): void {
    if (!this.running) return;
    this.track(sub);
    this.arm(this.clock.now());
  }

  /** A subscription was removed here. Its due entry is dropped lazily from the heap. */
  remove(id: number): void {
    this.tracked.delete(id);
  }

  // --- timing ---

  private tick(): void {
    this.timer = undefined;
    if (!this.running) return;
    const now = this.clock.now();
    this.lastTick = now;
    if (now >= this.nextSyncAt) {
      this.nextSyncAt = now + this.syncIntervalMs;
      this.safely('sync', () => this.sync());
    }
    for (let d = this.heap.peek(); d && d.at <= now; d = this.heap.peek()) {
      this.heap.pop();
      const t = this.tracked.get(d.id);
      if (!t || t.gen !== d.gen) continue; // removed or rescheduled since
      this.safely('due', () => this.fire(t, d.at, now));
    }
    this.arm(now);
  }

  private fire(t: Tracked, due: number, now: number): void {
    const { sub, fields } = t;
    let slot = due;
    let next = nextSlot(fields, sub.timezone, due);
    if (next !== undefined && next <= now) {
      // Woke late (a suspended machine, a blocked loop): only the latest slot can still be owed.
      slot = previousSlot(fields, sub.timezone, now) ?? due;
      next = nextSlot(fields, sub.timezone, now);
    }
    this.owe(sub, slot, now);
    if (next === undefined) {
      this.tracked.delete(sub.id);
      return;
    }
    t.gen = ++this.gen;
    this.heap.push({ at: next, id: sub.id, gen: t.gen });
  }

  private arm(now: number): void {
    if (!this.running) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    const at = Math.min(this.heap.peek()?.at ?? Infinity, this.nextSyncAt);
    const delay = Math.min(Math.max(0, at - now), MAX_SLEEP_MS);
    this.timer = this.clock.setTimeout(() => this.tick(), delay);
  }

  // --- subscriptions ---

  /** Reconciles with the database: picks up subscriptions added, changed or removed elsewhere. */
  private sync(): void {
    const seen = new Set<number>();
    for (const sub of this.opts.subscriptions.active()) {
      seen.add(sub.id);
      this.track(sub);
    }
    for (const id of [...this.tracked.keys()]) if (!seen.has(id)) this.tracked.delete(id);
  }

  private track(sub: Subscription): void {
    if (sub.paused || !this.opts.deliveries.has(sub.platform)) {
      this.tracked.delete(sub.id);
      return;
    }
    const known = this.tracked.get(sub.id);
    if (known && known.sub.cron === sub.cron && known.sub.timezone === sub.timezone && known.sub.activeSince === sub.activeSince) {
      known.sub = sub;
      return;
    }
    let fields: CronFields;
    try {
      fields = compileCron(sub.cron);
    } catch (err) {
      this.log.error({ err, subscription: sub.id }, 'subscription has an unusable cron expression; not scheduled');
      return;
    }
    const now = this.clock.now();
    if (!known) this.catchUp(sub, fields, now);
    const next = nextSlot(fields, sub.timezone, now);
    if (next === undefined) {
      this.tracked.delete(sub.id);
      return;
    }
    const t: Tracked = { sub, fields, gen: ++this.gen };
    this.tracked.set(sub.id, t);
    this.heap.push({ at: next, id: sub.id, gen: t.gen });
  }

  /** The latest slot since the last delivery (or since the subscription became active) is owed once, if recent enough. */
  private catchUp(sub: Subscription, fields: CronFields, now: number): void {
    const last = this.lastSlots ? this.lastSlots.get(sub.id) : this.opts.deliveryLog.lastSlot(sub.id);
    const since = Math.max(Date.parse(sub.activeSince), last ? Date.parse(last) : -Infinity);
    const missed = previousSlot(fields, sub.timezone, now);
    if (missed === undefined || missed <= since) return;
    this.owe(sub, missed, now);
  }

  /** Queues a slot's post, or records it skipped if it is older than the grace period. */
  private owe(sub: Subscription, slot: number, now: number): void {
    const slotIso = new Date(slot).toISOString();
    const late = now - slot;
    if (late > this.opts.graceMs) {
      if (this.opts.deliveryLog.skip(sub.id, slotIso, this.instanceId, `missed by ${Math.round(late / 1000)}s, beyond the grace period`)) {
        this.counts.skipped++;
        this.log.warn({ subscription: sub.id, slot: slotIso, lateMs: late, graceMs: this.opts.graceMs }, 'missed slot skipped: older than MISSED_RUN_GRACE');
      }
      return;
    }
    if (late > 5_000) this.log.info({ subscription: sub.id, slot: slotIso, lateMs: late }, 'posting a missed slot');
    this.pacer(sub.platform).push(sub.channelId, { sub, slot, slotIso, claimed: false, attempts: 0, rateLimitWaits: 0 });
  }

  // --- delivery ---

  private pacer(platform: Platform): Pacer<Job> {
    let p = this.pacers.get(platform);
    if (!p) {
      const limits = { ...DEFAULT_LIMITS, ...PLATFORM_LIMITS[platform], ...this.opts.limits?.[platform] };
      p = new Pacer<Job>(
        limits,
        this.clock,
        (job) => this.post(job),
        (job) => this.prepare(job),
      );
      this.pacers.set(platform, p);
    }
    return p;
  }

  /**
   * Runs at the head of the queue, just before the post: claims the slot (false if another
   * instance or an earlier run has it) and composes the post, so a daily series reads where
   * it has got to now. On a retry, checks the subscription was not removed or paused meanwhile.
   */
  private prepare(job: Job): boolean {
    const { sub } = job;
    if (!this.opts.deliveries.has(sub.platform)) return false;
    try {
      if (job.claimed) {
        const current = this.opts.subscriptions.get(sub.id);
        return !!current && !current.paused;
      }
      if (!this.opts.deliveryLog.claim(sub.id, job.slotIso, this.instanceId)) {
        this.counts.alreadyClaimed++;
        this.log.debug?.({ subscription: sub.id, slot: job.slotIso }, 'slot already claimed; not posting');
        return false;
      }
      job.claimed = true;
      const composed = this.opts.composer.compose(sub, job.slot);
      job.reply = composed.reply;
      job.nextPart = composed.nextPart;
      return true;
    } catch (err) {
      this.log.error({ err, subscription: sub.id, slot: job.slotIso }, 'could not prepare a scheduled post');
      if (job.claimed) this.markFailed(job, 'could not compose the post');
      return false;
    }
  }

  private async post(job: Job): Promise<void> {
    const { sub } = job;
    const delivery = this.opts.deliveries.get(sub.platform);
    try {
      if (!delivery) throw new Error(`no delivery for ${sub.platform}`);
      await delivery.post(sub.channelId, job.reply!);
    } catch (err) {
      this.failed(job, err);
      return;
    }
    try {
      const next = job.nextPart;
      this.opts.deliveryLog.sent(sub.id, job.slotIso, next === undefined ? undefined : () => this.opts.subscriptions.setNextPart(sub.id, next));
      this.counts.sent++;
    } catch (err) {
      this.log.error({ err, subscription: sub.id, slot: job.slotIso }, 'posted, but could not record it');
    }
  }

  private failed(job: Job, err: unknown): void {
    const { sub } = job;
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    const permanent = err instanceof DeliveryError && err.permanent;
    if (permanent) {
      const reason = `could not post here on ${new Date(this.clock.now()).toISOString().slice(0, 10)} (${message})`;
      this.safely('pause', () => {
        this.opts.subscriptions.pause(sub.id, reason);
        this.markFailed(job, message);
      });
      this.tracked.delete(sub.id);
      this.counts.paused++;
      this.log.warn({ subscription: sub.id, platform: sub.platform, channel: sub.channelId, error: message }, 'delivery failed permanently; subscription paused');
      return;
    }
    const retryAfter = err instanceof DeliveryError ? err.retryAfterMs : undefined;
    let wait: number;
    if (retryAfter !== undefined) {
      this.counts.rateLimited++;
      if (++job.rateLimitWaits > this.retry.maxRateLimitWaits) return this.giveUp(job, `still rate limited after ${this.retry.maxRateLimitWaits} waits`);
      wait = Math.max(0, retryAfter);
    } else {
      if (++job.attempts >= this.retry.maxAttempts) return this.giveUp(job, message);
      // Exponential backoff with jitter, so many failed posts do not retry in lockstep.
      const base = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (job.attempts - 1));
      wait = base / 2 + (this.random() * base) / 2;
    }
    if (!this.running) return this.giveUp(job, 'shut down before the retry');
    this.counts.retries++;
    this.log.debug?.({ subscription: sub.id, slot: job.slotIso, waitMs: Math.round(wait), error: message }, 'post failed; will retry');
    this.pacer(sub.platform).push(sub.channelId, job, this.clock.now() + wait);
  }

  private giveUp(job: Job, why: string): void {
    this.log.error({ subscription: job.sub.id, slot: job.slotIso, error: why }, 'scheduled post failed; giving up on this slot');
    this.markFailed(job, why);
  }

  private markFailed(job: Job, why: string): void {
    this.counts.failed++;
    this.safely('record failure', () => this.opts.deliveryLog.failed(job.sub.id, job.slotIso, why));
  }

  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log.error({ err }, `scheduler: ${what} failed`);
    }
  }
}
