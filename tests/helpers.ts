import { resolve } from 'node:path';
import { Bot } from '../src/bot.js';
import type { Context } from '../src/commands/types.js';
import { loadPack } from '../src/core/content/load.js';
import type { Pack } from '../src/core/content/pack.js';
import { createServices } from '../src/services.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const CASE_DIR = resolve(ROOT, 'briefings/iran-albania-2022');
export const TINY_DIR = resolve(ROOT, 'tests/fixtures/tiny-pack');

let cached: Pack | undefined;
/** The real pack, loaded once per test file. */
export function casePack(): Pack {
  cached ??= loadPack(CASE_DIR);
  return cached;
}

export function testBot(pack: Pack = casePack()): Bot {
  return new Bot(createServices(pack));
}

export function ctx(over: Partial<Context> = {}): Context {
  return { platform: 'console', userId: 'u1', channelId: 'c1', isDirect: true, canManageSchedules: true, ...over };
}
