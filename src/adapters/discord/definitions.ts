import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDef, CommandSpec, OptionSpec } from '../../commands/types.js';
import { truncate } from './text.js';

export type CommandJSON = RESTPostAPIChatInputApplicationCommandsJSONBody;

const DESCRIPTION_MAX = 100;
const CHOICES_MAX = 25;
const STRING_MAX = 6_000;

/**
 * Discord application commands generated from the catalogue, so the slash menu always
 * matches what the bot accepts. Hidden options (paging) stay out: buttons supply them.
 */
export function commandDefinitions(catalogue: CommandDef[]): CommandJSON[] {
  return catalogue.map((c) => {
    const json: CommandJSON = { type: ApplicationCommandType.ChatInput, name: commandName(c.name), description: describe(c.description) };
    if (c.subcommands) {
      json.options = c.subcommands.map(
        (s): APIApplicationCommandSubcommandOption => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: commandName(s.name),
          description: describe(s.description),
          options: options(s),
        }),
      );
    } else {
      json.options = options(c);
    }
    // Discord only lets a permission default be set per top-level command, so any
    // admin subcommand puts the whole command behind Manage Channels by default;
    // the adapter still checks each use at run time.
    const admin = c.access === 'schedule-admin' || c.subcommands?.some((s) => s.access === 'schedule-admin');
    if (admin) json.default_member_permissions = PermissionFlagsBits.ManageChannels.toString();
    return json;
  });
}

function options(spec: CommandSpec): APIApplicationCommandBasicOption[] {
  const visible = spec.options.filter((o) => !o.hidden);
  // Discord rejects a required option after an optional one.
  const ordered = [...visible.filter((o) => o.required), ...visible.filter((o) => !o.required)];
  return ordered.map(option);
}

function option(o: OptionSpec): APIApplicationCommandBasicOption {
  const base = { name: commandName(o.name), description: describe(o.description), ...(o.required ? { required: true } : {}) };
  if (o.type === 'integer') {
    return {
      ...base,
      type: ApplicationCommandOptionType.Integer,
      ...(o.min !== undefined ? { min_value: o.min } : {}),
      ...(o.max !== undefined ? { max_value: o.max } : {}),
    };
  }
  // Discord does not allow choices and autocomplete on the same option: fixed choices win.
  if (o.choices?.length) {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      choices: o.choices.slice(0, CHOICES_MAX).map((value) => ({ name: truncate(value, 100), value: value.slice(0, 100) })),
    };
  }
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(o.maxLength !== undefined ? { max_length: Math.min(o.maxLength, STRING_MAX) } : {}),
    ...(o.complete ? { autocomplete: true } : {}),
  };
}

function describe(text: string): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), DESCRIPTION_MAX) || '-';
}

/** Discord names: lowercase, 1–32 of letters, digits, - and _. */
function commandName(name: string): string {
  const clean = name.toLowerCase().replace(/[^-_\p{L}\p{N}]/gu, '-').slice(0, 32);
  if (!clean) throw new Error(`"${name}" cannot be a Discord command or option name`);
  return clean;
}
