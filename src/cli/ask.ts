import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { loadPack } from '../core/content/load.js';
import { QaEngine, type QaResult } from '../core/qa/engine.js';
import { renderText } from '../adapters/console/render.js';

/**
 * `npm run ask -- "question"` answers one question; with `--json`, reads one question
 * per line on stdin and writes one JSON object per line.
 */
const args = process.argv.slice(2);
const json = args.includes('--json');
const words = args.filter((a) => a !== '--json');
const pack = loadPack(resolve(process.env.CONTENT_PACK ?? 'briefings/iran-albania-2022'));
const engine = new QaEngine(pack);
const asker = { platform: 'cli', userId: 'cli', channelId: 'cli' };

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
  const { result, reply } = engine.answer(asker, q);
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
