import { PermissionFlagsBits, type Message } from 'discord.js';
import type { Context } from '../../commands/types.js';
import { renderReply } from './embeds.js';
import { describeError } from './errors.js';
import type { InteractionDeps } from './interactions.js';
import { replyOptions, sendOptions } from './payload.js';

export type MessageDeps = Omit<InteractionDeps, 'deferAfterMs'>;

/**
 * Plain questions: every DM, and server messages that mention the bot. Without the
 * privileged Message Content intent Discord still sends the text of exactly these.
 */
export async function handleMessage(message: Message, botUserId: string, deps: MessageDeps): Promise<void> {
  if (message.author.bot || message.author.id === botUserId || message.system) return;
  const direct = !message.inGuild();
  if (!direct && !message.mentions.users.has(botUserId)) return;
  // A RESUME can replay messages the previous session already answered.
  if (!deps.seen.firstTime(`message:${message.id}`)) return;

  const text = direct ? message.content : stripMention(message.content, botUserId);
  deps.log.info({ message: message.id, channel: message.channelId, guild: message.guildId ?? undefined, direct }, 'question');
  deps.log.debug({ text }, 'question text');
  try {
    const reply = await deps.bot.handleLine(messageContext(message, deps.scheduleAdmins), text);
    // A channel message cannot be private: everyone sees the answer, so no share button.
    const [first, ...rest] = renderReply(reply, { customId: (a) => deps.buttons.encode(a), isPublic: true });
    if (!first) return;
    await message.reply(replyOptions(first));
    for (const m of rest) {
      if (message.channel.isSendable()) await message.channel.send(sendOptions(m));
      else await message.reply(replyOptions(m));
    }
  } catch (err) {
    deps.log.error({ err: describeError(err, deps.token), message: message.id, channel: message.channelId }, 'could not answer a message');
  }
}

export function stripMention(content: string, botUserId: string): string {
  return content.replace(new RegExp(`<@!?${botUserId}>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

function messageContext(message: Message, admins: readonly string[]): Context {
  if (!message.inGuild()) {
    return { platform: 'discord', userId: message.author.id, channelId: message.channelId, isDirect: true, canManageSchedules: false };
  }
  let manager = admins.includes(message.author.id);
  try {
    manager ||= message.member?.permissionsIn(message.channel).has(PermissionFlagsBits.ManageChannels) ?? false;
  } catch {
    // Member or channel not cached: treat as not a manager rather than guess.
  }
  return { platform: 'discord', userId: message.author.id, channelId: message.channelId, workspaceId: message.guildId, isDirect: false, canManageSchedules: manager };
}
