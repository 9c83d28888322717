import type { Clock } from './clock.js';
import { MinHeap } from './heap.js';

/** How fast one platform may be posted to. */
export interface RateLimits {
  /** Posts per second to any one channel (Slack: about 1). */
  perChannelPerSecond: number;
  /** Requests per second across all channels (Discord: 50 globally). */
  overallPerSecond: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export const DEFAULT_LIMITS: RateLimits = { perChannelPerSecond: 1, overallPerSecond: 50, concurrency: 8 };

interface Channel<J> {
  key: string;
  jobs: J[];
  head: number;
  /** Earliest time the next post to this channel may start. */
  readyAt: number;
  /** In the ready list or the waiting heap (so it is not queued twice). */
  queued: boolean;
}

/**
 * A queue that starts jobs no faster than the limits allow, per channel and overall,
 * with a bounded number in flight. Per channel, starts are at least 1/rate apart. Overall,
 * it keeps the times of the last `rate` starts, so any one-second window holds at most
 * `rate` of them: a short burst is allowed (as the platforms allow it), and a late timer
 * can catch up without ever breaking the window. It sleeps on one timer until the next
 * start is allowed: no polling, no busy waiting.
 *
 * `prepare` runs just before a job's start is counted (the scheduler claims the slot and
 * composes the post there): a job it turns down costs no rate, and the start is stamped
 * after the preparation, as close as possible to the request reaching the platform.
 */
export class Pacer<J> {
  private readonly channels = new Map<string, Channel<J>>();
  private ready: Channel<J>[] = [];
  private readyHead = 0;
  private readonly waiting = new MinHeap<{ at: number; ch: Channel<J> }>((w) => w.at);
  /** Start times of the last `windowSize` starts, oldest at `windowHead`. */
  private readonly window: number[] = [];
  private windowHead = 0;
  private readonly windowSize: number;
  private inFlight = 0;
  private queuedJobs = 0;
  private timer: unknown;
  private timerAt = Infinity;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private readonly channelGap: number;
  private readonly windowMs: number;

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: Clock,
    private readonly run: (job: J) => Promise<void>,
    private readonly prepare?: (job: J) => boolean,
  ) {
    this.channelGap = 1000 / limits.perChannelPerSecond;
    // Below one a second, a window of one start spread over a longer period.
    this.windowSize = Math.max(1, Math.floor(limits.overallPerSecond));
    this.windowMs = (1000 * this.windowSize) / limits.overallPerSecond;
  }

  /** Earliest time the overall limit allows another start. */
  private nextAllowed(): number {
    return this.window.length < this.windowSize ? -Infinity : this.window[this.windowHead]! + this.windowMs;
  }

  private record(at: number): void {
    if (this.window.length < this.windowSize) this.window.push(at);
    else {
      this.window[this.windowHead] = at;
      this.windowHead = (this.windowHead + 1) % this.windowSize;
    }
  }

  /** Jobs waiting to start. */
  get pending(): number {
    return this.queuedJobs;
  }

  get active(): number {
    return this.inFlight;
  }

  /** Queues a job for a channel; `notBefore` holds the channel back (a retry's wait). */
  push(channelKey: string, job: J, notBefore = 0): void {
    if (this.stopped) return;
    let ch = this.channels.get(channelKey);
    if (!ch) {
      ch = { key: channelKey, jobs: [], head: 0, readyAt: 0, queued: false };
      this.channels.set(channelKey, ch);
    }
    if (notBefore > ch.readyAt) ch.readyAt = notBefore;
    ch.jobs.push(job);
    this.queuedJobs++;
    this.enqueue(ch);
    this.pump();
  }

  /** Stops starting jobs; returns those never started. */
  stop(): J[] {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const left: J[] = [];
    for (const ch of this.channels.values()) left.push(...ch.jobs.slice(ch.head));
    this.channels.clear();
    this.ready = [];
    this.readyHead = 0;
    this.waiting.clear();
    this.queuedJobs = 0;
    this.settle();
    return left;
  }

  /** Resolves when nothing is in flight (and, unless stopped, nothing is queued). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return this.inFlight === 0 && this.queuedJobs === 0;
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private enqueue(ch: Channel<J>): void {
    if (ch.queued || ch.head >= ch.jobs.length) return;
    ch.queued = true;
    if (ch.readyAt <= this.clock.now()) this.ready.push(ch);
    else this.waiting.push({ at: ch.readyAt, ch });
  }

  private pump(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    for (let w = this.waiting.peek(); w && w.at <= now; w = this.waiting.peek()) {
      this.waiting.pop();
      if (w.ch.readyAt > now) this.waiting.push({ at: w.ch.readyAt, ch: w.ch });
      else this.ready.push(w.ch);
    }
    while (this.inFlight < this.limits.concurrency && this.readyHead < this.ready.length && now >= this.nextAllowed()) {
      const ch = this.ready[this.readyHead++]!;
      if (ch.readyAt > now) {
        // Delayed after it became ready (a 429): back to waiting.
        this.waiting.push({ at: ch.readyAt, ch });
        continue;
      }
      ch.queued = false;
      const job = ch.jobs[ch.head]!;
      ch.jobs[ch.head++] = undefined as J;
      this.queuedJobs--;
      if (ch.head === ch.jobs.length) {
        ch.jobs = [];
        ch.head = 0;
      }
      if (!this.prepared(job)) {
        this.enqueue(ch);
        continue;
      }
      const at = this.clock.now();
      ch.readyAt = at + this.channelGap;
      this.record(at);
      this.enqueue(ch);
      this.start(job);
    }
    this.compact();
    this.arm(now);
  }

  private prepared(job: J): boolean {
    if (!this.prepare) return true;
    try {
      return this.prepare(job);
    } catch {
      return false;
    }
  }

  private start(job: J): void {
    this.inFlight++;
    let done: Promise<void>;
    try {
      done = this.run(job);
    } catch (err) {
      done = Promise.reject(err);
    }
    done
      .catch(() => {
        // The runner handles its own failures; nothing may stop the queue.
      })
      .finally(() => {
        this.inFlight--;
        this.pump();
        this.settle();
      });
  }

  private compact(): void {
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
    // Forget channels with nothing queued whose pacing gap has passed, so the map does not grow without end.
    if (this.channels.size > 4096 && this.channels.size > 2 * this.queuedJobs) {
      const now = this.clock.now();
      for (const [k, ch] of this.channels) if (!ch.queued && ch.head >= ch.jobs.length && ch.readyAt <= now) this.channels.delete(k);
    }
  }

  private arm(now: number): void {
    let at = Infinity;
    if (this.inFlight < this.limits.concurrency) {
      const allowed = this.nextAllowed();
      if (this.readyHead < this.ready.length) at = Math.max(allowed, now);
      const w = this.waiting.peek();
      if (w) at = Math.min(at, Math.max(w.at, allowed));
    }
    if (at === this.timerAt && this.timer !== undefined) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = at;
    if (at === Infinity) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.pump();
    }, Math.max(0, at - now));
  }
}
