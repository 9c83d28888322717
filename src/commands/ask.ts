import type { CommandDef } from './types.js';

export const ask: CommandDef = {
  name: 'ask',
  description: 'Ask a question about the case in plain language',
  access: 'everyone',
  examples: ['/ask {question}', '/ask {question2}', '/ask what is {term}?'],
  options: [{ name: 'question', description: 'Your question', type: 'string', required: true, rest: true, maxLength: 2000 }],
  run: (ctx, args, s) => s.qa.ask(ctx, String(args.question ?? '')),
};
