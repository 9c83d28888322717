import { resolve } from 'node:path';
import { loadPack } from '../src/core/content/load.js';
import { QaEngine } from '../src/core/qa/engine.js';

/**
 * Run in a process of its own, so that no earlier build's garbage or heap growth is counted: the memory one engine
 * adds to a fresh process once it has answered (with the English word list it loads then), and what each further
 * engine adds. Prints one JSON object.
 */
const settle = async () => {
  for (let i = 0; i < 2; i++) {
    global.gc?.();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage();
};

const pack = loadPack(resolve(import.meta.dirname, '..', 'briefings/iran-albania-2022'));
const start = await settle();
const engine = new QaEngine(pack);
engine.warmUp();
const one = await settle();
const more = Array.from({ length: 4 }, () => new QaEngine(pack));
const five = await settle();
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
console.log(
  JSON.stringify({
    heapOne: mb(one.heapUsed - start.heapUsed),
    rssOne: mb(one.rss - start.rss),
    heapPerFurther: mb((five.heapUsed - one.heapUsed) / more.length),
    engines: [engine, ...more].length,
  }),
);
