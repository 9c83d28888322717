import type { RespondArguments } from '@slack/bolt';
import type { Reply } from '../../core/briefing/document.js';
import { renderReply, type RenderOptions } from './blocks.js';

/** A reply as a slash-command or response_url body: lookups ephemeral, public replies in the channel. */
export function responseBody(reply: Reply, opts: RenderOptions = {}): RespondArguments {
  const message = renderReply(reply, opts);
  return { response_type: reply.visibility === 'public' ? 'in_channel' : 'ephemeral', text: message.text, blocks: message.blocks };
}

/** The value of `work` if it settles within `ms`, else undefined (the work carries on). */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
