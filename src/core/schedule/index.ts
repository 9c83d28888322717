import type { Platform } from '../../commands/types.js';
import { Briefing } from '../briefing/briefing.js';
import type { Pack } from '../content/pack.js';
import { openDatabase, type OpenOptions } from '../store/db.js';
import { DeliveryLog } from '../store/deliveries.js';
import { FeedbackStore } from '../store/feedback.js';
import { SubscriptionStore } from '../store/subscriptions.js';
import { systemClock, type Clock } from './clock.js';
import { ScheduleService } from './commands.js';
import type { Delivery } from './delivery.js';
import type { RateLimits } from './pacer.js';
import { PostComposer } from './posts.js';
import { Scheduler, type RetryPolicy, type ScheduleLogger } from './scheduler.js';

export interface SchedulingOptions {
  databasePath: string;
  /** The pack to brief on, or a Briefing already built for it. */
  pack?: Pack;
  briefing?: Briefing;
  defaultTimezone: string;
  graceMs: number;
  log?: ScheduleLogger;
  /** Injected time for tests and benchmarks; defaults to the system clock. */
  now?: () => number;
  clock?: Clock;
  deliveries?: Map<Platform, Delivery>;
  limits?: Partial<Record<Platform, Partial<RateLimits>>>;
  retry?: Partial<RetryPolicy>;
  maxPerChannel?: number;
  syncIntervalMs?: number;
  database?: OpenOptions;
  /** Jitter source for retry backoff. */
  random?: () => number;
}

export interface Scheduling {
  service: ScheduleService;
  scheduler: Scheduler;
  feedback: FeedbackStore;
  /** Platforms the scheduler can post to; add one as its adapter comes up, before or after start(). */
  deliveries: Map<Platform, Delivery>;
  subscriptions: SubscriptionStore;
  deliveryLog: DeliveryLog;
  /** Whether the database answers `SELECT 1` (false once closed): for readiness checks. */
  ping(): boolean;
  /** Stops the scheduler (waiting up to `timeoutMs` for posts in flight) and closes the database. */
  close(timeoutMs?: number): Promise<void>;
}

/** Wires storage, the scheduler and the /schedule commands for one database. */
export function createScheduling(opts: SchedulingOptions): Scheduling {
  const briefing = opts.briefing ?? (opts.pack ? new Briefing(opts.pack) : undefined);
  if (!briefing) throw new Error('createScheduling needs a pack or a briefing');
  const clock: Clock = opts.clock ?? (opts.now ? { ...systemClock, now: opts.now } : systemClock);
  const now = () => clock.now();
  const db = openDatabase(opts.databasePath, opts.database);
  const subscriptions = new SubscriptionStore(db, now);
  const deliveryLog = new DeliveryLog(db, now);
  const feedback = new FeedbackStore(db, now);
  const composer = new PostComposer(briefing, subscriptions);
  const deliveries = opts.deliveries ?? new Map<Platform, Delivery>();
  const scheduler = new Scheduler({
    subscriptions,
    deliveryLog,
    composer,
    deliveries,
    graceMs: opts.graceMs,
    log: opts.log,
    clock,
    limits: opts.limits,
    retry: opts.retry,
    syncIntervalMs: opts.syncIntervalMs,
    random: opts.random,
  });
  const service = new ScheduleService({
    subscriptions,
    composer,
    defaultTimezone: opts.defaultTimezone,
    listener: scheduler,
    maxPerChannel: opts.maxPerChannel,
    now,
  });
  let closed = false;
  return {
    service,
    scheduler,
    feedback,
    deliveries,
    subscriptions,
    deliveryLog,
    ping() {
      if (closed || !db.open) return false;
      try {
        return db.prepare('SELECT 1').pluck().get() === 1;
      } catch {
        return false;
      }
    },
    async close(timeoutMs = 10_000) {
      if (closed) return;
      closed = true;
      await scheduler.stop(timeoutMs);
      db.close();
    },
  };
}

export { ScheduleService } from './commands.js';
export { Scheduler } from './scheduler.js';
export { FeedbackStore } from '../store/feedback.js';
