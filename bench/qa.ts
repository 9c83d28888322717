import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { loadPack } from '../src/core/content/load.js';
import { QaEngine } from '../src/core/qa/engine.js';
import { ConversationMemory } from '../src/core/qa/memory.js';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Index build time, answer latency and the memory the engine adds, on the real pack and the evaluation questions. */
export async function benchQa(): Promise<Record<string, number | string>> {
  const root = resolve(import.meta.dirname, '..');
  const pack = loadPack(resolve(root, 'briefings/iran-albania-2022'));
  const questions = (YAML.parse(readFileSync(resolve(root, 'tests/eval/questions.yaml'), 'utf8')) as { q: string }[]).map((e) => e.q);

  // A cold build in a fresh process (the first, its code not yet compiled), then ten in the warm process, then
  // starts that load the snapshot. Each starts from a collected heap, as a process start does; the engine built
  // before stays alive meanwhile, as a running bot's does.
  const cacheDir = mkdtempSync(join(tmpdir(), 'casebrief-bench-'));
  const builds: number[] = [];
  const parts: QaEngine['buildTimes'][] = [];
  let engine: QaEngine | undefined;
  for (let i = 0; i < 11; i++) {
    if (i) global.gc?.();
    const t = performance.now();
    engine = new QaEngine(pack);
    builds.push(performance.now() - t);
    parts.push(engine.buildTimes);
  }
  const firstBuild = builds.shift()!;
  parts.shift();
  new QaEngine(pack, new ConversationMemory(), { cacheDir });
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    global.gc?.();
    const t = performance.now();
    const loaded = new QaEngine(pack, new ConversationMemory(), { cacheDir });
    loads.push(performance.now() - t);
    if (!loaded.fromSnapshot) throw new Error('the snapshot was not used');
  }
  rmSync(cacheDir, { recursive: true, force: true });

  // Warm up, then time every question many times, each in its own conversation.
  for (const q of questions) engine!.answer({ platform: 'bench', userId: 'w', channelId: 'w' }, q);
  const times: number[] = [];
  for (let round = 0; round < 10; round++) {
    questions.forEach((q, i) => {
      const t = performance.now();
      engine!.answer({ platform: 'bench', userId: `u${i}`, channelId: String(round) }, q);
      times.push(performance.now() - t);
    });
  }
  times.sort((a, b) => a - b);
  builds.sort((a, b) => a - b);
  loads.sort((a, b) => a - b);
  return {
    'qa.documents': engine!.documentCount,
    'qa.index_build_ms (first in process)': Math.round(firstBuild * 10) / 10,
    'qa.index_build_ms (warm, median of 10)': Math.round(percentile(builds, 50) * 10) / 10,
    'qa.index_build_ms (warm, slowest of 10)': Math.round(builds[builds.length - 1]! * 10) / 10,
    // The build's parts, each the median of the ten warm builds: the rest is the engine's own bookkeeping.
    ...Object.fromEntries(
      (['passages', 'vocabulary', 'searchIndex', 'cardPhrasings'] as const).map((k) => {
        const times = parts.map((p) => p[k]).sort((a, b) => a - b);
        return [`qa.index_build_ms: ${k}`, Math.round(percentile(times, 50) * 10) / 10];
      }),
    ),
    'qa.index_load_ms (from snapshot, median of 5)': Math.round(loads[2]! * 10) / 10,
    'qa.answers_timed': times.length,
    'qa.answer_p50_ms': Math.round(percentile(times, 50) * 1000) / 1000,
    'qa.answer_p99_ms': Math.round(percentile(times, 99) * 1000) / 1000,
    'qa.answer_max_ms': Math.round(times[times.length - 1]! * 1000) / 1000,
    ...memoryOfEngines(),
  };
}

/** Memory is measured in a fresh process (bench/qa-memory.ts): this one's heap has grown with every build timed. */
function memoryOfEngines(): Record<string, number> {
  const script = resolve(import.meta.dirname, 'qa-memory.ts');
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], { encoding: 'utf8' });
  const m = JSON.parse(out.trim().split('\n').pop()!) as { heapOne: number; rssOne: number; heapPerFurther: number };
  return {
    'qa.heap_added_mb (one engine, fresh process)': m.heapOne,
    'qa.rss_added_mb (one engine, fresh process)': m.rssOne,
    'qa.heap_added_mb (each further engine)': m.heapPerFurther,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [k, v] of Object.entries(await benchQa())) console.log(`${k.padEnd(40)} ${v}`);
}
