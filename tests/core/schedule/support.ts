import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, Platform } from '../../../src/commands/types.js';
import type { Reply } from '../../../src/core/briefing/document.js';
import type { Clock } from '../../../src/core/schedule/clock.js';
import { DeliveryError, type Delivery } from '../../../src/core/schedule/delivery.js';
import { createScheduling, type Scheduling, type SchedulingOptions } from '../../../src/core/schedule/index.js';
import type { ScheduleLogger } from '../../../src/core/schedule/scheduler.js';
import { casePack } from '../../helpers.js';

/**
 * A clock the test moves by hand. Timers fire in time order as it advances, and
 * between timers pending promises and I/O callbacks are let run, as in the real loop.
 */
export class FakeClock implements Clock {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private seq = 0;

  constructor(public t: number) {}

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  };

  clearTimeout = (h: unknown): void => {
    this.timers.delete(h as number);
  };

  /** Timers set and not yet fired or cleared. */
  get pending(): number {
    return this.timers.size;
  }

  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.t + ms);
  }

  async advanceTo(target: number): Promise<void> {
    await settle();
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.timers) if (e[1].at <= target && (!next || e[1].at < next[1].at || (e[1].at === next[1].at && e[0] < next[0]))) next = e;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
      await settle();
    }
    this.t = Math.max(this.t, target);
    await settle();
  }
}

/** Lets queued promise callbacks and immediates run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

export interface Posted {
  channelId: string;
  reply: Reply;
  at: number;
}

type Behaviour = (channelId: string, attempt: number) => void | Promise<void>;

/** A delivery that records posts, and fails as a test tells it to. */
export class FakeDelivery implements Delivery {
  readonly posted: Posted[] = [];
  attempts = 0;
  behaviour: Behaviour = () => {};

  constructor(
    readonly platform: Platform,
    private readonly clock: { now(): number },
  ) {}

  async post(channelId: string, reply: Reply): Promise<void> {
    this.attempts++;
    await this.behaviour(channelId, this.attempts);
    this.posted.push({ channelId, reply, at: this.clock.now() });
  }
}

export const rateLimited = (ms: number) => new DeliveryError('rate limited', false, ms);
export const serverError = () => new DeliveryError('HTTP 503', false);
export const gone = () => new DeliveryError('channel_not_found', true);

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'casebrief-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Logged {
  level: 'info' | 'warn' | 'error' | 'debug';
  obj: object;
  msg: string;
}

export function memoryLog(): ScheduleLogger & { lines: Logged[] } {
  const lines: Logged[] = [];
  return {
    lines,
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
    debug: (obj, msg) => lines.push({ level: 'debug', obj, msg }),
  };
}

export function testScheduling(clock: FakeClock, over: Partial<SchedulingOptions> = {}): Scheduling & { delivery: FakeDelivery } {
  const delivery = new FakeDelivery('console', clock);
  const s = createScheduling({
    databasePath: ':memory:',
    pack: casePack(),
    defaultTimezone: 'Europe/Tirane',
    graceMs: 3_600_000,
    clock,
    syncIntervalMs: 0,
    retry: { baseDelayMs: 1000, maxDelayMs: 60_000 },
    ...over,
  });
  if (!over.deliveries) s.deliveries.set('console', delivery);
  return Object.assign(s, { delivery });
}

export function channel(channelId: string, over: Partial<Context> = {}): Context {
  return { platform: 'console', userId: 'admin', channelId, isDirect: false, canManageSchedules: true, ...over };
}

/** The id a successful /schedule add reply reports. */
export function idOf(reply: Reply): number {
  for (const b of reply.blocks) {
    if (b.type === 'fields') {
      const f = b.fields.find((x) => x.name === 'Id');
      if (f) return Number(f.value);
    }
  }
  throw new Error(`not an add confirmation: ${JSON.stringify(reply.blocks)}`);
}

export function text(reply: Reply): string {
  const parts: string[] = [reply.title ?? ''];
  for (const b of reply.blocks) {
    if (b.type === 'paragraph' || b.type === 'context') parts.push(b.text);
    else if (b.type === 'list') parts.push(...b.items.map((i) => `${i.label ?? ''} ${i.text}`));
    else parts.push(...b.fields.map((f) => `${f.name}: ${f.value}`));
  }
  return parts.join('\n');
}
