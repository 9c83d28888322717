import type { Platform } from '../../commands/types.js';
import type { Reply } from '../briefing/document.js';

/**
 * Posting a reply to a channel through a platform's REST API, independent of any
 * gateway or socket session. Each adapter provides one; the scheduler uses them.
 */
export interface Delivery {
  readonly platform: Platform;
  post(channelId: string, reply: Reply): Promise<void>;
}

/** A failed post. `permanent` means retrying cannot help (channel gone, bot removed, no access). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}
