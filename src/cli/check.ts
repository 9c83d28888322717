import { resolve } from 'node:path';
import { readPack } from '../core/content/load.js';
import { formatProblem } from '../core/content/problems.js';

/** `npm run check [pack-dir]`: validates a content pack and lists every problem. */
const dir = resolve(process.argv[2] ?? process.env.CONTENT_PACK ?? 'briefings/iran-albania-2022');
const { pack, problems } = readPack(dir);
if (problems.length) {
  console.error(`✗ ${dir}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  for (const p of problems) console.error(`  - ${formatProblem(p)}`);
  process.exit(1);
}
console.log(
  `✓ ${pack.meta.id}: ${pack.sections.length} sections, ${pack.events.length} events, ${pack.actors.length} actors, ` +
    `${pack.malware.length} malware and tools, ${pack.glossary.length} glossary terms, ${pack.questions.length} question cards, ${pack.sources.size} sources`,
);
