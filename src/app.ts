import type { Logger } from 'pino';
import { ConsoleAdapter } from './adapters/console/console.js';
import { ConsoleDelivery } from './adapters/console/delivery.js';
import { startDiscord } from './adapters/discord/index.js';
import { startSlack } from './adapters/slack/index.js';
import { Bot } from './bot.js';
import type { Config } from './config.js';
import type { Pack } from './core/content/pack.js';
import { createScheduling, type Scheduling } from './core/schedule/index.js';
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
  stop(timeoutMs: number): Promise<void>;
}

/** Builds the core for one pack and connects every configured platform (the console when none is). */
export async function startApp(config: Config, pack: Pack, log: Logger): Promise<App> {
  const services = createServices(pack);
  const scheduling = createScheduling({
    databasePath: config.databasePath,
    briefing: services.briefing,
    defaultTimezone: config.defaultTimezone,
    graceMs: config.missedRunGraceMs,
    log: log.child({ part: 'scheduler' }),
  });
  services.schedules = scheduling.service;
  const bot = new Bot(services, log, scheduling.feedback);
  const adapters: AdapterHandle[] = [];
  let consoleAdapter: ConsoleAdapter | undefined;

  try {
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
    stop(timeoutMs: number) {
      stopping ??= (async () => {
        // Deliveries in flight finish first (within the bound), then connections close, then the database.
        await scheduling.scheduler.stop(timeoutMs);
        await Promise.allSettled(adapters.map((a) => a.stop()));
        await scheduling.close(timeoutMs);
      })();
      return stopping;
    },
  };
}
