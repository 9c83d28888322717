import type { Db } from './db.js';

export type DeliveryStatus = 'claimed' | 'sent' | 'failed' | 'skipped';

export interface DeliveryRow {
  subscriptionId: number;
  slot: string;
  claimedBy: string;
  status: DeliveryStatus;
  error?: string;
  at: string;
}

/**
 * One row per (subscription, slot): the claim that makes each slot post at most once,
 * whichever process or restart gets there first.
 */
export class DeliveryLog {
  private readonly q;

  constructor(
    readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.q = {
      // Claims only for a subscription that still exists and is not paused, in the same statement.
      claim: db.prepare<{ id: number; slot: string; by: string; status: string; error: string | null; at: string }>(
        `INSERT INTO deliveries (subscription_id, slot, claimed_by, status, error, at)
         SELECT @id, @slot, @by, @status, @error, @at WHERE EXISTS (SELECT 1 FROM subscriptions WHERE id = @id AND paused = 0)
         ON CONFLICT (subscription_id, slot) DO NOTHING`,
      ),
      finish: db.prepare<[string, string | null, string, number, string]>('UPDATE deliveries SET status = ?, error = ?, at = ? WHERE subscription_id = ? AND slot = ?'),
      last: db.prepare<[number], { slot: string | null }>('SELECT max(slot) AS slot FROM deliveries WHERE subscription_id = ?'),
      lastAll: db.prepare<[], { id: number; slot: string }>('SELECT subscription_id AS id, max(slot) AS slot FROM deliveries GROUP BY subscription_id'),
      forSub: db.prepare<[number], { subscription_id: number; slot: string; claimed_by: string; status: DeliveryStatus; error: string | null; at: string }>(
        'SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY slot',
      ),
    };
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }

  /** True if this caller now owns the slot; false if it was already claimed (or the subscription is gone or paused). */
  claim(subscriptionId: number, slot: string, by: string): boolean {
    return this.q.claim.run({ id: subscriptionId, slot, by, status: 'claimed', error: null, at: this.stamp() }).changes === 1;
  }

  /** Records a slot deliberately not posted (missed beyond the grace period). */
  skip(subscriptionId: number, slot: string, by: string, reason: string): boolean {
    return this.q.claim.run({ id: subscriptionId, slot, by, status: 'skipped', error: reason, at: this.stamp() }).changes === 1;
  }

  /** Marks a claimed slot sent; `also` runs in the same transaction (advancing a series). */
  sent(subscriptionId: number, slot: string, also?: () => void): void {
    this.db.transaction(() => {
      this.q.finish.run('sent', null, this.stamp(), subscriptionId, slot);
      also?.();
    })();
  }

  failed(subscriptionId: number, slot: string, error: string): void {
    this.q.finish.run('failed', error.slice(0, 500), this.stamp(), subscriptionId, slot);
  }

  /** The latest slot recorded for a subscription, whatever became of it. */
  lastSlot(subscriptionId: number): string | undefined {
    return this.q.last.get(subscriptionId)?.slot ?? undefined;
  }

  lastSlots(): Map<number, string> {
    return new Map(this.q.lastAll.all().map((r) => [r.id, r.slot]));
  }

  forSubscription(subscriptionId: number): DeliveryRow[] {
    return this.q.forSub.all(subscriptionId).map((r) => ({
      subscriptionId: r.subscription_id,
      slot: r.slot,
      claimedBy: r.claimed_by,
      status: r.status,
      error: r.error ?? undefined,
      at: r.at,
    }));
  }
}
