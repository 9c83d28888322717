import { DiscordAPIError, HTTPError, RateLimitError, Routes, type REST } from 'discord.js';
import type { Reply } from '../../core/briefing/document.js';
import { DeliveryError, type Delivery } from '../../core/schedule/delivery.js';
import { ButtonCodec } from './buttons.js';
import { renderReply } from './embeds.js';
import { ErrorCode } from './errors.js';
import { restBody } from './payload.js';

/** Rate limits waited out on the second and later messages of one post. */
const MAX_CONTINUATION_WAITS = 10;

/** Codes after which retrying the same channel cannot succeed. */
const PERMANENT_CODES = new Set<number>([ErrorCode.UnknownChannel, ErrorCode.UnknownGuild, ErrorCode.MissingAccess, ErrorCode.MissingPermissions]);

/**
 * Scheduled posts over REST only, so they go out even while the gateway is
 * reconnecting. Given a REST client that rejects rate limits (deliveryRest), a 429
 * becomes a DeliveryError with its Retry-After for the scheduler to wait out.
 */
export class DiscordDelivery implements Delivery {
  readonly platform = 'discord' as const;

  constructor(
    private readonly rest: REST,
    private readonly buttons: ButtonCodec = new ButtonCodec(),
  ) {}

  async post(channelId: string, reply: Reply): Promise<void> {
    const messages = renderReply({ ...reply, visibility: 'public' }, { customId: (a) => this.buttons.encode(a), isPublic: true });
    for (const [i, m] of messages.entries()) {
      for (let waits = 0; ; waits++) {
        try {
          await this.rest.post(Routes.channelMessages(channelId), { body: restBody(m) });
          break;
        } catch (err) {
          // Once the first message is out, trying the whole post again would repeat it: a rate
          // limit on a later message is waited out here instead, a bounded number of times.
          if (i > 0 && err instanceof RateLimitError && waits < MAX_CONTINUATION_WAITS) {
            await new Promise((resolve) => setTimeout(resolve, err.retryAfter));
            continue;
          }
          throw toDeliveryError(err);
        }
      }
    }
  }
}

export function toDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DiscordAPIError) {
    const permanent = (typeof err.code === 'number' && PERMANENT_CODES.has(err.code)) || err.status === 401 || err.status === 403 || err.status === 404;
    return new DeliveryError(`Discord refused the post (HTTP ${err.status}, code ${err.code}): ${err.message}`, permanent);
  }
  if (err instanceof RateLimitError) return new DeliveryError('Discord rate limit', false, err.retryAfter);
  if (err instanceof HTTPError) {
    return new DeliveryError(`Discord answered HTTP ${err.status}`, err.status === 401);
  }
  // After a 401 discord.js drops the token, and every later request fails before reaching Discord.
  if (err instanceof Error && /Expected token to be set/.test(err.message)) {
    return new DeliveryError('Discord rejected the bot token earlier; restart with a valid DISCORD_TOKEN', true);
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new DeliveryError(`Could not reach Discord (${message})`, false);
}
