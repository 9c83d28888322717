/** The outcome of one check: allowed, or told how long to wait. */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export interface RateLimiterOptions {
  /** Requests one key may make per minute, sustained; also the size of a burst. */
  perMinute: number;
  /** Keys remembered at most; beyond this the least recently seen is forgotten. */
  maxKeys?: number;
  /** Injected time for tests. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MINUTE_MS = 60_000;

/**
 * A token bucket per key (platform + user): `perMinute` tokens, refilled continuously,
 * so someone can ask a burst of questions and then one every 60/perMinute seconds.
 *
 * Each check is O(1) and synchronous, so a person flooding the bot only ever spends
 * their own tokens; nobody else waits behind them.
 *
 * Memory stays bounded. The map is kept in least-recently-seen order (a key is moved to
 * the end on every check), so idle keys gather at the front. A key idle for a full minute
 * has a full bucket, which is exactly what an unknown key gets, so dropping it loses
 * nothing; each check drops such keys from the front (amortised O(1)). `maxKeys` caps the
 * map even under a burst of distinct users, at the cost of forgetting the oldest one.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(opts: RateLimiterOptions) {
    if (!(opts.perMinute >= 1)) throw new RangeError('perMinute must be at least 1');
    this.capacity = opts.perMinute;
    this.perMs = opts.perMinute / MINUTE_MS;
    this.maxKeys = Math.max(1, opts.maxKeys ?? 100_000);
    this.now = opts.now ?? Date.now;
  }

  /** Spends one token for `key` if it has one. */
  take(key: string): RateDecision {
    const now = this.now();
    this.evictIdle(now);
    const known = this.buckets.get(key);
    let tokens = this.capacity;
    if (known) {
      // Clamp elapsed at 0: a clock stepping back must not drain anyone's bucket.
      tokens = Math.min(this.capacity, known.tokens + Math.max(0, now - known.at) * this.perMs);
      this.buckets.delete(key); // re-inserted below, at the most-recent end
    } else if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next();
      if (!oldest.done) this.buckets.delete(oldest.value);
    }
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return { ok: true };
    }
    this.buckets.set(key, { tokens, at: now });
    // The epsilon absorbs floating-point noise (1999.9999… or 2000.0000001 ms is 2000).
    return { ok: false, retryAfterMs: Math.max(1, Math.ceil((1 - tokens) / this.perMs - 1e-6)) };
  }

  /** Keys currently remembered (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private evictIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.at < MINUTE_MS) return;
      this.buckets.delete(key);
    }
  }
}

/** The key a limiter counts a person under: the same id on two platforms is two people. */
export function rateKey(platform: string, userId: string): string {
  return `${platform}:${userId}`;
}

/** Whole seconds to tell a person to wait, never "0 seconds". */
export function retrySeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
