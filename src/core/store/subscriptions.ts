import type { Platform } from '../../commands/types.js';
import type { Kind } from '../schedule/when.js';
import type { Db } from './db.js';

export interface Subscription {
  id: number;
  platform: Platform;
  workspaceId?: string;
  channelId: string;
  createdBy: string;
  cron: string;
  timezone: string;
  kind: Kind;
  /** The schedule as its author wrote it ("weekly mon 09:00"). */
  label: string;
  paused: boolean;
  pausedReason?: string;
  /** Created or last resumed (ISO instant): slots before this are not owed a post. */
  activeSince: string;
  createdAt: string;
}

export type NewSubscription = Pick<Subscription, 'platform' | 'workspaceId' | 'channelId' | 'createdBy' | 'cron' | 'timezone' | 'kind' | 'label'>;

export type AddResult = { ok: true; subscription: Subscription } | { ok: false; reason: 'channel-full'; count: number };

interface Row {
  id: number;
  platform: string;
  workspace_id: string | null;
  channel_id: string;
  created_by: string;
  cron: string;
  timezone: string;
  kind: string;
  label: string;
  paused: number;
  paused_reason: string | null;
  active_since: string;
  created_at: string;
}

function fromRow(r: Row): Subscription {
  return {
    id: r.id,
    platform: r.platform as Platform,
    workspaceId: r.workspace_id ?? undefined,
    channelId: r.channel_id,
    createdBy: r.created_by,
    cron: r.cron,
    timezone: r.timezone,
    kind: r.kind as Kind,
    label: r.label,
    paused: r.paused === 1,
    pausedReason: r.paused_reason ?? undefined,
    activeSince: r.active_since,
    createdAt: r.created_at,
  };
}

/** Subscriptions and where each daily series has got to. */
export class SubscriptionStore {
  private readonly q;

  constructor(
    readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.q = {
      count: db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM subscriptions WHERE platform = ? AND channel_id = ?'),
      insert: db.prepare(
        `INSERT INTO subscriptions (platform, workspace_id, channel_id, created_by, cron, timezone, kind, label, active_since, created_at)
         VALUES (@platform, @workspaceId, @channelId, @createdBy, @cron, @timezone, @kind, @label, @at, @at)`,
      ),
      get: db.prepare<[number], Row>('SELECT * FROM subscriptions WHERE id = ?'),
      inChannel: db.prepare<[string, string], Row>('SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ? ORDER BY id'),
      active: db.prepare<[], Row>('SELECT * FROM subscriptions WHERE paused = 0 ORDER BY id'),
      remove: db.prepare<[number, string, string]>('DELETE FROM subscriptions WHERE id = ? AND platform = ? AND channel_id = ?'),
      pause: db.prepare<[string | null, number]>('UPDATE subscriptions SET paused = 1, paused_reason = ? WHERE id = ?'),
      resume: db.prepare<[string, number]>('UPDATE subscriptions SET paused = 0, paused_reason = NULL, active_since = ? WHERE id = ?'),
      nextPart: db.prepare<[number], { next_part: number }>('SELECT next_part FROM series_position WHERE subscription_id = ?'),
      setNextPart: db.prepare<[number, number]>(
        `INSERT INTO series_position (subscription_id, next_part) VALUES (?, ?)
         ON CONFLICT (subscription_id) DO UPDATE SET next_part = excluded.next_part`,
      ),
    };
  }

  /**
   * Adds a subscription unless its channel already has `maxPerChannel`. The count and the
   * insert share one write transaction, so two concurrent adds cannot both take the last place.
   * Returns only after the commit.
   */
  add(input: NewSubscription, maxPerChannel: number): AddResult {
    const at = new Date(this.now()).toISOString();
    return this.db
      .transaction((): AddResult => {
        const count = this.q.count.get(input.platform, input.channelId)?.n ?? 0;
        if (count >= maxPerChannel) return { ok: false, reason: 'channel-full', count };
        const res = this.q.insert.run({ ...input, workspaceId: input.workspaceId ?? null, at });
        return { ok: true, subscription: this.get(Number(res.lastInsertRowid))! };
      })
      .immediate();
  }

  get(id: number): Subscription | undefined {
    const r = this.q.get.get(id);
    return r ? fromRow(r) : undefined;
  }

  inChannel(platform: Platform, channelId: string): Subscription[] {
    return this.q.inChannel.all(platform, channelId).map(fromRow);
  }

  /** Every subscription that is not paused. */
  active(): Subscription[] {
    return this.q.active.all().map(fromRow);
  }

  /** Deletes a subscription of this channel; false if there is none with that id here. */
  remove(platform: Platform, channelId: string, id: number): boolean {
    return this.q.remove.run(id, platform, channelId).changes === 1;
  }

  pause(id: number, reason?: string): Subscription | undefined {
    this.q.pause.run(reason ?? null, id);
    return this.get(id);
  }

  /** Resumes from now on: slots that passed while paused are not owed. */
  resume(id: number): Subscription | undefined {
    this.q.resume.run(new Date(this.now()).toISOString(), id);
    return this.get(id);
  }

  /** Which part of the series a daily subscription posts next, from 1. */
  nextPart(id: number): number {
    return this.q.nextPart.get(id)?.next_part ?? 1;
  }

  setNextPart(id: number, part: number): void {
    this.q.setNextPart.run(id, part);
  }
}
