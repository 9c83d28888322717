import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderReply } from '../../blocks.js';
import { contextFor } from '../../context.js';
import { postAnswer } from '../../delivery.js';
import { safeError } from '../../log.js';
import { fromSlackText } from '../../text.js';
import type { ListenerDeps } from '../deps.js';

type Args = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/**
 * A plain message in a direct conversation with the bot: answered in the same conversation
 * (and thread, if any), so follow-up questions keep their context. Edits, bot posts and the
 * bot's own messages are ignored.
 */
export function directMessage(deps: ListenerDeps) {
  return async ({ event, client, context }: Args): Promise<void> => {
    if (event.channel_type !== 'im') return;
    if (event.subtype !== undefined) return;
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    const text = fromSlackText(event.text ?? '').trim();
    deps.log.info({ userId: event.user, channelId: event.channel }, 'direct message');
    deps.log.debug({ text }, 'direct message text');
    const who = { userId: event.user, channelId: event.channel, teamId: context.teamId, isDirect: true };
    const ctx = await contextFor(who, text, deps.bot.catalogue, deps.permissions);
    const reply = await deps.bot.handleLine(ctx, text);
    try {
      await postAnswer(client, event.channel, renderReply(reply, { shareable: false }), event.thread_ts);
    } catch (err) {
      deps.log.warn({ channelId: event.channel, err: safeError(err) }, 'could not answer a direct message');
    }
  };
}
