import type { CommandDef } from './types.js';

export const glossary: CommandDef = {
  name: 'glossary',
  description: 'What a term, abbreviation or malware name means',
  access: 'everyone',
  examples: ['/glossary {term}', '/glossary {term2}', '/glossary {malware}'],
  options: [{ name: 'term', description: 'Term or abbreviation', type: 'string', required: true, rest: true, complete: 'term', maxLength: 100 }],
  run: (_ctx, args, s) => s.briefing.glossary(String(args.term ?? '')),
};
