import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/** Discord JSON error codes the adapter reacts to. */
export const ErrorCode = {
  UnknownChannel: 10003,
  UnknownGuild: 10004,
  UnknownInteraction: 10062,
  MissingAccess: 50001,
  MissingPermissions: 50013,
  AlreadyAcknowledged: 40060,
} as const;

/** The interaction timed out (3 s / 15 min) or another handler answered it: nothing left to do. */
export function isStaleInteraction(err: unknown): boolean {
  return err instanceof DiscordAPIError && (err.code === ErrorCode.UnknownInteraction || err.code === ErrorCode.AlreadyAcknowledged);
}

/** Interaction and webhook routes carry a per-interaction token in the path; the bot token is removed wherever it appears. */
function scrubText(text: string, secret?: string): string {
  let out = text
    .replace(/(\/interactions\/\d+\/)[^/?\s]+/g, '$1:token')
    .replace(/(\/webhooks\/\d+\/)[^/?\s]+/g, '$1:token')
    .replace(/(Bot|Bearer)\s+[\w.-]{20,}/g, '$1 [redacted]');
  if (secret) out = out.split(secret).join('[redacted]');
  return out;
}

/**
 * A log-safe summary of an error: code, status, method and route with tokens removed.
 * Never the raw error object, whose request data can include tokens.
 */
export function describeError(err: unknown, token?: string): Record<string, unknown> {
  const scrub = (text: string) => scrubText(text, token);
  if (err instanceof DiscordAPIError) {
    return { name: err.name, code: err.code, status: err.status, method: err.method, path: scrub(pathOf(err.url)), message: scrub(err.message) };
  }
  if (err instanceof HTTPError) {
    return { name: err.name, status: err.status, method: err.method, path: scrub(pathOf(err.url)), message: scrub(err.message) };
  }
  if (err instanceof RateLimitError) {
    return { name: err.name, retryAfterMs: err.retryAfter, route: scrub(err.route), global: err.global };
  }
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { name: err.name, ...(code !== undefined ? { code: String(code) } : {}), message: scrub(err.message) };
  }
  return { message: scrub(String(err)) };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
