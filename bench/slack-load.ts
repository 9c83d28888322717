/**
 * The load generator for bench/slack.ts, run in a worker thread so that sending requests does not
 * compete with the server for the event loop: signed slash commands at a fixed rate, open loop.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export interface LoadJob {
  port: number;
  secret: string;
  command: string;
  texts: string[];
  rate: number;
  seconds: number;
  /** Outstanding requests are abandoned (and counted as failed) this long after the last is sent. */
  drainMs: number;
  /** Only responses containing this count as answered ('' for any 200). */
  expect: string;
}

export interface Run {
  /** Time the server's event loop was busy, per request sent. */
  busyUsPerRequest: number;
  sent: number;
  ok: number;
  failed: number;
  latencies: number[];
  elapsedMs: number;
}

function signedCommand(secret: string, i: number, command: string, text: string): { body: string; headers: Record<string, string> } {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    channel_id: `C${i % 8}`,
    channel_name: 'general',
    user_id: `U${i % 32}`,
    command,
    text,
    api_app_id: 'A1',
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: '1.2.3',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig },
  };
}

function send(agent: Agent, port: number, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Open loop: request i leaves at start + i/rate, whatever happened to the ones before. */
export async function drive(job: LoadJob): Promise<Omit<Run, 'busyUsPerRequest'>> {
  const { port, command, texts, seconds, rate } = job;
  const check = (text: string) => text.includes(job.expect);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  let lastDone = start;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { body, headers } = signedCommand(job.secret, i, command, texts[i % texts.length] ?? '');
    const t0 = performance.now();
    inflight.push(
      send(agent, port, body, headers).then(
        (res) => {
          const t1 = performance.now();
          lastDone = Math.max(lastDone, t1);
          if (res.status === 200 && check(res.text)) {
            ok++;
            latencies.push(t1 - t0);
          } else failed++;
        },
        () => {
          failed++;
        },
      ),
    );
  }
  const drained = await Promise.race([Promise.all(inflight).then(() => true), new Promise<false>((r) => setTimeout(r, job.drainMs, false))]);
  if (!drained) failed += total - ok - failed;
  agent.destroy();
  return { sent: total, ok, failed, latencies, elapsedMs: lastDone - start };
}

if (parentPort && workerData) {
  parentPort.postMessage(await drive(workerData as LoadJob));
}
