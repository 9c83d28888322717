import type { Briefing } from '../core/briefing/briefing.js';
import type { Reply } from '../core/briefing/document.js';

export type Platform = 'console' | 'slack' | 'discord';

/** Who is asking, where: filled in by the adapter from the platform event. */
export interface Context {
  platform: Platform;
  userId: string;
  channelId: string;
  /** Slack team or Discord guild; absent in the console and in Discord DMs. */
  workspaceId?: string;
  isDirect: boolean;
  /** Decided by the adapter from platform roles (Manage Channels, workspace admin, SCHEDULE_ADMINS). */
  canManageSchedules: boolean;
}

export type OptionType = 'string' | 'integer';
export type Completion = 'actor' | 'topic' | 'term' | 'timezone' | 'phase' | 'kind';

export interface OptionSpec {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  choices?: readonly string[];
  /** Which values can be autocompleted on platforms that offer it. */
  complete?: Completion;
  /** Takes the rest of the line in text form (a question, a name with spaces). */
  rest?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Paging and similar: accepted but not advertised. */
  hidden?: boolean;
}

export type Args = Record<string, string | number | undefined>;

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  examples: string[];
  /** `everyone`, or only people allowed to manage a channel's schedules. */
  access: 'everyone' | 'schedule-admin';
}

export interface CommandDef extends CommandSpec {
  subcommands?: SubcommandDef[];
  run?: (ctx: Context, args: Args, s: Services) => Reply | Promise<Reply>;
}

export interface SubcommandDef extends CommandSpec {
  run: (ctx: Context, args: Args, s: Services) => Reply | Promise<Reply>;
}

/** A question-answering engine, as the commands see it. */
export interface Answerer {
  ask(ctx: Context, question: string): Reply;
}

/** Subscriptions, as the commands see them. */
export interface ScheduleCommands {
  add(ctx: Context, args: Args): Reply | Promise<Reply>;
  list(ctx: Context): Reply | Promise<Reply>;
  remove(ctx: Context, id: string): Reply | Promise<Reply>;
  pause(ctx: Context, id: string): Reply | Promise<Reply>;
  resume(ctx: Context, id: string): Reply | Promise<Reply>;
  preview(ctx: Context, kind?: string): Reply | Promise<Reply>;
}

export interface Services {
  briefing: Briefing;
  qa: Answerer;
  schedules?: ScheduleCommands;
  catalogue: CommandDef[];
}
