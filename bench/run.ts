import { benchQa } from './qa.js';
import { benchSchedule } from './schedule.js';
import { benchSlack } from './slack.js';

/**
 * `npm run bench`: speed and memory numbers for the Q&A engine, Slack HTTP mode and
 * the scheduler, printed as "name value" lines. Targets are in the README; nothing here fails a build.
 */
const suites: [string, () => Promise<Record<string, number | string>>][] = [
  ['Q&A engine', benchQa],
  ['Slack, HTTP mode', benchSlack],
  ['Scheduled briefings', benchSchedule],
];
const only = process.argv.slice(2);
for (const [name, run] of suites) {
  // "qa" picks "Q&A engine": names compare without punctuation.
  const bare = (t: string) => t.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (only.length && !only.some((o) => bare(name).includes(bare(o)))) continue;
  console.log(`\n== ${name}`);
  const started = performance.now();
  for (const [k, v] of Object.entries(await run())) console.log(`${k.padEnd(48)} ${v}`);
  console.log(`${'(suite took, s)'.padEnd(48)} ${((performance.now() - started) / 1000).toFixed(1)}`);
}
