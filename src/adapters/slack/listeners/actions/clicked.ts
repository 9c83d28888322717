import type { BlockAction, ButtonAction } from '@slack/bolt';
import { decodeValue, type ButtonValue } from '../../buttons.js';
import { isDirectChannel, type Who } from '../../context.js';

/** Who clicked where, and what the button carries; undefined for a click we cannot act on. */
export function clicked(body: BlockAction, action: ButtonAction): { who: Who; value: ButtonValue } | undefined {
  const value = decodeValue(action.value);
  const channelId = body.channel?.id ?? body.container?.channel_id;
  if (!value || !channelId) return undefined;
  return {
    who: { userId: body.user.id, channelId, teamId: body.team?.id ?? body.user.team_id, isDirect: isDirectChannel(channelId) },
    value,
  };
}
