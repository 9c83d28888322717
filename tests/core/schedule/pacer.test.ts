import { describe, expect, it } from 'vitest';
import { Pacer } from '../../../src/core/schedule/pacer.js';
import { FakeClock } from './support.js';

describe('Pacer', () => {
  it('never exceeds the per-channel and overall rates, and sleeps on a single timer', async () => {
    const clock = new FakeClock(0);
    const starts: { ch: string; at: number }[] = [];
    const pacer = new Pacer<string>({ perChannelPerSecond: 1, overallPerSecond: 10, concurrency: 3 }, clock, async (ch) => {
      starts.push({ ch, at: clock.now() });
    });
    for (let i = 0; i < 100; i++) pacer.push(`c${i % 20}`, `c${i % 20}`);
    expect(clock.pending).toBeLessThanOrEqual(1);
    await clock.advance(20_000);
    expect(starts).toHaveLength(100);
    for (let i = 0; i < starts.length; i++) {
      // Any one-second window holds at most 10 starts overall...
      expect(starts.filter((s) => s.at >= starts[i]!.at && s.at < starts[i]!.at + 1000).length).toBeLessThanOrEqual(10);
    }
    // ...and at most one per channel.
    for (let c = 0; c < 20; c++) {
      const at = starts.filter((s) => s.ch === `c${c}`).map((s) => s.at);
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(1000);
    }
    // 100 starts at 10 a second: about 10 s, not much more.
    expect(starts[starts.length - 1]!.at).toBeLessThanOrEqual(10_500);
    expect(clock.pending).toBe(0);
  });

  it('holds to the concurrency limit and holds a delayed channel back', async () => {
    const clock = new FakeClock(0);
    let active = 0;
    let peak = 0;
    const done: string[] = [];
    const pacer = new Pacer<string>({ perChannelPerSecond: 100, overallPerSecond: 1000, concurrency: 2 }, clock, async (job) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise<void>((r) => clock.setTimeout(r, 100));
      active--;
      done.push(job);
    });
    pacer.push('a', 'a1', 5000);
    for (let i = 0; i < 6; i++) pacer.push(`b${i}`, `b${i}`);
    await clock.advance(4000);
    expect(peak).toBe(2);
    expect(done).not.toContain('a1');
    await clock.advance(2000);
    expect(done).toContain('a1');
    await pacer.idle();
  });

  it('stop returns the jobs never started', async () => {
    const clock = new FakeClock(0);
    const pacer = new Pacer<number>({ perChannelPerSecond: 1, overallPerSecond: 1, concurrency: 1 }, clock, async () => {});
    for (let i = 0; i < 5; i++) pacer.push('c', i);
    expect(pacer.stop()).toEqual([1, 2, 3, 4]);
    await pacer.idle();
  });
});
