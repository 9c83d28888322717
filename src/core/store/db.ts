import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** How long a writer waits for another connection's lock before failing. */
  busyTimeoutMs?: number;
  /** See the note on durability below; FULL unless a caller knowingly trades it away. */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * Opens (creating if needed) the SQLite database and brings its schema up to date.
 *
 * Durability: WAL journal with `synchronous = FULL`. Every commit is written to the WAL
 * with write() before better-sqlite3 returns, so even `NORMAL` survives the process being
 * killed (SIGKILL, OOM) right after an acknowledgement: the data is in the OS page cache.
 * What NORMAL gives up is the fsync at commit, so a power cut or kernel crash can lose the
 * last transactions. An acknowledged `/schedule add` should survive that too, and our
 * write rate is tiny (changes to subscriptions, two commits per scheduled post, paced by
 * the chat platforms to tens per second), so paying an fsync per commit is cheap. FULL.
 */
export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  const memory = path === ':memory:' || path === '';
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(memory ? ':memory:' : path);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${opts.synchronous ?? 'FULL'}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
