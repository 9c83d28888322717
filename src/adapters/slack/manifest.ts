import type { CommandDef, CommandSpec } from '../../commands/types.js';
import { usage } from '../../commands/usage.js';
import { truncate } from './text.js';

export const EVENTS_PATH = '/slack/events';

export type ManifestMode = { socket: true } | { socket: false; requestUrl: string };

/**
 * The bot scopes the adapter actually uses: slash commands; posting answers, shared replies and
 * scheduled briefings (public channels without joining too); reading DMs and mentions; and
 * users.info for the workspace-admin check on /schedule.
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'im:history', 'app_mentions:read', 'users:read'] as const;
export const BOT_EVENTS = ['app_mention', 'message.im'] as const;

/** Manifest limits (https://docs.slack.dev/reference/app-manifest). */
const LIMITS = { name: 35, description: 140, longDescription: 4000, command: 32, commandDescription: 2000, usageHint: 1000 };
/** Slack shows command descriptions and hints on one line in the picker: keep them short. */
const SHOWN = { commandDescription: 100, usageHint: 100 };

const LONG_DESCRIPTION =
  'casebrief briefs your team on a case, with sources. Use /brief for the overview or a topic, /ask for a question in plain ' +
  'language, /timeline for dated events, /actor and /glossary for people, groups and terms, and /sources for what every ' +
  'statement rests on. Every answer carries numbered citations, and lookups are shown only to you until you share them. ' +
  'Ask in a direct message or mention the bot in a channel, and subscribe a channel to scheduled briefings with /schedule.';

/** The usage hint shown beside a command: its options, or its subcommands. */
export function usageHint(command: CommandDef): string {
  const strip = (spec: CommandSpec, prefix: string) => usage(spec, prefix).slice(`/${prefix}${spec.name}`.length).trim();
  // Subcommands list only their required options, so all of them fit on the picker's one line.
  const hint = command.subcommands
    ? command.subcommands.map((s) => [s.name, ...s.options.filter((o) => o.required && !o.hidden).map((o) => `<${o.name}>`)].join(' ')).join(' | ')
    : strip(command, '');
  return truncate(hint, SHOWN.usageHint);
}

/** A Slack app manifest (JSON) generated from the command catalogue. */
export function slackManifest(catalogue: readonly CommandDef[], mode: ManifestMode, name = 'casebrief'): Record<string, unknown> {
  const url = mode.socket ? undefined : eventsUrl(mode.requestUrl);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: truncate(name, LIMITS.name),
      description: truncate('Briefs your team on a case, with sources for every statement.', LIMITS.description),
      long_description: truncate(LONG_DESCRIPTION, LIMITS.longDescription),
      background_color: '#1f3a5f',
    },
    features: {
      app_home: { home_tab_enabled: false, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: truncate(name, 80), always_online: true },
      slash_commands: catalogue.map((c) => ({
        command: truncate(`/${c.name}`, LIMITS.command),
        description: truncate(c.description, Math.min(SHOWN.commandDescription, LIMITS.commandDescription)),
        ...(usageHint(c) ? { usage_hint: usageHint(c) } : {}),
        should_escape: false,
        ...(url ? { url } : {}),
      })),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: mode.socket,
      token_rotation_enabled: false,
    },
  };
}

/** The events endpoint for a public base URL: given as is if it names a path, else with /slack/events. */
export function eventsUrl(requestUrl: string): string {
  const u = new URL(requestUrl);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('the request URL must be an https:// URL');
  if (u.pathname === '/' || u.pathname === '') u.pathname = EVENTS_PATH;
  return u.toString();
}
