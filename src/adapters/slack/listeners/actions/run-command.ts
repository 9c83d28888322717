import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { contextFor } from '../../context.js';
import { safeError } from '../../log.js';
import { responseBody } from '../../respond.js';
import type { ListenerDeps } from '../deps.js';
import { clicked } from './clicked.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * More, Next page, Sources: runs the command the button carries and shows the result to the
 * person who clicked, as a new ephemeral message (the original may be a public post).
 */
export function runCommand(deps: ListenerDeps) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const click = clicked(body, action);
    if (!click) return;
    deps.log.info({ kind: click.value.k, userId: click.who.userId, channelId: click.who.channelId }, 'button');
    const ctx = await contextFor(click.who, click.value.c, deps.bot.catalogue, deps.permissions);
    const reply = await deps.bot.action(ctx, { kind: click.value.k, command: click.value.c });
    try {
      await respond({ ...responseBody(reply), response_type: 'ephemeral', replace_original: false });
    } catch (err) {
      deps.log.warn({ kind: click.value.k, err: safeError(err) }, 'could not answer a button');
    }
  };
}
