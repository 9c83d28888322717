import { DiscordAPIError, HTTPError, RateLimitError, Routes, type REST } from 'discord.js';
import type { Reply } from '../../core/briefing/document.js';
import { DeliveryError, type Delivery } from '../../core/schedule/delivery.js';
import { ButtonCodec } from './buttons.js';
import { renderReply } from './embeds.js';
import { ErrorCode } from './errors.js';
import { restBody } from './payload.js';

/** Codes after which retrying the same channel cannot succeed. */
const PERMANENT_CODES = new Set<number>([ErrorCode.UnknownChannel, ErrorCode.UnknownGuild, ErrorCode.MissingAccess, ErrorCode.MissingPermissions]);

/**
 * Scheduled posts over REST only, so they go out even while the gateway is
 * reconnecting. discord.js's REST client already waits out 429s (Retry-After).
 */
export class DiscordDelivery implements Delivery {
  readonly platform = 'discord' as const;

  constructor(
    private readonly rest: REST,
    private readonly buttons: ButtonCodec = new ButtonCodec(),
  ) {}

  async post(channelId: string, reply: Reply): Promise<void> {
    const messages = renderReply({ ...reply, visibility: 'public' }, { customId: (a) => this.buttons.encode(a), isPublic: true });
    for (const m of messages) {
      try {
        await this.rest.post(Routes.channelMessages(channelId), { body: restBody(m) });
      } catch (err) {
        throw toDeliveryError(err);
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
