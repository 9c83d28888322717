import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { ListenerDeps } from './deps.js';

/**
 * Slack retries an event it thinks was not delivered (HTTP retries carry X-Slack-Retry-Num; Socket
 * Mode redelivers after a reconnect). Each event_id is answered once; Bolt has already acknowledged it.
 */
export function redelivery(deps: ListenerDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, context }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId && !deps.seen.firstTime(eventId)) {
      deps.log.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'ignored a redelivered event');
      return;
    }
    await next();
  };
}
