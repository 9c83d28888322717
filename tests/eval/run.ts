import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { loadPack } from '../../src/core/content/load.js';
import { QaEngine, type QaResult } from '../../src/core/qa/engine.js';

/**
 * `npm run eval [-- --failures] [file]`: scores the Q&A engine on a question set.
 * An answerable question counts as correct when the answer is given (not abstained),
 * cites at least one source, and contains every expected item (any alternative of a group).
 */
const expectItem = z.union([z.string(), z.array(z.string()).min(1)]);
const turn = z.object({ q: z.string(), expect: z.union([z.literal('decline'), z.array(expectItem)]) });
const entry = turn.extend({ topic: z.string(), then: z.array(turn).optional() });
type Turn = z.infer<typeof turn>;

const args = process.argv.slice(2);
const showFailures = args.includes('--failures');
const file = resolve(args.find((a) => !a.startsWith('--')) ?? 'tests/eval/questions.yaml');
const entries = z.array(entry).parse(YAML.parse(readFileSync(file, 'utf8')));
const pack = loadPack(resolve(process.env.CONTENT_PACK ?? 'briefings/iran-albania-2022'));
const engine = new QaEngine(pack);

interface Score {
  ok: number;
  total: number;
}
const byTopic = new Map<string, Score>();
const answerable: Score = { ok: 0, total: 0 };
const outOfScope: Score = { ok: 0, total: 0 };
const failures: string[] = [];

function judge(t: Turn, r: QaResult): boolean {
  if (t.expect === 'decline') return r.abstained;
  if (r.abstained || !r.citations.length) return false;
  const text = r.answer.toLowerCase();
  return t.expect.every((item) => (Array.isArray(item) ? item : [item]).some((alt) => text.includes(alt.toLowerCase())));
}

function record(topic: string, t: Turn, r: QaResult) {
  const ok = judge(t, r);
  const s = byTopic.get(topic) ?? { ok: 0, total: 0 };
  s.total++;
  if (ok) s.ok++;
  byTopic.set(topic, s);
  const bucket = t.expect === 'decline' ? outOfScope : answerable;
  bucket.total++;
  if (ok) bucket.ok++;
  if (!ok) failures.push(`[${topic}] ${t.q}\n   expected ${JSON.stringify(t.expect)}\n   got${r.abstained ? ' (abstained)' : ''}: ${r.answer.slice(0, 300)}`);
}

entries.forEach((e, i) => {
  const asker = { platform: 'eval', userId: `u${i}`, channelId: 'eval' };
  record(e.topic, e, engine.answer(asker, e.q).result);
  for (const t of e.then ?? []) record(e.topic, t, engine.answer(asker, t.q).result);
});

const pct = (s: Score) => (s.total ? (100 * s.ok) / s.total : 0);
console.log(`Q&A evaluation on ${file}\n`);
console.log('topic                 correct');
for (const [topic, s] of [...byTopic].sort()) console.log(`${topic.padEnd(22)}${`${s.ok}/${s.total}`.padStart(8)}  ${pct(s).toFixed(1).padStart(5)}%`);
console.log('');
console.log(`Answerable, answered correctly with a citation: ${answerable.ok}/${answerable.total} = ${pct(answerable).toFixed(1)}% (target 95%)`);
console.log(`Out of scope, declined:                         ${outOfScope.ok}/${outOfScope.total} = ${pct(outOfScope).toFixed(1)}% (target 90%)`);
if (showFailures && failures.length) console.log(`\nFailures:\n${failures.join('\n')}`);
