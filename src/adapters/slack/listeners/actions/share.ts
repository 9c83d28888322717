import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { errorReply } from '../../../../core/briefing/document.js';
import { renderReply } from '../../blocks.js';
import { contextFor } from '../../context.js';
import { postMessage } from '../../delivery.js';
import { safeError } from '../../log.js';
import { responseBody } from '../../respond.js';
import type { ListenerDeps } from '../deps.js';
import { clicked } from './clicked.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * "Share in channel": re-runs the command and posts the result for everyone, naming who shared it.
 * It goes through the click's response_url first, which works in any channel the command could be
 * used in (the bot need not be a member) and in both HTTP and Socket Mode; chat.postMessage is the
 * fallback for an expired response_url.
 */
export function share(deps: ListenerDeps) {
  return async ({ ack, body, action, respond, client }: Args): Promise<void> => {
    await ack();
    const click = clicked(body, action);
    if (!click) return;
    deps.log.info({ userId: click.who.userId, channelId: click.who.channelId }, 'share');
    const ctx = await contextFor(click.who, click.value.c, deps.bot.catalogue, deps.permissions);
    const reply = await deps.bot.handleLine(ctx, click.value.c);
    if (reply.tone === 'error') {
      await respond({ ...responseBody(reply), response_type: 'ephemeral', replace_original: false }).catch(() => {});
      return;
    }
    const message = renderReply({ ...reply, visibility: 'public' }, { shareable: false, sharedBy: click.who.userId });
    try {
      await respond({ response_type: 'in_channel', replace_original: false, text: message.text, blocks: message.blocks });
      return;
    } catch (err) {
      deps.log.info({ err: safeError(err) }, 'response_url refused the shared reply; posting it instead');
    }
    try {
      await postMessage(client, click.who.channelId, message);
    } catch (err) {
      deps.log.warn({ channelId: click.who.channelId, err: safeError(err) }, 'could not share a reply');
      const sorry = errorReply('I could not post in this channel.', 'Invite me to the channel (/invite) and try again.');
      await respond({ ...responseBody(sorry), response_type: 'ephemeral', replace_original: false }).catch(() => {});
    }
  };
}
