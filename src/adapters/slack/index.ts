import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Bot } from '../../bot.js';
import type { SlackConfig } from '../../config.js';
import { SeenIds } from '../../core/dedupe.js';
import type { Delivery } from '../../core/schedule/delivery.js';
import { SlackDelivery } from './delivery.js';
import { registerListeners } from './listeners/index.js';
import { boltLogger, safeError } from './log.js';
import { EVENTS_PATH } from './manifest.js';
import { Permissions } from './permissions.js';

/** How long stop() lets requests in flight finish before closing their connections. */
const STOP_GRACE_MS = 2000;

export interface SlackHandle {
  delivery: Delivery;
  connected(): boolean;
  stop(): Promise<void>;
  /** HTTP mode: the port the events endpoint listens on (useful with port 0). */
  port?: number;
}

export interface SlackOptions {
  bot: Bot;
  config: SlackConfig;
  scheduleAdmins: string[];
  log: Logger;
  /** HTTP mode: the interface to listen on (default: all). */
  host?: string;
  /** Socket Mode ping timeouts in ms (defaults 5,000 and 30,000); tests shorten them to see reconnects quickly. */
  socket?: { clientPingTimeout?: number; serverPingTimeout?: number };
  /** How long a slash command may take before it is acknowledged empty (default 2 s; Slack allows 3). */
  ackWithinMs?: number;
}

/**
 * Options for every Web API client the bot makes: the API base (SLACK_API_URL, e.g. GovSlack or a
 * test fake), few retries so a failure surfaces quickly, and rate limits passed up with their
 * Retry-After instead of waited out inside the client.
 */
export function webClientOptions(apiUrl: string | undefined, logger: BoltLogger): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    logger,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000, randomize: true },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    // The token must only ever go to the configured API base.
    allowAbsoluteUrls: false,
  };
}

/**
 * Retries for the Socket Mode client's apps.connections.open. When it reconnects, that client gives
 * up for good on a network or HTTP error that outlasts these retries (and the rejection goes
 * unhandled, which ends the process), so here, unlike ordinary Web API calls, it keeps trying,
 * backing off to one attempt every 30 s or so. Start-up has already reached Slack with auth.test.
 */
export const SOCKET_RECONNECT_RETRY: webApi.RetryOptions = { forever: true, retries: 10, factor: 1.5, minTimeout: 500, maxTimeout: 30_000, randomize: true };

/** The bot's own ids, asked once with bounded retries, so Bolt never calls auth.test on its own schedule. */
async function identify(client: webApi.WebClient): Promise<{ botUserId: string; botId: string; teamId?: string }> {
  let res: webApi.AuthTestResponse;
  try {
    res = await client.auth.test();
  } catch (err) {
    const { message, code } = safeError(err);
    const hint = code === 'invalid_auth' || code === 'token_revoked' || code === 'not_authed' ? ': check SLACK_BOT_TOKEN' : ': check SLACK_API_URL and the network';
    throw new Error(`Slack auth.test failed (${message})${hint}`);
  }
  if (!res.user_id || !res.bot_id) throw new Error('Slack auth.test did not name a bot user: SLACK_BOT_TOKEN must be a bot token (xoxb-)');
  return { botUserId: res.user_id, botId: res.bot_id, teamId: res.team_id };
}

/** Starts the Slack app: Socket Mode when an app token is set, the HTTP events endpoint otherwise. */
export async function startSlack(opts: SlackOptions): Promise<SlackHandle> {
  const { config } = opts;
  const log = opts.log.child({ adapter: 'slack' });
  const secrets = [config.botToken, config.appToken, config.signingSecret].filter((s): s is string => Boolean(s));
  const logger = boltLogger(log, secrets);
  const socketMode = Boolean(config.appToken);
  if (!socketMode && !config.signingSecret) throw new Error('SLACK_SIGNING_SECRET is needed in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');

  const identity = await identify(new webApi.WebClient(config.botToken, webClientOptions(config.apiUrl, logger)));

  let socketUp = false;
  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.appToken!,
        logger,
        ...opts.socket,
        installerOptions: { clientOptions: { ...webClientOptions(config.apiUrl, logger), retryConfig: SOCKET_RECONNECT_RETRY } },
      })
    : undefined;
  if (receiver) {
    receiver.client.on('connected', () => (socketUp = true));
    // 'close' comes first when Slack drops or recycles the connection; 'reconnecting' only after a back-off.
    for (const state of ['close', 'reconnecting', 'disconnecting', 'disconnected']) receiver.client.on(state, () => (socketUp = false));
  }

  const app = new App({
    token: config.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    tokenVerificationEnabled: false,
    // Conversation state lives in the core (Q&A memory); Bolt's own store would only cost a lookup per event.
    convoStore: false,
    logger,
    clientOptions: webClientOptions(config.apiUrl, logger),
    ...(receiver ? { receiver } : { signingSecret: config.signingSecret, endpoints: EVENTS_PATH, port: config.port }),
  });
  app.error(async (error) => {
    log.error({ err: safeError((error as { original?: unknown }).original ?? error) }, 'Slack listener failed');
  });

  const permissions = new Permissions(app.client, opts.scheduleAdmins, log);
  registerListeners(app, { bot: opts.bot, permissions, seen: new SeenIds(), log, ackWithinMs: opts.ackWithinMs ?? 2000 });

  let server: Server | undefined;
  try {
    if (receiver) await app.start();
    else server = (await app.start({ port: config.port, ...(opts.host ? { host: opts.host } : {}) })) as Server;
  } catch (err) {
    const { message, code } = safeError(err);
    const hint = receiver && (code === 'invalid_auth' || code === 'not_authed') ? ': check SLACK_APP_TOKEN' : '';
    throw new Error(`Slack ${receiver ? 'Socket Mode connection' : `HTTP listener on port ${config.port}`} failed (${message})${hint}`);
  }
  const port = server ? (server.address() as AddressInfo).port : undefined;
  log.info({ mode: socketMode ? 'socket' : 'http', botUserId: identity.botUserId, teamId: identity.teamId, port }, 'Slack adapter started');

  let stopped = false;
  return {
    delivery: new SlackDelivery(app.client),
    connected: () => !stopped && (receiver ? socketUp : Boolean(server?.listening)),
    port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // Keep-alive sockets would hold the HTTP server open: idle ones go now, busy ones after a grace period.
      const closing = app.stop().catch((err: unknown) => log.warn({ err: safeError(err) }, 'Slack adapter did not stop cleanly'));
      server?.closeIdleConnections();
      const force = setTimeout(() => server?.closeAllConnections(), STOP_GRACE_MS);
      await closing;
      clearTimeout(force);
      socketUp = false;
    },
  };
}
