import { webApi } from '@slack/bolt';
import type { Reply } from '../../core/briefing/document.js';
import { DeliveryError, type Delivery } from '../../core/schedule/delivery.js';
import { renderReply, type SlackMessage } from './blocks.js';
import { safeError } from './log.js';

/** Slack error codes after which posting to that channel cannot succeed without someone's intervention. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'restricted_action',
  'team_access_not_granted',
  'ekm_access_denied',
]);

/** When Slack says "rate limited" without saying for how long. */
export const DEFAULT_RETRY_AFTER_MS = 30_000;

/** Posts a rendered message; link previews off, since every reply carries its own source links. */
export async function postMessage(client: webApi.WebClient, channel: string, message: SlackMessage, threadTs?: string): Promise<void> {
  await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}

/**
 * Posts an answer someone is waiting for (a direct message or a mention). The client passes rate
 * limits up instead of waiting, which suits scheduled posts (the scheduler waits and counts); for
 * an answer nobody else would try again, so a short Retry-After is waited out, a few times at most.
 */
export async function postAnswer(client: webApi.WebClient, channel: string, message: SlackMessage, threadTs?: string, limits = { tries: 3, maxWaitMs: 30_000 }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await postMessage(client, channel, message, threadTs);
      return;
    } catch (err) {
      const waitMs = err instanceof webApi.WebAPIRateLimitedError ? Math.max(1, err.retryAfter) * 1000 : undefined;
      if (waitMs === undefined || attempt >= limits.tries || waitMs > limits.maxWaitMs) throw err;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

/** Scheduled posts through the Web API, whatever the receiver (HTTP or Socket Mode). */
export class SlackDelivery implements Delivery {
  readonly platform = 'slack' as const;

  constructor(private readonly client: webApi.WebClient) {}

  async post(channelId: string, reply: Reply): Promise<void> {
    try {
      await postMessage(this.client, channelId, renderReply(reply, { shareable: false }));
    } catch (err) {
      throw toDeliveryError(err);
    }
  }
}

/** Maps a Web API failure to the scheduler's terms: give up, or retry (after how long, if Slack said). */
export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const { message } = safeError(err);
  if (err instanceof webApi.WebAPIRateLimitedError) return new DeliveryError(`Slack: ${message}`, false, Math.max(1, err.retryAfter) * 1000);
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    if (code === 'ratelimited' || code === 'rate_limited') return new DeliveryError(`Slack: ${code}`, false, DEFAULT_RETRY_AFTER_MS);
    return new DeliveryError(`Slack: ${code}`, PERMANENT.has(code));
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    if (err.statusCode === 429) return new DeliveryError(`Slack: ${message}`, false, retryAfterHeader(err.headers) ?? DEFAULT_RETRY_AFTER_MS);
    return new DeliveryError(`Slack: ${message}`, false);
  }
  // A 429 without a usable Retry-After reaches us as a plain Error from the client's retry loop.
  if (err instanceof Error && /rate limit|retry header/i.test(err.message)) return new DeliveryError(`Slack: ${message}`, false, DEFAULT_RETRY_AFTER_MS);
  return new DeliveryError(`Slack: ${message}`, false);
}

function retryAfterHeader(headers: Record<string, string>): number | undefined {
  const v = Number(headers['retry-after']);
  return Number.isFinite(v) && v >= 0 ? v * 1000 : undefined;
}
