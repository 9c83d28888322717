import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { contextFor } from '../../context.js';
import { safeError } from '../../log.js';
import { responseBody } from '../../respond.js';
import type { ListenerDeps } from '../deps.js';
import { clicked } from './clicked.js';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** 👍/👎: recorded by the bot's feedback sink; the clicker alone sees the thanks. */
export function feedback(deps: ListenerDeps) {
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    const click = clicked(body, action);
    if (!click || (click.value.k !== 'feedback-up' && click.value.k !== 'feedback-down')) return;
    deps.log.info({ kind: click.value.k, userId: click.who.userId }, 'feedback');
    const ctx = await contextFor(click.who, '', deps.bot.catalogue, deps.permissions);
    const reply = await deps.bot.action(ctx, { kind: click.value.k, command: click.value.c });
    try {
      await respond({ ...responseBody(reply), response_type: 'ephemeral', replace_original: false });
    } catch (err) {
      deps.log.warn({ err: safeError(err) }, 'could not thank for feedback');
    }
  };
}
