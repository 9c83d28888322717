import type { CommandDef } from './types.js';

export const ask: CommandDef = {
  name: 'ask',
  description: 'Ask a question about the case in plain language',
  access: 'everyone',
  examples: ['/ask who was behind the July 2022 attack?', '/ask what is ROADSWEEP?', '/ask did Albania invoke Article 5?'],
  options: [{ name: 'question', description: 'Your question', type: 'string', required: true, rest: true, maxLength: 2000 }],
  run: (ctx, args, s) => s.qa.ask(ctx, String(args.question ?? '')),
};
