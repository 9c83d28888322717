import { Routes, type REST } from 'discord.js';
import type { CommandJSON } from './definitions.js';

export interface SyncOptions {
  rest: REST;
  applicationId: string;
  /** Registers in one server (instant, for development) instead of globally. */
  guildId?: string;
}

export type SyncResult = 'unchanged' | 'updated';

/**
 * Registers the slash commands, but only when they differ from what Discord already
 * has: a bulk overwrite on every restart would run into Discord's daily command
 * creation limit and briefly reset the command menu for everyone.
 */
export async function syncCommands(definitions: CommandJSON[], opts: SyncOptions): Promise<SyncResult> {
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  const existing = (await opts.rest.get(route)) as unknown[];
  if (sameCommands(existing, definitions)) return 'unchanged';
  await opts.rest.put(route, { body: definitions });
  return 'updated';
}

export function sameCommands(a: readonly unknown[], b: readonly unknown[]): boolean {
  return JSON.stringify(normalizeAll(a)) === JSON.stringify(normalizeAll(b));
}

type Raw = Record<string, unknown>;

/**
 * Both sides in one canonical shape: only the fields this adapter sets, with Discord's
 * defaults filled in, and without what Discord adds (ids, versions, localizations, contexts).
 */
function normalizeAll(list: readonly unknown[]) {
  return list
    .map((c) => normalizeCommand(c as Raw))
    .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.type - y.type));
}

function normalizeCommand(c: Raw) {
  return {
    name: String(c.name ?? ''),
    type: Number(c.type ?? 1),
    description: String(c.description ?? ''),
    default_member_permissions: c.default_member_permissions == null ? null : String(c.default_member_permissions),
    nsfw: Boolean(c.nsfw ?? false),
    options: normalizeOptions(c.options),
  };
}

function normalizeOptions(options: unknown): unknown[] {
  if (!Array.isArray(options)) return [];
  return options.map((o: Raw) => ({
    type: Number(o.type),
    name: String(o.name ?? ''),
    description: String(o.description ?? ''),
    required: Boolean(o.required ?? false),
    autocomplete: Boolean(o.autocomplete ?? false),
    choices: Array.isArray(o.choices) ? o.choices.map((ch: Raw) => ({ name: ch.name, value: ch.value })) : [],
    min_value: o.min_value ?? null,
    max_value: o.max_value ?? null,
    min_length: o.min_length ?? null,
    max_length: o.max_length ?? null,
    channel_types: Array.isArray(o.channel_types) ? o.channel_types : [],
    options: normalizeOptions(o.options),
  }));
}
