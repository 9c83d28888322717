import type { CommandDef } from './types.js';

export const timeline: CommandDef = {
  name: 'timeline',
  description: 'Dated events: all, a year or month, a date range, or a phase',
  access: 'everyone',
  examples: ['/timeline', '/timeline {month}', '/timeline {range}', '/timeline phase:{phase}'],
  options: [
    { name: 'from', description: 'A year, month or day (YYYY, YYYY-MM, YYYY-MM-DD), or the start of a range', type: 'string', maxLength: 40 },
    { name: 'to', description: 'End of the range', type: 'string', maxLength: 40 },
    { name: 'phase', description: 'Only one phase of the case', type: 'string', complete: 'phase', maxLength: 60 },
    { name: 'page', description: 'Page of a long timeline', type: 'integer', min: 1, max: 100, hidden: true },
  ],
  run: (_ctx, args, s) =>
    s.briefing.timeline({
      from: args.from as string | undefined,
      to: args.to as string | undefined,
      phase: args.phase as string | undefined,
      page: Number(args.page ?? 1),
    }),
};
