import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScheduling } from '../../../src/core/schedule/index.js';
import { casePack, ROOT } from '../../helpers.js';
import { channel, tempDir } from './support.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

interface Child {
  ready: Promise<void>;
  done: Promise<string>;
  go(realStart: number): void;
}

function start(script: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}: ${err}`))));
  });
  return { ready, done, go: (realStart) => child.stdin.end(`go ${realStart}\n`) };
}

describe('two scheduler processes on one database file', () => {
  it('post each slot once between them', async () => {
    const path = join(tmp.dir, 'shared.db');
    const nine = Date.UTC(2030, 0, 7, 9, 0);
    const setup = createScheduling({ databasePath: path, pack: casePack(), defaultTimezone: 'UTC', graceMs: 3_600_000, now: () => nine - 3_600_000, maxPerChannel: 10 });
    const channels = 120;
    for (let i = 0; i < channels; i++) setup.service.add(channel(`c${i}`), { when: 'daily 09:00' });
    await setup.close();

    // Once both are up, both clocks reach 09:00 at the same real instant.
    const env = { DB_PATH: path, T0: String(nine - 500), RUN_UNTIL: String(nine + 3000) };
    const script = 'tests/core/schedule/fixtures/run-scheduler.ts';
    const children = [start(script, env), start(script, env)];
    await Promise.all(children.map((c) => c.ready));
    const realStart = Date.now() + 200;
    for (const c of children) c.go(realStart);
    const outs = await Promise.all(children.map((c) => c.done));

    const counts = new Map<string, number>();
    for (const line of outs.join('').split('\n')) {
      const m = /^posted (\S+)$/.exec(line);
      if (m) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
    }
    expect(counts.size).toBe(channels);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for (const out of outs) {
      const m = /done sent=(\d+) claimedElsewhere=(\d+)/.exec(out);
      expect(m).not.toBeNull();
      // Each process went for every slot; each slot went to one of them.
      expect(Number(m![1]) + Number(m![2])).toBe(channels);
    }
  }, 30_000);
});
