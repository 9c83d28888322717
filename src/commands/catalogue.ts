import { actor } from './actor.js';
import { ask } from './ask.js';
import { brief } from './brief.js';
import { glossary } from './glossary.js';
import { help } from './help.js';
import { schedule } from './schedule.js';
import { sources } from './sources.js';
import { timeline } from './timeline.js';
import type { CommandDef } from './types.js';

/** Every command, in the order help lists them. Discord definitions and the Slack manifest are generated from this. */
export const catalogue: CommandDef[] = [brief, ask, timeline, actor, sources, glossary, schedule, help];
