import type { Logger } from 'pino';
import type { Bot } from '../../../bot.js';
import type { SeenIds } from '../../../core/dedupe.js';
import type { Permissions } from '../permissions.js';

/** What every listener needs: the bot, who may manage schedules, redelivery memory, a logger. */
export interface ListenerDeps {
  bot: Bot;
  permissions: Permissions;
  seen: SeenIds;
  log: Logger;
  /** How long a slash command may take before it is acknowledged empty and answered via response_url. */
  ackWithinMs: number;
}
