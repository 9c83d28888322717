import type { Clock } from '../../src/core/schedule/clock.js';
import type { DeliveryLog, DeliveryRow } from '../../src/core/store/deliveries.js';

/**
 * A clock that runs `speed` times faster than real time from `real0` (when it reads `t0`).
 * Timers are scaled the same way, so the real scheduler, pacer and retry waits run unchanged,
 * only sooner: at speed 60 an every-minute subscription fires once a real second.
 */
export function fastClock(t0: number, speed: number, real0 = Date.now()): Clock {
  return {
    now: () => t0 + (Date.now() - real0) * speed,
    setTimeout: (fn, ms) => {
      const t = setTimeout(fn, Math.max(0, ms) / speed);
      t.unref();
      return t;
    },
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  };
}

export const MINUTE = 60_000;

/**
 * Checks one subscription's delivery log after an outage: every slot from the first to the
 * last was posted (none failed, skipped or left claimed), one minute apart, with no gap.
 */
export function gapless(log: DeliveryLog, subscriptionId: number): { rows: DeliveryRow[]; problems: string[] } {
  const rows = log.forSubscription(subscriptionId);
  const problems: string[] = [];
  for (const [i, r] of rows.entries()) {
    if (r.status !== 'sent') problems.push(`${r.slot} is ${r.status}${r.error ? ` (${r.error})` : ''}`);
    const prev = rows[i - 1];
    if (prev && Date.parse(r.slot) - Date.parse(prev.slot) !== MINUTE) problems.push(`gap between ${prev.slot} and ${r.slot}`);
  }
  return { rows, problems };
}

/** Polls `probe` (every 10 ms) until it returns something truthy; fails naming `what` (and the state it describes) after `timeoutMs`. */
export async function until<T>(probe: () => T | undefined | null | false, what: string | (() => string), timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
