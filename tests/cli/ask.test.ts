import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const ask = (input: string, ...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });

const objects = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('npm run ask', () => {
  it('writes one JSON object per question line, with the documented fields and cited sources', () => {
    const out = objects(ask('who attacked albania?\n\nwhat is the weather in tirana?\n@everyone what is MOIS\n', '--json'));
    expect(out).toHaveLength(3);
    for (const o of out) expect(Object.keys(o).sort()).toEqual(['abstained', 'answer', 'citations', 'confidence', 'question', 'related']);
    expect(out[0]!.answer).toMatch(/Iran/);
    expect((out[0]!.citations as { url: string }[])[0]!.url).toMatch(/^https?:\/\//);
    expect(out[1]!.abstained).toBe(true);
    expect(String(out[2]!.question)).not.toMatch(/@everyone/);
  }, 60_000);

  it('takes each line as a question of its own, unless told the lines are one conversation', () => {
    const lines = 'tell me about the attack on the TIMS border system\nwhen was that?\n';
    expect(objects(ask(lines, '--json'))[1]!.answer).not.toMatch(/9 September 2022/);
    expect(objects(ask(lines, '--json', '--conversation'))[1]!.answer).toMatch(/9 September 2022/);
  }, 60_000);
});
