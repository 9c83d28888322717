import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { contextFor, isDirectChannel } from '../../context.js';
import { safeError } from '../../log.js';
import { responseBody, within } from '../../respond.js';
import { fromSlackText } from '../../text.js';
import type { ListenerDeps } from '../deps.js';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/name text` for one catalogue command. The bot runs in-process and is fast, so the reply
 * normally goes back in the acknowledgement itself; if it is not ready in time, the command is
 * acknowledged empty (inside Slack's 3 s) and the reply follows through response_url.
 */
export function catalogueCommand(name: string, deps: ListenerDeps) {
  return async ({ command, ack, respond }: Args): Promise<void> => {
    const text = fromSlackText(command.text ?? '').trim();
    const line = text ? `/${name} ${text}` : `/${name}`;
    deps.log.info({ command: name, userId: command.user_id, channelId: command.channel_id }, 'slash command');
    deps.log.debug({ command: name, text }, 'slash command text');
    const work = (async () => {
      const who = {
        userId: command.user_id,
        channelId: command.channel_id,
        teamId: command.team_id,
        isDirect: command.channel_name === 'directmessage' || isDirectChannel(command.channel_id),
      };
      const ctx = await contextFor(who, line, deps.bot.catalogue, deps.permissions);
      return responseBody(await deps.bot.handleLine(ctx, line));
    })();
    const quick = await within(work, deps.ackWithinMs);
    if (quick) {
      await ack(quick);
      return;
    }
    await ack();
    try {
      await respond(await work);
    } catch (err) {
      deps.log.warn({ command: name, err: safeError(err) }, 'could not send a late slash command reply');
    }
  };
}
