import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/store/db.js';
import { SubscriptionStore } from '../../../src/core/store/subscriptions.js';
import { ROOT } from '../../helpers.js';
import { tempDir } from '../schedule/support.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/** Runs the adding child until its `killAt`-th acknowledgement, then SIGKILLs it; returns every id it acknowledged. */
function addUntilKilled(path: string, round: number, killAt: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/core/store/fixtures/add-and-ack.ts'], {
      cwd: ROOT,
      env: { ...process.env, DB_PATH: path, ROUND: String(round) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: number[] = [];
    let buffer = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const m = /^ack (\d+)$/.exec(line);
        if (m) acked.push(Number(m[1]));
        if (acked.length === killAt) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended without being killed: ${err}`));
      else resolve(acked);
    });
  });
}

describe('durability of acknowledged adds', () => {
  it('every subscription acknowledged before a SIGKILL is there after reopening', async () => {
    const path = join(tmp.dir, 'data', 'casebrief.db');
    const all: number[] = [];
    for (const [round, killAt] of [[1, 1], [2, 7], [3, 40], [4, 150]] as const) {
      const acked = await addUntilKilled(path, round, killAt);
      expect(acked.length).toBeGreaterThanOrEqual(killAt);
      all.push(...acked);
      const db = openDatabase(path);
      const store = new SubscriptionStore(db);
      const missing = acked.filter((id) => !store.get(id));
      db.close();
      expect(missing).toEqual([]);
    }
    expect(new Set(all).size).toBe(all.length);
  }, 60_000);
});
