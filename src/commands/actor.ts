import type { CommandDef } from './types.js';

export const actor: CommandDef = {
  name: 'actor',
  description: 'A person, state, agency or group in the case, by name or alias',
  access: 'everyone',
  examples: ['/actor {actor}', '/actor {actor2}', '/actor {actor3}'],
  options: [{ name: 'name', description: 'Name or alias', type: 'string', required: true, rest: true, complete: 'actor', maxLength: 100 }],
  run: (_ctx, args, s) => s.briefing.actor(String(args.name ?? '')),
};
