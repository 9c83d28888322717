import { describe, expect, it } from 'vitest';
import { RateLimiter, rateKey, retrySeconds } from '../../src/ops/rate-limit.js';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('RateLimiter', () => {
  it('allows a burst of perMinute, then refuses with the wait until the next token', () => {
    const c = clock();
    const limiter = new RateLimiter({ perMinute: 20, now: c.now });
    for (let i = 0; i < 20; i++) expect(limiter.take('slack:U1')).toEqual({ ok: true });
    // One token every 3 s: the 21st request waits 3 s.
    expect(limiter.take('slack:U1')).toEqual({ ok: false, retryAfterMs: 3000 });
    c.advance(1000);
    expect(limiter.take('slack:U1')).toEqual({ ok: false, retryAfterMs: 2000 });
    c.advance(2000);
    expect(limiter.take('slack:U1')).toEqual({ ok: true });
    expect(limiter.take('slack:U1').ok).toBe(false);
  });

  it('sustains exactly perMinute over a long run', () => {
    const c = clock();
    const limiter = new RateLimiter({ perMinute: 6, now: c.now });
    let allowed = 0;
    // Ten minutes of one request a second: the burst of 6, then 6 a minute.
    for (let s = 0; s < 600; s++) {
      if (limiter.take('discord:1').ok) allowed++;
      c.advance(1000);
    }
    expect(allowed).toBeGreaterThanOrEqual(6 * 10);
    expect(allowed).toBeLessThanOrEqual(6 * 10 + 6);
  });

  it('keeps people apart: one flooding never costs another a request', () => {
    const c = clock();
    const limiter = new RateLimiter({ perMinute: 3, now: c.now });
    for (let i = 0; i < 1000; i++) limiter.take(rateKey('slack', 'flood'));
    expect(limiter.take(rateKey('slack', 'flood')).ok).toBe(false);
    expect(limiter.take(rateKey('slack', 'calm')).ok).toBe(true);
    // The same user id on another platform is another person.
    expect(limiter.take(rateKey('discord', 'flood')).ok).toBe(true);
  });

  it('refusals do not extend the wait (asking again while limited costs nothing)', () => {
    const c = clock();
    const limiter = new RateLimiter({ perMinute: 60, now: c.now });
    for (let i = 0; i < 60; i++) limiter.take('k');
    for (let i = 0; i < 100; i++) limiter.take('k');
    c.advance(1000);
    expect(limiter.take('k').ok).toBe(true);
  });

  it('forgets keys idle for a minute (their bucket would be full anyway)', () => {
    const c = clock();
    const limiter = new RateLimiter({ perMinute: 5, now: c.now });
    for (let i = 0; i < 1000; i++) limiter.take(`user${i}`);
    expect(limiter.size).toBe(1000);
    c.advance(60_000);
    limiter.take('late');
    expect(limiter.size).toBe(1);
  });

  it('a forgotten key starts with a full bucket, exactly like a remembered idle one', () => {
    const c = clock();
    const limiter = new RateLimiter({ perMinute: 2, now: c.now });
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a').ok).toBe(false);
    c.advance(60_000);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('stays within maxKeys under a burst of distinct users', () => {
    const c = clock();
    const limiter = new RateLimiter({ perMinute: 5, maxKeys: 100, now: c.now });
    for (let i = 0; i < 10_000; i++) {
      limiter.take(`user${i}`);
      expect(limiter.size).toBeLessThanOrEqual(100);
    }
  });

  it('is not fooled by the clock stepping back', () => {
    const c = clock();
    const limiter = new RateLimiter({ perMinute: 2, now: c.now });
    limiter.take('a');
    c.advance(-30_000);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('checks in constant time, however many keys it holds', () => {
    const limiter = new RateLimiter({ perMinute: 20, maxKeys: 200_000 });
    for (let i = 0; i < 100_000; i++) limiter.take(`u${i}`);
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) limiter.take(`u${i % 1000}`);
    // Generous: a linear scan over 100k keys per check would take minutes.
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('rejects a nonsensical limit', () => {
    expect(() => new RateLimiter({ perMinute: 0 })).toThrow(RangeError);
  });
});

describe('retrySeconds', () => {
  it('rounds up and never says 0', () => {
    expect(retrySeconds(1)).toBe(1);
    expect(retrySeconds(1000)).toBe(1);
    expect(retrySeconds(1001)).toBe(2);
    expect(retrySeconds(0)).toBe(1);
  });
});
