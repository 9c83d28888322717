import { request } from 'node:http';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startApp, type App } from '../../src/app.js';
import { RESTARTING } from '../../src/bot.js';
import { loadConfig } from '../../src/config.js';
import { casePack, ctx } from '../helpers.js';
import { bodyText } from '../reply-helpers.js';
import { slowCommand } from './slow-command.js';

const silent = pino({ level: 'silent' });
let app: App | undefined;

afterEach(async () => {
  await app?.stop(1000);
  app = undefined;
});

async function startConsoleApp(env: Record<string, string> = {}): Promise<App> {
  const config = loadConfig({ DATABASE_PATH: ':memory:', INDEX_CACHE_DIR: 'off', HEALTH_PORT: '0', HEALTH_HOST: '127.0.0.1', ...env });
  app = await startApp(config, casePack(), silent);
  return app;
}

function get(port: number, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A command that hangs until released, added to the running bot's catalogue. */
function addSlowCommand(a: App) {
  const { slow, release, started } = slowCommand();
  a.bot.services.catalogue = [...a.bot.services.catalogue, slow];
  return { release, started };
}

describe('the app in operation', () => {
  it('serves health checks when HEALTH_PORT is set, and not otherwise', async () => {
    const a = await startConsoleApp();
    expect(a.health?.port).toBeGreaterThan(0);
    const res = await get(a.health!.port, '/readyz');
    expect(res.status).toBe(200);
    expect(a.scheduling.ping()).toBe(true);
    await a.stop(1000);
    app = await startApp(loadConfig({ DATABASE_PATH: ':memory:', INDEX_CACHE_DIR: 'off' }), casePack(), silent);
    expect(app.health).toBeUndefined();
  });

  it('stops in order: turns requests away, lets the running one finish, then closes health and the database', async () => {
    const a = await startConsoleApp();
    const port = a.health!.port;
    const { release, started } = addSlowCommand(a);
    const inFlight = a.bot.handleLine(ctx(), '/slow');
    await vi.waitFor(() => expect(started).toHaveBeenCalled());

    let stopped = false;
    const stopping = a.stop(5000).then(() => (stopped = true));
    // While draining: not ready (a load balancer stops sending), polite refusals, the database still open.
    const draining = await get(port, '/readyz');
    expect(draining.status).toBe(503);
    expect(draining.body.status).toBe('shutting down');
    expect(bodyText(await a.bot.handleLine(ctx(), '/brief'))).toContain(RESTARTING);
    expect(stopped).toBe(false);

    release();
    expect(bodyText(await inFlight)).toContain('slow answer');
    await stopping;
    await expect(get(port, '/healthz')).rejects.toThrow();
    expect(a.scheduling.ping()).toBe(false);
  });

  it('gives up waiting at the bound when a request never finishes', async () => {
    const a = await startConsoleApp();
    const { started } = addSlowCommand(a);
    void a.bot.handleLine(ctx(), '/slow');
    await vi.waitFor(() => expect(started).toHaveBeenCalled());
    const begun = Date.now();
    await a.stop(300);
    expect(Date.now() - begun).toBeLessThan(3000);
    expect(a.scheduling.ping()).toBe(false);
  });

  it('does not rate-limit the console, which is the operator reading a script', async () => {
    const a = await startConsoleApp({ RATE_LIMIT_PER_MINUTE: '2' });
    for (let i = 0; i < 10; i++) expect(bodyText(await a.bot.handleLine(ctx(), '/help'))).not.toContain('faster than I can keep up');
  });
});
