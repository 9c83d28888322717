import { MessageFlags, type InteractionReplyOptions, type MessageCreateOptions, type MessageReplyOptions, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { DiscordMessage } from './embeds.js';

/**
 * Nothing the bot posts may ping anyone: not @everyone/@here, not a role, not a user,
 * not even the person it replies to. Every send path goes through these helpers.
 */
export const NO_PINGS = { parse: [] as [], repliedUser: false };

function parts(m: DiscordMessage) {
  return { ...(m.content ? { content: m.content } : {}), embeds: m.embeds, components: m.components };
}

export function interactionOptions(m: DiscordMessage, ephemeral: boolean): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return { ...parts(m), allowedMentions: NO_PINGS, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) };
}

export function replyOptions(m: DiscordMessage): MessageReplyOptions {
  return { ...parts(m), allowedMentions: NO_PINGS, failIfNotExists: false };
}

export function sendOptions(m: DiscordMessage): MessageCreateOptions {
  return { ...parts(m), allowedMentions: NO_PINGS };
}

/** The REST body for POST /channels/:id/messages. */
export function restBody(m: DiscordMessage): RESTPostAPIChannelMessageJSONBody {
  return { ...parts(m), allowed_mentions: { parse: [] } };
}
