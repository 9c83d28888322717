import { Client, Events, GatewayIntentBits, Partials, PermissionFlagsBits, PermissionsBitField, REST, type RESTOptions } from 'discord.js';
import type { Logger } from 'pino';
import type { Bot } from '../../bot.js';
import type { DiscordConfig } from '../../config.js';
import { SeenIds } from '../../core/dedupe.js';
import type { Delivery } from '../../core/schedule/delivery.js';
import { ButtonCodec } from './buttons.js';
import { commandDefinitions } from './definitions.js';
import { DiscordDelivery } from './delivery.js';
import { describeError } from './errors.js';
import { handleInteraction, type InteractionDeps } from './interactions.js';
import { handleMessage } from './messages.js';
import { syncCommands } from './register.js';

export interface DiscordHandle {
  delivery: Delivery;
  connected(): boolean;
  stop(): Promise<void>;
  inviteUrl: string;
}

export interface DiscordOptions {
  bot: Bot;
  config: DiscordConfig;
  log: Logger;
  /** User ids allowed to manage schedules in any server channel (SCHEDULE_ADMINS). */
  scheduleAdmins?: readonly string[];
  /** Register slash commands at start-up (only sent when they changed). Default true. */
  registerCommands?: boolean;
  /** Defer a slash command whose reply takes longer than this. Default 2 s (Discord allows 3). */
  deferAfterMs?: number;
  /** How long start-up waits for the gateway to become ready before returning anyway. Default 30 s. */
  readyTimeoutMs?: number;
}

/** What the bot needs in a channel: read it, answer (also in threads), embeds, and replies that reference a message. */
export const BOT_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
]);

export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({ client_id: applicationId, permissions: BOT_PERMISSIONS.bitfield.toString(), integration_type: '0', scope: 'bot applications.commands' });
  return `https://discord.com/oauth2/authorize?${params.toString().replace(/\+/g, '%20')}`;
}

export function discordRest(config: DiscordConfig, options: Partial<RESTOptions> = {}): REST {
  return new REST({ ...(config.apiUrl ? { api: config.apiUrl } : {}), ...options }).setToken(config.token);
}

/**
 * REST for scheduled posts. A 429 is passed up (RateLimitError, with its Retry-After) for the
 * scheduler to wait out and count against its limit, as for Slack. Waited out inside discord.js,
 * a channel that stays rate limited would hold its posts in flight for good, and once they filled
 * the scheduler's concurrency no other channel would get its briefings.
 */
export function deliveryRest(config: DiscordConfig): REST {
  return discordRest(config, { rejectOnRateLimit: () => true });
}

/**
 * Connects the bot to Discord: slash commands, buttons, autocomplete, DMs and mentions
 * over the gateway, and a REST-only delivery for scheduled posts.
 */
export async function startDiscord(opts: DiscordOptions): Promise<DiscordHandle> {
  const { bot, config } = opts;
  const log = opts.log.child({ adapter: 'discord' });
  const token = config.token;
  const rest = discordRest(config);
  const buttons = new ButtonCodec();
  const url = inviteUrl(config.applicationId);
  log.info({ inviteUrl: url }, 'invite the bot to a server with this link');

  if (opts.registerCommands ?? true) {
    try {
      const result = await syncCommands(commandDefinitions(bot.catalogue), { rest, applicationId: config.applicationId, guildId: config.guildId });
      log.info({ scope: config.guildId ? 'guild' : 'global', result }, 'slash commands checked');
    } catch (err) {
      // The commands registered last time keep working; don't refuse to start over this.
      log.error({ err: describeError(err, token) }, 'could not register slash commands');
    }
  }

  const client = new Client({
    // No privileged intents: Discord still sends the text of DMs and of messages that mention the bot.
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    // DM channels are not cached before their first message arrives.
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
  const deps: InteractionDeps = {
    bot,
    log,
    buttons,
    seen: new SeenIds(),
    scheduleAdmins: opts.scheduleAdmins ?? [],
    deferAfterMs: opts.deferAfterMs ?? 2_000,
    token,
  };

  // Set first so shutdown does not log as a dropped connection.
  let stopped = false;
  client.on(Events.InteractionCreate, (i) => void handleInteraction(i, deps));
  client.on(Events.MessageCreate, (m) => {
    if (client.user) void handleMessage(m, client.user.id, deps);
  });
  client.on(Events.Error, (err) => log.error({ err: describeError(err, token) }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ detail: message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event) => stopped || log.warn({ code: event.code }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, () => stopped || log.info('gateway reconnecting'));
  client.on(Events.ShardResume, (_id, replayed) => log.info({ replayed }, 'gateway session resumed'));

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, (c) => {
      log.info({ user: c.user.tag, guilds: c.guilds.cache.size }, 'connected to Discord');
      resolve();
    });
  });

  try {
    await client.login(token);
  } catch (err) {
    await client.destroy().catch(() => {});
    throw new Error(`Discord login failed: ${String(describeError(err, token).message ?? 'unknown error')}`);
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    ready.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(resolve, opts.readyTimeoutMs ?? 30_000, true);
    }),
  ]).finally(() => clearTimeout(timer));
  if (timedOut) log.warn('Discord gateway not ready yet; continuing, it keeps trying');

  return {
    delivery: new DiscordDelivery(deliveryRest(config), buttons),
    inviteUrl: url,
    connected: () => !stopped && client.isReady(),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await client.destroy();
      log.info('disconnected from Discord');
    },
  };
}
