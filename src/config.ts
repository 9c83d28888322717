import { existsSync } from 'node:fs';
import { z } from 'zod';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), schema.optional());

const timeZone = z.string().refine(isTimeZone, { message: 'is not a known IANA time zone (for example Europe/Tirane or UTC)' });
const port = z.coerce.number().int().min(0).max(65535);
const duration = z.string().transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a duration such as 90s, 30m or 1h' });
    return z.NEVER;
  }
  return ms;
});
/** How long shutdown may wait for what is in flight: a timer, and Node cannot time more than ~24.8 days. */
const MAX_SHUTDOWN_MS = 24 * 3_600_000;
const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

/** "90s", "30m", "1h", "2h30m" or plain seconds, to milliseconds. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  let ms: number;
  if (/^\d+$/.test(t)) ms = Number(t) * 1000;
  else {
    const m = /^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/.exec(t);
    if (!m || t === '') return undefined;
    ms = (Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000;
  }
  // Hundreds of digits overflow to Infinity or lose precision: not a duration anyone meant.
  return Number.isSafeInteger(ms) ? ms : undefined;
}

const schema = z.object({
  NODE_ENV: optional(z.enum(['development', 'production', 'test'])).default('development'),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
  CONTENT_PACK: optional(z.string()).default('briefings/iran-albania-2022'),
  DATABASE_PATH: optional(z.string()).default('./data/casebrief.db'),
  INDEX_CACHE_DIR: optional(z.string()).default('./data/cache'),
  DEFAULT_TIMEZONE: optional(timeZone).default('Europe/Tirane'),
  MISSED_RUN_GRACE: optional(duration).default(3_600_000),
  SCHEDULE_ADMINS: optional(z.string()).transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
  RATE_LIMIT_PER_MINUTE: optional(z.coerce.number().int().min(1).max(10_000)).default(20),
  HEALTH_PORT: optional(port),
  HEALTH_HOST: optional(z.string()).default('0.0.0.0'),
  SHUTDOWN_TIMEOUT: optional(duration.refine((ms) => ms <= MAX_SHUTDOWN_MS, 'must be at most 24h')).default(10_000),

  SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', 'must start with xoxb-')),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, 'looks too short')),
  SLACK_APP_TOKEN: optional(z.string().startsWith('xapp-', 'must start with xapp-')),
  SLACK_API_URL: optional(z.url({ message: 'must be a URL such as https://slack.com/api/' })),
  PORT: optional(port).default(3000),

  DISCORD_TOKEN: optional(z.string().min(20, 'looks too short')),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(z.url({ message: 'must be a URL such as https://discord.com/api' })),
});

export type Env = z.infer<typeof schema>;

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  port: number;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
}

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  contentPack: string;
  databasePath: string;
  /** Where the question index is kept between starts; undefined builds it on every start. */
  indexCacheDir?: string;
  defaultTimezone: string;
  missedRunGraceMs: number;
  scheduleAdmins: string[];
  rateLimitPerMinute: number;
  healthPort?: number;
  /** Address the health server binds; every interface by default, so a container's checks reach it. */
  healthHost: string;
  shutdownTimeoutMs: number;
  slack?: SlackConfig;
  discord?: DiscordConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; throws a ConfigError naming every bad variable (never its value). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const res = schema.safeParse(source);
  const problems: string[] = [];
  if (!res.success) {
    for (const issue of res.error.issues) problems.push(`${String(issue.path[0])} ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = res.data;
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_SIGNING_SECRET is missing: Slack needs it in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (!e.SLACK_BOT_TOKEN && (e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET)) problems.push('SLACK_BOT_TOKEN is missing: the other Slack variables are set');
  if (e.DISCORD_TOKEN && !e.DISCORD_APPLICATION_ID) problems.push('DISCORD_APPLICATION_ID is missing: Discord needs it with DISCORD_TOKEN');
  if (!e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID) problems.push('DISCORD_TOKEN is missing: DISCORD_APPLICATION_ID is set');
  if (problems.length) throw new ConfigError(problems);
  return {
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    contentPack: e.CONTENT_PACK,
    databasePath: e.DATABASE_PATH,
    indexCacheDir: e.INDEX_CACHE_DIR === 'off' ? undefined : e.INDEX_CACHE_DIR,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    missedRunGraceMs: e.MISSED_RUN_GRACE,
    scheduleAdmins: e.SCHEDULE_ADMINS,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    healthPort: e.HEALTH_PORT,
    healthHost: e.HEALTH_HOST,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT,
    slack: e.SLACK_BOT_TOKEN
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL, port: e.PORT }
      : undefined,
    discord: e.DISCORD_TOKEN ? { token: e.DISCORD_TOKEN, applicationId: e.DISCORD_APPLICATION_ID!, guildId: e.DISCORD_GUILD_ID, apiUrl: e.DISCORD_API_URL } : undefined,
  };
}

/**
 * For entry points: fills unset variables from a local .env, then loads the
 * configuration, or prints what is wrong (never a value) and exits.
 */
export function configFromEnvironment(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
