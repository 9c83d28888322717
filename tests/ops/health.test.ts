import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { healthReport, startHealthServer, type HealthProbe, type HealthServer } from '../../src/ops/health.js';

const NOW = Date.parse('2024-05-01T12:00:00Z');

function probe(over: Partial<HealthProbe> = {}): HealthProbe {
  return {
    adapters: () => [
      { name: 'slack', connected: true },
      { name: 'discord', connected: true },
    ],
    database: () => true,
    lastTick: () => NOW - 5_000,
    draining: () => false,
    ...over,
  };
}

describe('healthReport', () => {
  it('is ok when every adapter is connected, the database answers and the scheduler ticks', () => {
    const r = healthReport(probe(), { startedAt: NOW - 90_500, now: NOW });
    expect(r).toEqual({
      status: 'ok',
      uptimeSeconds: 90,
      adapters: [
        { name: 'slack', connected: true },
        { name: 'discord', connected: true },
      ],
      database: { ok: true },
      scheduler: { lastTick: '2024-05-01T11:59:55.000Z', lagSeconds: 5 },
      problems: [],
    });
  });

  it('names each thing that is not ready', () => {
    const r = healthReport(
      probe({ adapters: () => [{ name: 'slack', connected: true }, { name: 'discord', connected: false }], database: () => false, lastTick: () => NOW - 10 * 60_000 }),
      { startedAt: NOW - 3_600_000, now: NOW },
    );
    expect(r.status).toBe('not ready');
    expect(r.problems).toEqual(['discord is not connected', 'the database does not answer', 'the scheduler has not woken for 600s']);
    expect(r.scheduler.lagSeconds).toBe(600);
  });

  it('is not ready before the scheduler has ticked or any adapter started', () => {
    const r = healthReport(probe({ adapters: () => [], lastTick: () => undefined }), { startedAt: NOW, now: NOW });
    expect(r.status).toBe('not ready');
    expect(r.scheduler).toEqual({ lastTick: null, lagSeconds: null });
    expect(r.problems).toContain('the scheduler has not started');
    expect(r.problems).toContain('no chat adapter has started yet');
  });

  it('allows a scheduler up to twice its longest sleep (two minutes) by default', () => {
    expect(healthReport(probe({ lastTick: () => NOW - 119_000 }), { startedAt: 0, now: NOW }).status).toBe('ok');
    expect(healthReport(probe({ lastTick: () => NOW - 121_000 }), { startedAt: 0, now: NOW }).status).toBe('not ready');
  });

  it('says so while shutting down', () => {
    const r = healthReport(probe({ draining: () => true }), { startedAt: 0, now: NOW });
    expect(r.status).toBe('shutting down');
    expect(r.problems[0]).toBe('shutting down');
  });

  it('treats a probe that throws as not ok instead of failing', () => {
    const r = healthReport(
      probe({
        database: () => {
          throw new Error('SQLITE_CANTOPEN /secret/path');
        },
      }),
      { startedAt: 0, now: NOW },
    );
    expect(r.database.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('secret');
  });
});

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(server: HealthServer, path: string, method = 'GET'): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.end();
  });
}

describe('health server', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(p: HealthProbe): Promise<HealthServer> {
    server = await startHealthServer({ port: 0, host: '127.0.0.1', probe: p, now: () => NOW, startedAt: NOW - 60_000 });
    return server;
  }

  it('answers /healthz and /readyz with 200 and the JSON report when ready', async () => {
    const s = await start(probe());
    expect(s.port).toBeGreaterThan(0);
    for (const path of ['/healthz', '/readyz', '/readyz?verbose=1']) {
      const res = await call(s, path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = JSON.parse(res.body);
      expect(body).toMatchObject({ status: 'ok', uptimeSeconds: 60, database: { ok: true }, scheduler: { lagSeconds: 5 } });
      expect(body.adapters).toEqual([
        { name: 'slack', connected: true },
        { name: 'discord', connected: true },
      ]);
    }
  });

  it('keeps /healthz at 200 but answers /readyz 503 with what is wrong', async () => {
    let connected = false;
    const s = await start(probe({ adapters: () => [{ name: 'discord', connected }] }));
    expect((await call(s, '/healthz')).status).toBe(200);
    const res = await call(s, '/readyz');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'not ready', problems: ['discord is not connected'], adapters: [{ name: 'discord', connected: false }] });
    // Read at request time: the adapter connecting makes the next check pass.
    connected = true;
    expect((await call(s, '/readyz')).status).toBe(200);
  });

  it('answers 503 on /readyz while shutting down', async () => {
    const s = await start(probe({ draining: () => true }));
    const res = await call(s, '/readyz');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body).status).toBe('shutting down');
  });

  it('answers other paths 404 and other methods 405', async () => {
    const s = await start(probe());
    for (const path of ['/', '/health', '/healthz/extra', '/metrics']) expect((await call(s, path)).status).toBe(404);
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await call(s, '/healthz', method);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET');
    }
  });

  it('reveals nothing but names, booleans and times', async () => {
    const s = await start(probe());
    const body = JSON.parse((await call(s, '/healthz')).body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['adapters', 'database', 'problems', 'scheduler', 'status', 'uptimeSeconds']);
    expect(JSON.stringify(body)).not.toMatch(/xox|token|secret|password|\/data|\.db/i);
  });

  it('closes promptly even with a keep-alive connection open', async () => {
    const s = await start(probe());
    await call(s, '/healthz');
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(call(s, '/healthz')).rejects.toThrow();
    server = undefined;
  });

  it('fails to start, rather than half-start, when the port is taken', async () => {
    const s = await start(probe());
    await expect(startHealthServer({ port: s.port, host: '127.0.0.1', probe: probe() })).rejects.toThrow(/EADDRINUSE/);
  });
});
