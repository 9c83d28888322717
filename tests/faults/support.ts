import { join } from 'node:path';
import type { Logger } from 'pino';
import { afterEach, expect } from 'vitest';
import { Bot } from '../../src/bot.js';
import type { Pack } from '../../src/core/content/pack.js';
import { createScheduling, type Scheduling } from '../../src/core/schedule/index.js';
import { createServices } from '../../src/services.js';
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

/** One clock minute per real second. */
export const SPEED = 60;
/** With the jitter pinned to its top, a slot keeps trying for 215 clock seconds (5+10+20+30×6), well beyond the outages (about 60). */
export const RETRY = { maxAttempts: 10, baseDelayMs: 5_000, maxDelayMs: 30_000, maxRateLimitWaits: 10 };

/**
 * The core as startApp wires it (services, scheduling on a database file, the bot with its
 * feedback store), on a fast clock starting just before 09:00, for an adapter to be attached to.
 */
export function scheduledBot(pack: Pack, dir: string, log: Logger, cleanups: (() => unknown)[]): { bot: Bot; scheduling: Scheduling; clock: Clock } {
  const clock = fastClock(Date.UTC(2030, 0, 7, 8, 59, 57), SPEED);
  const services = createServices(pack);
  const scheduling = createScheduling({
    databasePath: join(dir, 'casebrief.db'),
    briefing: services.briefing,
    defaultTimezone: 'UTC',
    graceMs: 3_600_000,
    clock,
    retry: RETRY,
    random: () => 1,
    syncIntervalMs: 0,
    log: log.child({ part: 'scheduler' }),
  });
  cleanups.push(() => scheduling.close(2_000));
  services.schedules = scheduling.service;
  return { bot: new Bot(services, log, scheduling.feedback), scheduling, clock };
}

/** What a test started, to be undone after it in reverse order: push a function for each. */
export function cleanupsAfterEach(): (() => unknown)[] {
  const list: (() => unknown)[] = [];
  afterEach(async () => {
    for (const c of list.splice(0).reverse()) await c();
  });
  return list;
}

/** Waits until an outage's scripted failures are spent, a slot has fallen due since `backAt`, and nothing is queued or in flight. */
export function untilCaughtUp(scheduling: Scheduling, script: unknown[], backAt: number, now: () => number): Promise<true> {
  return until(
    () => {
      const st = scheduling.scheduler.stats();
      return script.length === 0 && now() >= backAt + MINUTE + 10_000 && st.queued === 0 && st.inFlight === 0;
    },
    () => `the scheduler to catch up: ${JSON.stringify(scheduling.scheduler.stats())}, script ${script.length}`,
    20_000,
  );
}

/**
 * One channel after an outage from `downAt` to `backAt`: every slot posted, one minute apart; the slots that fell due
 * during the outage posted once it was back, later ones on time; and one accepted post per slot sent (none lost, none
 * doubled by a retry).
 */
export function expectRecovered(scheduling: Scheduling, subscriptionId: number, outage: { downAt: number; backAt: number }, accepted: unknown[], label: string): void {
  const { rows, problems } = gapless(scheduling.deliveryLog, subscriptionId);
  expect(problems, label).toEqual([]);
  const missed = rows.filter((row) => Date.parse(row.slot) > outage.downAt && Date.parse(row.slot) <= outage.backAt);
  expect(missed.length, label).toBeGreaterThanOrEqual(1);
  for (const row of missed) expect(Date.parse(row.at)).toBeGreaterThanOrEqual(outage.backAt);
  expect(Date.parse(rows.at(-1)!.slot)).toBeGreaterThan(outage.backAt);
  expect(accepted).toHaveLength(rows.filter((row) => row.status === 'sent').length);
}
