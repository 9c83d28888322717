import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot.js';
import type { Args } from '../../src/commands/types.js';
import type { Reply } from '../../src/core/briefing/document.js';
import { visibleText } from '../reply-helpers.js';
import { testBot } from '../helpers.js';
import { ACTION_KINDS, anyText, context, DISCORD_MENTIONS, findPing, mixed, SLACK_MENTIONS } from './arbitraries.js';

/**
 * The bot as adapters use it, fed garbage. testBot()'s services, with a logger that records
 * what the bot's guard swallowed: a polite "something went wrong" reply is still a crash.
 */
const errors: unknown[] = [];
const services = testBot().services;
const bot = new Bot(services, { error: (obj) => errors.push(obj) });
const names = services.catalogue.map((c) => c.name);
const subs = services.catalogue.flatMap((c) => c.subcommands?.map((s) => s.name) ?? []);
const optionNames = [...new Set(services.catalogue.flatMap((c) => [c, ...(c.subcommands ?? [])]).flatMap((s) => s.options.map((o) => o.name)))];

/** Every reply: at least one block, no ping anywhere a person would read, nothing swallowed by the guard. */
function expectSafeReply(r: Reply): void {
  expect(r.blocks.length).toBeGreaterThan(0);
  expect(['info', 'answer', 'error', 'notice']).toContain(r.tone);
  // Action commands are payloads (a Slack button value, a Discord custom_id), never shown; labels are shown.
  const ping = findPing(visibleText(r));
  expect(ping, `ping in reply: ${ping}`).toBeUndefined();
  expect(errors.splice(0), 'the bot swallowed an exception').toEqual([]);
}

const commandLine = fc
  .tuple(fc.constantFrom(...names, 'breif', 'sched'), fc.oneof(fc.constantFrom(...subs), fc.constant('')), fc.oneof({ weight: 4, arbitrary: mixed(10) }, { weight: 1, arbitrary: anyText() }))
  .map(([name, sub, rest]) => `/${name} ${sub} ${rest}`);

/** A platform that hands over whatever it was sent as a command or subcommand name. */
const pings = fc.constantFrom(...SLACK_MENTIONS, ...DISCORD_MENTIONS);

const line = fc.oneof({ weight: 3, arbitrary: commandLine }, { weight: 2, arbitrary: anyText() });

const optionValue: fc.Arbitrary<string | number | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', ' ', '0', '1', '2', '101', '-1', 'short', 'standard', 'weekly', '2022-09', 'phase:escalation', 'MOIS', 'wiper', 'attribution', 'daily 09:00'),
  fc.integer({ min: -5, max: 200 }),
  fc.double(),
  anyText(),
);

const rawArgs: fc.Arbitrary<Args> = fc.dictionary(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...optionNames) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), optionValue, { maxKeys: 5 });

describe('Bot: bad input never breaks it', () => {
  it('handleLine: resolves with a safe reply for any line', async () => {
    await fc.assert(
      fc.asyncProperty(context, line, async (ctx, text) => {
        expectSafeReply(await bot.handleLine(ctx, text));
      }),
      { numRuns: 120 },
    );
  });

  it('execute: resolves with a safe reply for any command, subcommand and typed options', async () => {
    await fc.assert(
      fc.asyncProperty(
        context,
        fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: anyText({ huge: false }) }, { weight: 1, arbitrary: pings }),
        fc.option(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...subs) }, { weight: 1, arbitrary: anyText({ huge: false }) }, { weight: 1, arbitrary: pings }), { nil: undefined }),
        rawArgs,
        async (ctx, name, sub, raw) => {
          expectSafeReply(await bot.execute(ctx, name, sub, raw));
        },
      ),
      { numRuns: 120 },
    );
  });

  it('action: resolves with a safe reply for any button and command it carries', async () => {
    await fc.assert(
      fc.asyncProperty(context, fc.constantFrom(...ACTION_KINDS), line, async (ctx, kind, command) => {
        expectSafeReply(await bot.action(ctx, { kind, command }));
      }),
      { numRuns: 80 },
    );
  });
});
