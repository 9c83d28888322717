import type { CommandDef } from './types.js';

export const sources: CommandDef = {
  name: 'sources',
  description: 'The sources behind a topic, an actor or the whole case',
  access: 'everyone',
  examples: ['/sources', '/sources {topic}', '/sources {actor}'],
  options: [
    { name: 'topic', description: 'Topic, actor or term (default: the whole case)', type: 'string', rest: true, complete: 'topic', maxLength: 100 },
    { name: 'page', description: 'Page of a long list', type: 'integer', min: 1, max: 100, hidden: true },
  ],
  run: (_ctx, args, s) => s.briefing.sources(args.topic as string | undefined, Number(args.page ?? 1)),
};
