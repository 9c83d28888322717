import { LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const TOKEN = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;
// The legacy verification token travels in every request body Bolt logs at debug level.
const TOKEN_FIELD = /("token"\s*:\s*")[^"]*(")|(\btoken=)[^&\s]+/g;

/** Removes anything that looks like a Slack token, and the given secrets, from a log line. */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(TOKEN, '[redacted]').replace(TOKEN_FIELD, (_m, a?: string, b?: string, c?: string) => (c ? `${c}[redacted]` : `${a}[redacted]${b}`));
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join('[redacted]');
  return out;
}

function describe(part: unknown): string {
  if (part instanceof Error) return safeError(part).message;
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

/**
 * Bolt, its receivers and its Web API client log through this. They log request bodies
 * (message text) at debug level only; every line is scrubbed of tokens and secrets.
 */
export function boltLogger(log: Logger, secrets: readonly string[]): BoltLogger {
  const child = log.child({ component: 'slack' });
  const line = (msg: unknown[]) => scrub(msg.map(describe).join(' '), secrets);
  return {
    debug: (...msg: unknown[]) => child.isLevelEnabled('debug') && child.debug(line(msg)),
    info: (...msg: unknown[]) => child.info(line(msg)),
    warn: (...msg: unknown[]) => child.warn(line(msg)),
    error: (...msg: unknown[]) => child.error(line(msg)),
    setLevel: () => {},
    getLevel: () => {
      if (child.isLevelEnabled('debug')) return LogLevel.DEBUG;
      if (child.isLevelEnabled('info')) return LogLevel.INFO;
      if (child.isLevelEnabled('warn')) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}

/** What may be logged about an error from Slack: its kind and Slack's error code, never request details. */
export function safeError(err: unknown): { message: string; code?: string; status?: number } {
  if (err instanceof webApi.WebAPIPlatformError) return { message: `Slack API error: ${err.data.error}`, code: err.data.error };
  if (err instanceof webApi.WebAPIRateLimitedError) return { message: `rate limited, retry after ${err.retryAfter}s`, code: 'ratelimited' };
  if (err instanceof webApi.WebAPIHTTPError) return { message: `HTTP ${err.statusCode} from Slack`, status: err.statusCode };
  if (err instanceof webApi.WebAPIRequestError) return { message: `request to Slack failed: ${scrub(err.original.message)}` };
  if (err instanceof Error) {
    const code: unknown = (err as Error & { code?: unknown }).code;
    return { message: scrub(err.message), ...(typeof code === 'string' ? { code } : {}) };
  }
  return { message: scrub(String(err)) };
}
