import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../../src/config.js';
import { ROOT } from '../helpers.js';
import { anyText } from './arbitraries.js';

/** Every variable the bot reads, as .env.example documents them (so new ones are covered too). */
const VARIABLES = [...readFileSync(resolve(ROOT, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
const SECRETS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'DISCORD_TOKEN'];
/** Node runs a timer asked to wait longer than this after 1 ms instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const SNOWFLAKE = '123456789012345678';
/** Valid settings for each platform, so a variable of that platform can be judged on its own value. */
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-valid-bot-token', SLACK_APP_TOKEN: 'xapp-1-valid-app-token', SLACK_SIGNING_SECRET: 'a-signing-secret' };
const DISCORD = { DISCORD_TOKEN: 'a-discord-token-that-is-long-enough', DISCORD_APPLICATION_ID: SNOWFLAKE };
const companions = (name: string): Record<string, string> => {
  const family: Record<string, string> = name.startsWith('SLACK_') || name === 'PORT' ? SLACK : name.startsWith('DISCORD_') ? DISCORD : {};
  return Object.fromEntries(Object.entries(family).filter(([k]) => k !== name));
};

const durations = ['90s', '30m', '1h', '2h30m', '1h 30m', '0', '10', '10s', ' 5m ', '-1', '1d', 'h', '5 m', '1.5h', '600h', '2147484s', '99999999999', '9'.repeat(400), '1e3'];
const numbers = ['0', '1', '20', '80', '3000', '65535', '65536', '-1', '1e3', '0x10', '3.5', 'Infinity', 'NaN', ' 80 ', '10000', '10001', '9'.repeat(30)];
const urls = ['https://slack.com/api/', 'https://discord.com/api', 'http://localhost:8080/', 'http://[::1]:8080/', 'not a url', 'javascript:alert(1)', 'ftp://x', 'https://'];
const POOLS: Record<string, string[]> = {
  NODE_ENV: ['development', 'production', 'test', 'PRODUCTION', 'prod'],
  LOG_LEVEL: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent', 'verbose', 'INFO'],
  DEFAULT_TIMEZONE: ['Europe/Tirane', 'UTC', 'utc', 'CET', 'Etc/GMT+5', 'Europe/Tiran', 'Mars/Base', '+05:30', 'Factory'],
  MISSED_RUN_GRACE: durations,
  SHUTDOWN_TIMEOUT: durations,
  RATE_LIMIT_PER_MINUTE: numbers,
  HEALTH_PORT: numbers,
  PORT: numbers,
  SCHEDULE_ADMINS: ['U0ANN,U0BOB', ' , ,', 'U0ANN'],
  SLACK_BOT_TOKEN: ['xoxb-1234-5678-abcdefgh', 'xoxp-1234-5678-abcdefgh', 'xoxb-', ' xoxb-with-spaces '],
  SLACK_APP_TOKEN: ['xapp-1-A1-abcdefgh', 'xoxb-not-an-app-token', 'xapp-'],
  SLACK_SIGNING_SECRET: ['0123456789abcdef0123456789abcdef', 'short'],
  SLACK_API_URL: urls,
  DISCORD_TOKEN: ['MTIzNDU2Nzg5MDEyMzQ1Njc4.abcdef.ghijklmnopqrstuvwxyz', 'short-token'],
  DISCORD_APPLICATION_ID: [SNOWFLAKE, '1234', '12345678901234567890123', 'abc'],
  DISCORD_GUILD_ID: [SNOWFLAKE, '1234', 'abc'],
  DISCORD_API_URL: urls,
};

const value = (name: string): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(POOLS[name] ?? ['x', 'value'])) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, '', '   ') },
    { weight: 2, arbitrary: anyText({ huge: false }) },
    // Secrets with enough text to tell whether they leak into a message.
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('xoxb-', 'xapp-', ''), fc.string({ minLength: 10, maxLength: 40 })).map(([p, s]) => p + s) },
  );

const env: fc.Arbitrary<NodeJS.ProcessEnv> = fc
  .tuple(
    fc.record(Object.fromEntries(VARIABLES.map((v) => [v, value(v)])) as Record<string, fc.Arbitrary<string | undefined>>, { requiredKeys: [] }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('node_env', 'Slack_Bot_Token', 'DISCORD_TOKEN ', 'PATH', 'constructor', 'toString')), anyText({ huge: false }), { maxKeys: 4 }),
  )
  .map(([known, stray]) => ({ ...stray, ...known }));

function attempt(e: NodeJS.ProcessEnv): { config: Config } | { error: ConfigError } {
  try {
    return { config: loadConfig(e) };
  } catch (err) {
    // Anything else than a ConfigError is a crash at start-up without a useful message.
    expect(err, String(err)).toBeInstanceOf(ConfigError);
    return { error: err as ConfigError };
  }
}

/** Variables named at the start of each problem line. */
const named = (e: ConfigError) => e.problems.map((p) => VARIABLES.find((v) => p.startsWith(`${v} `)));

/** Is this variable's own value rejected (its platform's other variables valid, nothing else set)? */
function badAlone(name: string, v: string): boolean {
  const r = attempt({ ...companions(name), [name]: v });
  return 'error' in r && r.error.problems.some((p) => p.startsWith(`${name} `) && !/is missing/.test(p));
}

/**
 * The contract: a sane Config, or a ConfigError that names each bad variable (and only those)
 * and never shows the value of a token or secret.
 */
function check(e: NodeJS.ProcessEnv): void {
  const r = attempt(e);
  if ('config' in r) {
    const c = r.config;
    expect(() => new Intl.DateTimeFormat('en', { timeZone: c.defaultTimezone })).not.toThrow();
    for (const ms of [c.missedRunGraceMs, c.shutdownTimeoutMs]) {
      expect(Number.isSafeInteger(ms), `duration ${ms}`).toBe(true);
      expect(ms).toBeGreaterThanOrEqual(0);
    }
    // The shutdown bound is a timer: past this, Node fires it at once and shutdown does not wait at all.
    expect(c.shutdownTimeoutMs).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(Number.isInteger(c.rateLimitPerMinute) && c.rateLimitPerMinute >= 1).toBe(true);
    return;
  }
  const err = r.error;
  expect(err.problems.length).toBeGreaterThan(0);
  const names = named(err);
  // Every problem names its variable first, and the message lists every problem.
  for (const [i, n] of names.entries()) {
    expect(n, `problem without a variable: ${err.problems[i]}`).toBeDefined();
    expect(err.message).toContain(err.problems[i]!);
  }
  // Every variable that is wrong in itself is named...
  for (const v of VARIABLES) {
    const given = e[v];
    if (given !== undefined && badAlone(v, given)) expect(names, `${v}=${JSON.stringify(given)} not named`).toContain(v);
  }
  // ...and a variable named is either wrong in itself or missing a partner.
  for (const [i, n] of names.entries()) {
    const given = e[n!];
    const missingPartner = /is missing/.test(err.problems[i]!);
    expect(missingPartner || (given !== undefined && badAlone(n!, given)), `${err.problems[i]}`).toBe(true);
  }
  // Never the value of a secret, not even trimmed. A snowman is appended to each secret so that
  // a value that happens to read like the message's own words ("Europe/Tirane") is not mistaken for a leak.
  const marked: NodeJS.ProcessEnv = { ...e };
  for (const s of SECRETS) if (e[s]?.trim()) marked[s] = `${e[s]}\u2603`;
  const again = attempt(marked);
  if ('error' in again) {
    for (const s of SECRETS) {
      const secret = marked[s]?.trim();
      if (secret) expect(again.error.message, `${s} leaked`).not.toContain(secret);
    }
  }
}

describe('loadConfig: random environments', () => {
  it('returns a sane Config or throws a ConfigError that names each bad variable and never shows a secret', () => {
    fc.assert(fc.property(env, check), { numRuns: 300 });
  });

  it('judges each variable on its own value the same way', () => {
    const one = fc.constantFrom(...VARIABLES).chain((name) => value(name).map((v) => ({ ...companions(name), [name]: v })));
    fc.assert(fc.property(one, check), { numRuns: 300 });
  });
});
