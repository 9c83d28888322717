import type { Database } from 'better-sqlite3';

/**
 * The schema, as an ordered list of steps. `PRAGMA user_version` records how many have
 * run; each runs once, in its own transaction with the version bump. Never edit a step
 * that has shipped: append a new one.
 */
export const migrations: readonly string[] = [
  // 1: subscriptions, where each daily series has got to, the delivery log, feedback.
  `
  CREATE TABLE subscriptions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    platform      TEXT NOT NULL,
    workspace_id  TEXT,
    channel_id    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    cron          TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('daily', 'on-this-day', 'weekly')),
    label         TEXT NOT NULL,
    paused        INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    paused_reason TEXT,
    active_since  TEXT NOT NULL,
    created_at    TEXT NOT NULL
  );
  CREATE INDEX subscriptions_by_channel ON subscriptions (platform, channel_id);

  CREATE TABLE series_position (
    subscription_id INTEGER PRIMARY KEY REFERENCES subscriptions (id) ON DELETE CASCADE,
    next_part       INTEGER NOT NULL CHECK (next_part >= 1)
  );

  CREATE TABLE deliveries (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    slot            TEXT NOT NULL,
    claimed_by      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed', 'skipped')),
    error           TEXT,
    at              TEXT NOT NULL,
    UNIQUE (subscription_id, slot)
  );

  CREATE TABLE feedback (
    id       INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    user     TEXT NOT NULL,
    channel  TEXT NOT NULL,
    command  TEXT NOT NULL,
    vote     INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    at       TEXT NOT NULL
  );
  CREATE INDEX feedback_by_command ON feedback (command);
  `,
];

/** Brings a database up to the latest schema; returns the version it ends at. */
export function migrate(db: Database, steps: readonly string[] = migrations): number {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  // Each step re-reads the version under the write lock, so two processes starting on
  // a fresh file at once do not both run the same step.
  const step = db.transaction((): boolean => {
    const v = version();
    if (v > steps.length) {
      throw new Error(`The database is at schema version ${v}, newer than this build knows (${steps.length}). Upgrade casebrief or use another DATABASE_PATH.`);
    }
    if (v === steps.length) return false;
    db.exec(steps[v]!);
    db.pragma(`user_version = ${v + 1}`);
    return true;
  });
  while (step.immediate()) {
    // next step
  }
  return version();
}
