import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { safeError } from './log.js';

interface Entry {
  admin: boolean;
  at: number;
}

/**
 * Who may manage a channel's scheduled briefings: workspace admins and owners (users.info),
 * and anyone listed in SCHEDULE_ADMINS. Answers are cached for a few minutes, so a burst of
 * commands costs one lookup, and a lookup that is slow or fails counts as "no" without caching.
 */
export class Permissions {
  private readonly cache = new Map<string, Entry>();
  private readonly admins: Set<string>;

  constructor(
    private readonly client: webApi.WebClient,
    scheduleAdmins: readonly string[],
    private readonly log: Logger,
    private readonly ttlMs = 5 * 60_000,
    private readonly timeoutMs = 1500,
    private readonly maxEntries = 5000,
    private readonly now: () => number = Date.now,
  ) {
    this.admins = new Set(scheduleAdmins);
  }

  /** What is known without asking Slack: SCHEDULE_ADMINS or a fresh cached answer. */
  known(userId: string): boolean {
    if (this.admins.has(userId)) return true;
    const hit = this.cache.get(userId);
    return Boolean(hit && this.now() - hit.at < this.ttlMs && hit.admin);
  }

  async canManageSchedules(userId: string): Promise<boolean> {
    if (this.admins.has(userId)) return true;
    const hit = this.cache.get(userId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.admin;
    const admin = await this.lookup(userId);
    if (admin === undefined) return false;
    this.cache.delete(userId);
    this.cache.set(userId, { admin, at: this.now() });
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return admin;
  }

  private async lookup(userId: string): Promise<boolean | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.timeoutMs);
    });
    try {
      const res = await Promise.race([this.client.users.info({ user: userId }), timeout]);
      if (!res) {
        this.log.warn({ userId }, 'users.info timed out; treating the user as not an admin');
        return undefined;
      }
      const u = res.user;
      return Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner);
    } catch (err) {
      this.log.warn({ userId, err: safeError(err) }, 'users.info failed; treating the user as not an admin');
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}
