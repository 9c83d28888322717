import type { CommandDef, Context } from '../../commands/types.js';
import type { Permissions } from './permissions.js';

export interface Who {
  userId: string;
  channelId: string;
  teamId?: string;
  isDirect: boolean;
}

/** Direct-message channel ids start with D. */
export const isDirectChannel = (channelId: string) => channelId.startsWith('D');

/**
 * Whether running this line can depend on the user being allowed to manage schedules.
 * Only then is users.info consulted, so ordinary lookups never wait on the Web API.
 */
export function needsScheduleRights(line: string, catalogue: readonly CommandDef[]): boolean {
  const m = /^\s*\/(\S+)/.exec(line);
  if (!m) return false;
  const command = catalogue.find((c) => c.name === m[1]!.toLowerCase());
  if (!command) return false;
  return command.access === 'schedule-admin' || Boolean(command.subcommands?.some((s) => s.access === 'schedule-admin'));
}

/** The core's view of who is asking, where, from a Slack event or command. */
export async function contextFor(who: Who, line: string, catalogue: readonly CommandDef[], permissions: Permissions): Promise<Context> {
  const canManageSchedules = needsScheduleRights(line, catalogue)
    ? await permissions.canManageSchedules(who.userId)
    : permissions.known(who.userId);
  return {
    platform: 'slack',
    userId: who.userId,
    channelId: who.channelId,
    ...(who.teamId ? { workspaceId: who.teamId } : {}),
    isDirect: who.isDirect,
    canManageSchedules,
  };
}
