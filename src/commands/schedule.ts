import { errorReply } from '../core/briefing/document.js';
import type { CommandDef, Services, SubcommandDef } from './types.js';

const idOption = { name: 'id', description: 'Subscription id (see /schedule list)', type: 'string' as const, required: true, maxLength: 40 };

function unavailable(s: Services) {
  return s.schedules ? undefined : errorReply('Scheduled briefings are not available in this deployment.');
}

const subcommands: SubcommandDef[] = [
  {
    name: 'add',
    description: 'Post briefings to this channel on a schedule',
    access: 'schedule-admin',
    examples: ['/schedule add daily 09:00', '/schedule add weekdays 08:30 Europe/Berlin', '/schedule add weekly mon 09:00 kind:weekly', '/schedule add 0 9 * * 1-5 UTC on-this-day'],
    options: [
      { name: 'when', description: 'daily 09:00, weekdays 08:30, weekly mon 09:00, or a cron expression', type: 'string', required: true, rest: true, maxLength: 100 },
      { name: 'timezone', description: 'IANA time zone such as Europe/Paris or America/New_York', type: 'string', complete: 'timezone', maxLength: 64 },
      { name: 'kind', description: 'daily (the case in parts), on-this-day, or weekly', type: 'string', choices: ['daily', 'on-this-day', 'weekly'], complete: 'kind' },
    ],
    run: (ctx, args, s) => unavailable(s) ?? s.schedules!.add(ctx, args),
  },
  {
    name: 'list',
    description: "This channel's subscriptions and their next runs",
    access: 'everyone',
    examples: ['/schedule list'],
    options: [],
    run: (ctx, _args, s) => unavailable(s) ?? s.schedules!.list(ctx),
  },
  {
    name: 'remove',
    description: 'Delete a subscription',
    access: 'schedule-admin',
    examples: ['/schedule remove 3'],
    options: [idOption],
    run: (ctx, args, s) => unavailable(s) ?? s.schedules!.remove(ctx, String(args.id)),
  },
  {
    name: 'pause',
    description: 'Pause a subscription',
    access: 'schedule-admin',
    examples: ['/schedule pause 3'],
    options: [idOption],
    run: (ctx, args, s) => unavailable(s) ?? s.schedules!.pause(ctx, String(args.id)),
  },
  {
    name: 'resume',
    description: 'Resume a paused subscription',
    access: 'schedule-admin',
    examples: ['/schedule resume 3'],
    options: [idOption],
    run: (ctx, args, s) => unavailable(s) ?? s.schedules!.resume(ctx, String(args.id)),
  },
  {
    name: 'preview',
    description: 'See the next scheduled post now',
    access: 'everyone',
    examples: ['/schedule preview', '/schedule preview on-this-day'],
    options: [{ name: 'kind', description: 'daily, on-this-day or weekly', type: 'string', choices: ['daily', 'on-this-day', 'weekly'], complete: 'kind' }],
    run: (ctx, args, s) => unavailable(s) ?? s.schedules!.preview(ctx, args.kind as string | undefined),
  },
];

export const schedule: CommandDef = {
  name: 'schedule',
  description: 'Scheduled briefings for this channel',
  access: 'everyone',
  examples: ['/schedule add daily 09:00', '/schedule list'],
  options: [],
  subcommands,
};
