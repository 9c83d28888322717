import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { loadPack } from '../core/content/load.js';
import { QaEngine, type QaResult } from '../core/qa/engine.js';
import { renderText } from '../adapters/console/render.js';

/**
 * `npm run ask -- "question"` answers one question; with `--json`, reads one question
 * per line on stdin and writes one JSON object per line. Each line is a question of its own,
 * unless `--conversation` makes the lines one conversation, so that "when was that?" follows up.
 */
const args = process.argv.slice(2);
const json = args.includes('--json');
const conversation = args.includes('--conversation');
const words = args.filter((a) => a !== '--json' && a !== '--conversation');
const pack = loadPack(resolve(process.env.CONTENT_PACK ?? 'briefings/iran-albania-2022'));
const engine = new QaEngine(pack);
let lines = 0;
const askerFor = () => ({ platform: 'cli', userId: conversation ? 'cli' : `line-${++lines}`, channelId: 'cli' });

function toJson(r: QaResult): string {
  return JSON.stringify({
    question: r.question,
    answer: r.answer,
    abstained: r.abstained,
    confidence: r.confidence,
    citations: r.citations.map((c) => ({ id: c.id, title: c.title, url: c.url ?? null })),
    related: r.related,
  });
}

function answer(q: string): string {
  const { result, reply } = engine.answer(askerFor(), q);
  return json ? toJson(result) : `${renderText(reply, Boolean(process.stdout.isTTY))}\n`;
}

if (words.length) {
  console.log(answer(words.join(' ')));
} else {
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    if (!line.trim() && json) continue;
    process.stdout.write(`${answer(line)}\n`);
  }
}
