import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { renderReply } from '../../blocks.js';
import { contextFor, isDirectChannel } from '../../context.js';
import { postAnswer } from '../../delivery.js';
import { safeError } from '../../log.js';
import { fromSlackText } from '../../text.js';
import type { ListenerDeps } from '../deps.js';

type Args = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

/** The question without the mention of the bot that carried it ("<@B1> who did it?" → "who did it?"). */
export function stripMention(text: string, botUserId?: string): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>[\\s:,]*`, 'g') : /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>[\s:,]*/;
  return text.replace(own, ' ').trim();
}

/** A mention in a channel: answered in a thread under it, visible to the channel. */
export function appMention(deps: ListenerDeps) {
  return async ({ event, client, context, body }: Args): Promise<void> => {
    if (event.bot_id || !event.user || event.user === context.botUserId) return;
    const text = fromSlackText(stripMention(event.text ?? '', context.botUserId)).trim();
    deps.log.info({ userId: event.user, channelId: event.channel }, 'mention');
    deps.log.debug({ text }, 'mention text');
    const who = { userId: event.user, channelId: event.channel, teamId: context.teamId ?? body.team_id, isDirect: isDirectChannel(event.channel) };
    const ctx = await contextFor(who, text, deps.bot.catalogue, deps.permissions);
    const reply = await deps.bot.handleLine(ctx, text);
    try {
      await postAnswer(client, event.channel, renderReply(reply, { shareable: false }), event.thread_ts ?? event.ts);
    } catch (err) {
      deps.log.warn({ channelId: event.channel, err: safeError(err) }, 'could not answer a mention');
    }
  };
}
