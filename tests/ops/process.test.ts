import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const FAKE_SECRET = 'xoxb-9999999999-8888888888-FakeSecretForLogTest';
const SHUTDOWN_MS = 5_000;

interface Running {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Running[] = [];
const dirs: string[] = [];

/** `npm start`'s entry point, as a container runs it: production, no terminal, stdin left open. */
function start(env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const running = { child, stdout: () => stdout, stderr: () => stderr, exited };
  started.push(running);
  return running;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casebrief-ops-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const r of started.splice(0)) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
async function until<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.end();
  });
}

describe('the process in production', () => {
  it('is ready, answers, logs JSON without secrets, and exits 0 promptly on SIGTERM', async () => {
    const data = tempDir();
    const run = start({
      DATABASE_PATH: join(data, 'casebrief.db'),
      INDEX_CACHE_DIR: join(data, 'cache'),
      HEALTH_PORT: '0',
      HEALTH_HOST: '127.0.0.1',
      SHUTDOWN_TIMEOUT: `${SHUTDOWN_MS / 1000}s`,
      // Present in the environment but never used: it must not turn up in any output.
      UNRELATED_API_TOKEN: FAKE_SECRET,
    });

    // The health server logs the port it bound (HEALTH_PORT=0 picks a free one).
    const port = await until('the health server', () => {
      const line = run.stderr().split('\n').find((l) => l.includes('health checks listening'));
      return line ? (JSON.parse(line) as { port: number }).port : undefined;
    });
    const ready = await until('readiness', async () => {
      const res = await get(port, '/readyz').catch(() => undefined);
      return res?.status === 200 ? res : undefined;
    });
    expect(JSON.parse(ready.body)).toMatchObject({ status: 'ok', adapters: [{ name: 'console', connected: true }], database: { ok: true }, problems: [] });
    // The question index was kept for the next start.
    expect(readdirSync(join(data, 'cache')).filter((f) => /^qa-index-\w+\.json$/.test(f))).toHaveLength(1);
    expect((await get(port, '/healthz')).status).toBe(200);

    // The console still answers on stdout, which the logs never touch.
    run.child.stdin.write('/brief\n');
    await until('an answer', () => (run.stdout().includes('The 2022 Iranian cyberattacks on Albania') ? true : undefined));

    const signalled = Date.now();
    run.child.kill('SIGTERM');
    const { code } = await run.exited;
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(SHUTDOWN_MS);
    await expect(get(port, '/healthz')).rejects.toThrow();

    // Every stderr line is one JSON object pino wrote; nothing is pretty-printed off a terminal.
    const lines = jsonLines(run.stderr());
    for (const line of lines) {
      expect(line).toMatchObject({ app: 'casebrief', level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) });
      expect(line.level as number).toBeGreaterThanOrEqual(30); // LOG_LEVEL=info
    }
    const messages = lines.map((l) => l.msg);
    expect(messages).toContain('shutting down: finishing what is in flight');
    expect(messages).toContain('stopped');
    expect(run.stderr() + run.stdout()).not.toContain(FAKE_SECRET);
    expect(run.stdout()).not.toMatch(/"level":/);
  });

  it('keeps a secret out of the start-up failure it reports', async () => {
    // The database path carries something token-shaped; the failure quotes the path.
    const run = start({ DATABASE_PATH: `/dev/null/${FAKE_SECRET}/casebrief.db` });
    run.child.stdin.end();
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr()).not.toContain(FAKE_SECRET);
    expect(run.stderr()).toContain('[redacted]');
    const fatal = run
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'could not start');
    expect(fatal).toMatchObject({ level: 60, err: { message: expect.stringContaining('/dev/null/[redacted]') } });
    // The plain sentence for whoever reads the terminal comes after the JSON line.
    expect(run.stderr()).toContain('casebrief could not start:');
  });
});
