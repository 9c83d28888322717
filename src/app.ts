import type { Logger } from 'pino';
import { ConsoleAdapter } from './adapters/console/console.js';
import { ConsoleDelivery } from './adapters/console/delivery.js';
import { startDiscord } from './adapters/discord/index.js';
import { startSlack } from './adapters/slack/index.js';
import { Bot } from './bot.js';
import type { Config } from './config.js';
import type { Pack } from './core/content/pack.js';
import { createScheduling, type Scheduling } from './core/schedule/index.js';
import { startHealthServer, type HealthServer } from './ops/health.js';
import { RateLimiter } from './ops/rate-limit.js';
import { createServices } from './services.js';

/** A running chat connection, as operations see it. */
export interface AdapterHandle {
  name: 'slack' | 'discord' | 'console';
  connected(): boolean;
  stop(): Promise<void>;
}

export interface App {
  bot: Bot;
  scheduling: Scheduling;
  adapters: AdapterHandle[];
  /** Set when no chat platform is configured: the terminal is the chat. */
  console?: ConsoleAdapter;
  /** The /healthz and /readyz server, when HEALTH_PORT is set. */
  health?: HealthServer;
  /**
   * Shuts down in order: new requests are turned away politely, requests and scheduled
   * deliveries in flight get up to `timeoutMs` to finish, then the health server, the chat
   * connections and the database close.
   */
  stop(timeoutMs: number): Promise<void>;
}

/** Builds the core for one pack and connects every configured platform (the console when none is). */
export async function startApp(config: Config, pack: Pack, log: Logger): Promise<App> {
  const started = performance.now();
  const services = createServices(pack, { cacheDir: config.indexCacheDir });
  log.debug({ ms: Math.round(performance.now() - started), indexCacheDir: config.indexCacheDir ?? 'off' }, 'content and question index ready');
  const scheduling = createScheduling({
    databasePath: config.databasePath,
    briefing: services.briefing,
    defaultTimezone: config.defaultTimezone,
    graceMs: config.missedRunGraceMs,
    log: log.child({ part: 'scheduler' }),
  });
  services.schedules = scheduling.service;
  // The console is the operator's own terminal, often fed a script: only chat users are limited.
  const chat = Boolean(config.slack || config.discord);
  const limiter = chat ? new RateLimiter({ perMinute: config.rateLimitPerMinute }) : undefined;
  const bot = new Bot(services, log, scheduling.feedback, { limiter });
  const adapters: AdapterHandle[] = [];
  let consoleAdapter: ConsoleAdapter | undefined;
  let health: HealthServer | undefined;

  try {
    if (config.healthPort !== undefined) {
      // Up before the adapters, so liveness answers while they connect (readiness says they are not yet).
      health = await startHealthServer({
        port: config.healthPort,
        host: config.healthHost,
        probe: {
          adapters: () => adapters.map((a) => ({ name: a.name, connected: safely(() => a.connected()) })),
          database: () => scheduling.ping(),
          lastTick: () => scheduling.scheduler.lastTick,
          draining: () => bot.closed,
        },
      });
      log.info({ host: health.host, port: health.port }, 'health checks listening on /healthz and /readyz');
    }
    if (config.slack) {
      const slack = await startSlack({ bot, config: config.slack, scheduleAdmins: config.scheduleAdmins, log });
      scheduling.deliveries.set('slack', slack.delivery);
      adapters.push({ name: 'slack', connected: () => slack.connected(), stop: () => slack.stop() });
    }
    if (config.discord) {
      const discord = await startDiscord({ bot, config: config.discord, log, scheduleAdmins: config.scheduleAdmins });
      scheduling.deliveries.set('discord', discord.delivery);
      adapters.push({ name: 'discord', connected: () => discord.connected(), stop: () => discord.stop() });
    }
    if (!config.slack && !config.discord) {
      consoleAdapter = new ConsoleAdapter(bot);
      scheduling.deliveries.set('console', new ConsoleDelivery(consoleAdapter));
      adapters.push({ name: 'console', connected: () => true, stop: async () => {} });
    }
  } catch (err) {
    // Don't leave a half-started bot holding the database or sockets.
    await Promise.allSettled(adapters.map((a) => a.stop()));
    await health?.close();
    await scheduling.close(1000);
    throw err;
  }
  scheduling.scheduler.start();

  let stopping: Promise<void> | undefined;
  return {
    bot,
    scheduling,
    adapters,
    console: consoleAdapter,
    health,
    stop(timeoutMs: number) {
      stopping ??= (async () => {
        // Answers and scheduled deliveries in flight finish first, side by side, within the one bound.
        const [answered] = await Promise.all([within(bot.close(), timeoutMs), scheduling.scheduler.stop(timeoutMs)]);
        if (!answered) log.warn({ timeoutMs }, 'stopped with requests still being answered');
        await health?.close();
        await Promise.allSettled(adapters.map((a) => a.stop()));
        await scheduling.close(timeoutMs);
      })();
      return stopping;
    },
  };
}

function safely(fn: () => boolean): boolean {
  try {
    return fn();
  } catch {
    return false;
  }
}

/** Waits for `promise` up to `ms`; true if it settled in time. */
async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
