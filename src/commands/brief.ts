import type { CommandDef } from './types.js';

export const brief: CommandDef = {
  name: 'brief',
  description: 'Briefing on the case: the overview, or one topic',
  access: 'everyone',
  examples: ['/brief', '/brief short', '/brief {topic}', '/brief {topic2} short'],
  options: [
    { name: 'topic', description: 'Topic to brief on (default: the overview)', type: 'string', complete: 'topic', maxLength: 100 },
    { name: 'length', description: 'short or standard', type: 'string', choices: ['short', 'standard'] },
    { name: 'page', description: 'Page of a long section', type: 'integer', min: 1, max: 100, hidden: true },
  ],
  run: (_ctx, args, s) => {
    let topic = args.topic as string | undefined;
    let length = args.length as 'short' | 'standard' | undefined;
    // "/brief short" names a length, not a topic.
    if (!length && (topic === 'short' || topic === 'standard')) {
      length = topic;
      topic = undefined;
    }
    return s.briefing.brief(topic, length ?? 'standard', Number(args.page ?? 1));
  },
};
