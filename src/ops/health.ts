import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_SLEEP_MS } from '../core/schedule/clock.js';

/** What the health checks look at; each is read at request time. */
export interface HealthProbe {
  adapters(): { name: string; connected: boolean }[];
  /** Whether the database answers `SELECT 1`. */
  database(): boolean;
  /** When the scheduler's timer last woke (epoch ms), if it has. */
  lastTick(): number | undefined;
  /** True once shutdown has begun. */
  draining(): boolean;
}

export interface HealthReport {
  status: 'ok' | 'not ready' | 'shutting down';
  uptimeSeconds: number;
  adapters: { name: string; connected: boolean }[];
  database: { ok: boolean };
  scheduler: { lastTick: string | null; lagSeconds: number | null };
  /** What keeps the bot from being ready, in words; empty when ready. */
  problems: string[];
}

export interface ReportOptions {
  startedAt: number;
  now: number;
  /**
   * A scheduler that has not woken for longer than this is stuck. It wakes at least every
   * MAX_SLEEP_MS, so twice that leaves room for a busy event loop without false alarms.
   */
  maxTickAgeMs?: number;
}

/** Builds the report both endpoints return. Only names, booleans and times: nothing secret. */
export function healthReport(probe: HealthProbe, opts: ReportOptions): HealthReport {
  const maxTickAgeMs = opts.maxTickAgeMs ?? 2 * MAX_SLEEP_MS;
  const problems: string[] = [];
  const adapters = attempt(() => probe.adapters(), []).map((a) => ({ name: a.name, connected: a.connected === true }));
  for (const a of adapters) if (!a.connected) problems.push(`${a.name} is not connected`);
  if (!adapters.length) problems.push('no chat adapter has started yet');
  const dbOk = attempt(() => probe.database(), false);
  if (!dbOk) problems.push('the database does not answer');
  const tick = attempt(() => probe.lastTick(), undefined);
  const lag = tick === undefined ? undefined : Math.max(0, opts.now - tick);
  if (lag === undefined) problems.push('the scheduler has not started');
  else if (lag > maxTickAgeMs) problems.push(`the scheduler has not woken for ${Math.round(lag / 1000)}s`);
  const draining = attempt(() => probe.draining(), false);
  if (draining) problems.unshift('shutting down');
  return {
    status: draining ? 'shutting down' : problems.length ? 'not ready' : 'ok',
    uptimeSeconds: Math.max(0, Math.floor((opts.now - opts.startedAt) / 1000)),
    adapters,
    database: { ok: dbOk },
    scheduler: { lastTick: tick === undefined ? null : new Date(tick).toISOString(), lagSeconds: lag === undefined ? null : Math.round(lag / 100) / 10 },
    problems,
  };
}

/** A failing probe counts as "not ok" rather than taking the health server down. */
function attempt<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export interface HealthServerOptions {
  port: number;
  /** 0.0.0.0 so a container's health check and orchestrator can reach it; tests use 127.0.0.1. */
  host?: string;
  probe: HealthProbe;
  now?: () => number;
  startedAt?: number;
  maxTickAgeMs?: number;
}

export interface HealthServer {
  /** The port actually bound (useful when asked for port 0). */
  port: number;
  host: string;
  close(): Promise<void>;
}

/**
 * GET /healthz: liveness, always 200 while the process can answer, with the report.
 * GET /readyz: 200 only when every started adapter is connected, the database answers and
 * the scheduler is ticking; 503 with the same report otherwise (and while shutting down,
 * so a load balancer stops sending work before the process goes away).
 */
export async function startHealthServer(opts: HealthServerOptions): Promise<HealthServer> {
  const now = opts.now ?? Date.now;
  const startedAt = opts.startedAt ?? now();
  const host = opts.host ?? '0.0.0.0';

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/healthz' && path !== '/readyz') return send(res, 404, { error: 'not found' });
    if (req.method !== 'GET') {
      res.setHeader('Allow', 'GET');
      return send(res, 405, { error: 'method not allowed' });
    }
    let report: HealthReport;
    try {
      report = healthReport(opts.probe, { startedAt, now: now(), maxTickAgeMs: opts.maxTickAgeMs });
    } catch {
      return send(res, 500, { status: 'error' });
    }
    const code = path === '/healthz' || report.status === 'ok' ? 200 : 503;
    send(res, code, report);
  });
  // Health checks are tiny; nobody needs long to send one, so slow clients are cut off early.
  server.headersTimeout = 5_000;
  server.requestTimeout = 5_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    host,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections from a prober would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}
