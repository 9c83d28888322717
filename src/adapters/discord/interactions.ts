import {
  ApplicationCommandOptionType,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type RepliableInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import type { Bot } from '../../bot.js';
import type { Args, CommandSpec, Context } from '../../commands/types.js';
import { noticeReply, type Reply } from '../../core/briefing/document.js';
import type { SeenIds } from '../../core/dedupe.js';
import type { ButtonCodec } from './buttons.js';
import { renderReply } from './embeds.js';
import { describeError, isStaleInteraction } from './errors.js';
import { interactionOptions, NO_PINGS } from './payload.js';
import { truncate } from './text.js';

export interface InteractionDeps {
  bot: Bot;
  log: Logger;
  buttons: ButtonCodec;
  seen: SeenIds;
  /** User ids that may manage schedules anywhere in a server (SCHEDULE_ADMINS). */
  scheduleAdmins: readonly string[];
  /** Discord drops an interaction not acknowledged within 3 s; slower work is deferred after this. */
  deferAfterMs: number;
  token: string;
}

/** Who answers: as the reply asks (lookups private), only the clicker, or the whole channel. */
type Audience = 'as-reply' | 'private' | 'public';

export async function handleInteraction(i: Interaction, deps: InteractionDeps): Promise<void> {
  // A RESUME can replay an interaction the previous session already answered.
  if (!deps.seen.firstTime(`interaction:${i.id}`)) return;
  try {
    if (i.isChatInputCommand()) await slashCommand(i, deps);
    else if (i.isAutocomplete()) await autocomplete(i, deps);
    else if (i.isButton()) await button(i, deps);
  } catch (err) {
    if (isStaleInteraction(err)) deps.log.warn({ err: describeError(err, deps.token), interaction: i.id }, 'interaction expired or already answered; skipped');
    else deps.log.error({ err: describeError(err, deps.token), interaction: i.id }, 'could not answer an interaction');
  }
}

export function interactionContext(i: Interaction, admins: readonly string[]): Context {
  const inGuild = Boolean(i.guildId);
  const manager = i.memberPermissions?.has(PermissionFlagsBits.ManageChannels) === true || admins.includes(i.user.id);
  return {
    platform: 'discord',
    userId: i.user.id,
    channelId: i.channelId ?? i.user.id,
    ...(i.guildId ? { workspaceId: i.guildId } : {}),
    isDirect: !inGuild,
    // Schedules belong to server channels; a DM has nothing to manage.
    canManageSchedules: inGuild && manager,
  };
}

async function slashCommand(i: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const { sub, args } = commandArgs(i);
  deps.log.info({ command: i.commandName, sub, user: i.user.id, guild: i.guildId ?? undefined }, 'slash command');
  deps.log.debug({ args }, 'slash command options');
  await answer(i, deps.bot.execute(interactionContext(i, deps.scheduleAdmins), i.commandName, sub, args), 'as-reply', deps);
}

/** Typed option values as the bot's Args; a subcommand's options sit one level down. */
export function commandArgs(i: ChatInputCommandInteraction): { sub?: string; args: Args } {
  let data = i.options.data;
  let sub: string | undefined;
  const first = data[0];
  if (first?.type === ApplicationCommandOptionType.Subcommand) {
    sub = first.name;
    data = first.options ?? [];
  }
  const args: Args = {};
  for (const o of data) {
    if (typeof o.value === 'string' || typeof o.value === 'number') args[o.name] = o.value;
  }
  return { sub, args };
}

async function autocomplete(i: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = i.options.getFocused(true);
  const command = deps.bot.catalogue.find((c) => c.name === i.commandName);
  const subName = i.options.getSubcommand(false);
  const spec: CommandSpec | undefined = subName ? command?.subcommands?.find((s) => s.name === subName) : command;
  const kind = spec?.options.find((o) => o.name === focused.name)?.complete;
  const choices = kind ? deps.bot.complete(kind, String(focused.value ?? '')) : [];
  await i.respond(
    choices
      .filter((c) => c.value.length > 0 && c.value.length <= 100)
      .slice(0, 25)
      .map((c) => ({ name: truncate(c.name, 100) || c.value, value: c.value })),
  );
}

async function button(i: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const press = deps.buttons.decode(i.customId);
  if (!press) return;
  deps.log.info({ button: press.kind, user: i.user.id, guild: i.guildId ?? undefined }, 'button');
  if ('expired' in press) {
    await answer(i, Promise.resolve(noticeReply('This button has expired. Please run the command again.')), 'private', deps);
    return;
  }
  const work = deps.bot.action(interactionContext(i, deps.scheduleAdmins), press);
  await answer(i, work, press.kind === 'share' ? 'public' : 'private', deps);
}

/**
 * Answers within Discord's 3 seconds: directly when the work is quick, otherwise
 * deferred first ("thinking…") and edited when the reply is ready.
 */
async function answer(i: RepliableInteraction, work: Promise<Reply>, audience: Audience, deps: InteractionDeps): Promise<void> {
  let reply = await within(work, deps.deferAfterMs);
  if (!reply) {
    // Most replies are private lookups, so the placeholder is too; a public result replaces it below.
    await i.deferReply(audience === 'public' ? {} : { flags: MessageFlags.Ephemeral });
    reply = await work;
  }
  const ephemeral = audience === 'private' || (audience === 'as-reply' && reply.visibility === 'private');
  const [first, ...rest] = renderReply(reply, { customId: (a) => deps.buttons.encode(a), isPublic: !ephemeral });
  if (!first) return;
  if (!i.deferred) {
    await i.reply(interactionOptions(first, ephemeral));
  } else if (i.ephemeral === ephemeral) {
    await i.editReply({ content: first.content ?? '', embeds: first.embeds, components: first.components, allowedMentions: NO_PINGS });
  } else {
    await i.deleteReply();
    await i.followUp(interactionOptions(first, ephemeral));
  }
  for (const m of rest) await i.followUp(interactionOptions(m, ephemeral));
}

/** The promise's value if it settles within `ms`, otherwise undefined (the work keeps running). */
function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
