/**
 * Slack adapter speed: signed `/ask` requests to the HTTP endpoint at a fixed rate on loopback,
 * answered in the acknowledgement, against a bare Bolt app that acknowledges an empty command
 * at the same rate in the same run.
 *   npx tsx bench/slack.ts
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { App, LogLevel } from '@slack/bolt';
import { pino } from 'pino';
import { startSlack } from '../src/adapters/slack/index.js';
import { Bot } from '../src/bot.js';
import { loadPack } from '../src/core/content/load.js';
import { createServices } from '../src/services.js';
import type { LoadJob, Run } from './slack-load.js';

const RATE = 200;
const SECONDS = 5;
const WARMUP_SECONDS = 1;
/** Outstanding requests are abandoned (and counted as failed) this long after the last is sent. */
const DRAIN_MS = 5000;

const SECRET = 'bench-signing-secret-0123456789';
const TOKEN = 'xoxb-bench-0000-token';
/** The questions the README and /ask's examples use. */
const QUESTIONS = [
  'who was behind the July 2022 attack?',
  'what is ROADSWEEP?',
  'did Albania invoke Article 5?',
  'who was behind the attack?',
  'why did Albania cut ties with Iran?',
  'what happened in September 2022?',
];

/** Just enough Web API for start-up: auth.test, and ok for anything else. */
async function fakeApi(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const body = req.url?.endsWith('/auth.test') ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' } : { ok: true };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`, server };
}

/** Runs one load phase in a worker thread; the server's busy time is this (main) thread's event-loop activity. */
async function drive(port: number, texts: string[], seconds: number, expect: string): Promise<Run> {
  const job: LoadJob = { port, secret: SECRET, command: '/ask', texts, rate: RATE, seconds, drainMs: DRAIN_MS, expect };
  // Workers do not inherit tsx's loader (and Node 20 ignores it in a worker's execArgv): register it first.
  const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./slack-load.ts', import.meta.url).href)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: job });
  const elu = performance.eventLoopUtilization();
  const result = await new Promise<Omit<Run, 'busyUsPerRequest'>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load worker exited (${code})`)));
  });
  const busy = performance.eventLoopUtilization(elu);
  await worker.terminate();
  return { ...result, busyUsPerRequest: (busy.active * 1000) / result.sent };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

function summarize(prefix: string, run: Run): Record<string, number> {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  return {
    [`${prefix}_sent`]: run.sent,
    [`${prefix}_ok`]: run.ok,
    [`${prefix}_failed`]: run.failed,
    [`${prefix}_throughput_rps`]: round((run.ok * 1000) / run.elapsedMs),
    [`${prefix}_p50_ms`]: round(percentile(sorted, 50)),
    [`${prefix}_p99_ms`]: round(percentile(sorted, 99)),
    [`${prefix}_max_ms`]: round(sorted.at(-1) ?? NaN),
    [`${prefix}_server_busy_us_per_req`]: Math.round(run.busyUsPerRequest),
  };
}

export async function benchSlack(): Promise<Record<string, number | string>> {
  const api = await fakeApi();
  const quiet = pino({ level: 'info' }, new Writable({ write: (_c, _e, cb) => cb() }));
  const pack = loadPack(resolve(import.meta.dirname, '../briefings/iran-albania-2022'));
  const bot = new Bot(createServices(pack), quiet);
  const slack = await startSlack({ bot, config: { botToken: TOKEN, signingSecret: SECRET, apiUrl: api.url, port: 0 }, scheduleAdmins: [], log: quiet, host: '127.0.0.1' });

  const bare = new App({ token: TOKEN, signingSecret: SECRET, botId: 'BBOT', botUserId: 'UBOT', tokenVerificationEnabled: false, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: api.url } });
  bare.command('/ask', async ({ ack }) => ack());
  const bareServer = (await bare.start({ port: 0, host: '127.0.0.1' })) as Server;
  const barePort = (bareServer.address() as AddressInfo).port;

  try {
    await drive(slack.port!, QUESTIONS, WARMUP_SECONDS, '"blocks"');
    await drive(barePort, [''], WARMUP_SECONDS, '');
    const bareRun = await drive(barePort, [''], SECONDS, '');
    const caseRun = await drive(slack.port!, QUESTIONS, SECONDS, '"blocks"');
    const c = summarize('slack_ask', caseRun);
    const b = summarize('slack_bare', bareRun);
    const ratio = c.slack_ask_throughput_rps! / b.slack_bare_throughput_rps!;
    return {
      slack_rate_rps: RATE,
      slack_seconds: SECONDS,
      ...c,
      ...b,
      slack_throughput_ratio: round(ratio),
      slack_verdict: ratio >= 0.7 && c.slack_ask_p99_ms! < 20 && caseRun.failed === 0 ? 'ok (ratio ≥ 0.7, p99 < 20 ms)' : 'below target',
    };
  } finally {
    await slack.stop();
    await bare.stop();
    await new Promise<void>((r) => api.server.close(() => r()));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await benchSlack();
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(28)} ${v}`);
}
