import { describe, expect, it, vi } from 'vitest';
import { Bot, RESTARTING } from '../../src/bot.js';
import { catalogue } from '../../src/commands/catalogue.js';
import type { Services } from '../../src/commands/types.js';
import type { Reply } from '../../src/core/briefing/document.js';
import { RateLimiter } from '../../src/ops/rate-limit.js';
import { createServices } from '../../src/services.js';
import { casePack, ctx } from '../helpers.js';
import { bodyText as fullText } from '../reply-helpers.js';
import { slowCommand } from './slow-command.js';

const bodyText = (r: Reply) => fullText(r).trim();

function services(over: Partial<Services> = {}): Services {
  return { ...createServices(casePack()), ...over };
}

function limitedBot(perMinute: number) {
  let t = 0;
  const limiter = new RateLimiter({ perMinute, now: () => t });
  const feedback = { recordFeedback: vi.fn() };
  const bot = new Bot(services(), undefined, feedback, { limiter });
  return { bot, feedback, advance: (ms: number) => (t += ms) };
}

describe('Bot with a rate limiter', () => {
  it('answers RATE_LIMIT_PER_MINUTE questions, then asks politely to wait, naming the seconds', async () => {
    const { bot, advance } = limitedBot(20);
    for (let i = 0; i < 20; i++) expect((await bot.handleLine(ctx({ platform: 'slack' }), '/help')).tone).not.toBe('notice');
    const limited = await bot.handleLine(ctx({ platform: 'slack' }), 'who was behind the attack?');
    expect(limited.tone).toBe('notice');
    expect(limited.visibility).toBe('private');
    expect(bodyText(limited)).toBe("You're asking faster than I can keep up — please try again in 3 seconds.");
    advance(3000);
    expect(bodyText(await bot.handleLine(ctx({ platform: 'slack' }), '/help'))).not.toContain('faster than I can keep up');
  });

  it('says "1 second", not "1 seconds"', async () => {
    const { bot } = limitedBot(60);
    for (let i = 0; i < 60; i++) await bot.handleLine(ctx(), '/help');
    expect(bodyText(await bot.handleLine(ctx(), '/help'))).toContain('try again in 1 second.');
  });

  it('counts typed commands (execute) and command buttons, but never feedback', async () => {
    const { bot, feedback } = limitedBot(2);
    const c = ctx({ platform: 'discord', userId: '42' });
    expect(bodyText(await bot.execute(c, 'help', undefined, {}))).not.toContain('faster');
    expect(bodyText(await bot.action(c, { kind: 'share', command: '/help' }))).not.toContain('faster');
    expect(bodyText(await bot.execute(c, 'help', undefined, {}))).toContain('faster than I can keep up');
    expect(bodyText(await bot.action(c, { kind: 'share', command: '/help' }))).toContain('faster than I can keep up');
    for (let i = 0; i < 5; i++) expect(bodyText(await bot.action(c, { kind: 'feedback-up', command: '/help' }))).toBe('Thanks for the feedback.');
    expect(feedback.recordFeedback).toHaveBeenCalledTimes(5);
  });

  it('limits each person separately', async () => {
    const { bot } = limitedBot(3);
    for (let i = 0; i < 10; i++) await bot.handleLine(ctx({ platform: 'slack', userId: 'flood' }), '/help');
    expect(bodyText(await bot.handleLine(ctx({ platform: 'slack', userId: 'flood' }), '/help'))).toContain('faster');
    expect(bodyText(await bot.handleLine(ctx({ platform: 'slack', userId: 'other' }), '/help'))).not.toContain('faster');
    expect(bodyText(await bot.handleLine(ctx({ platform: 'discord', userId: 'flood' }), '/help'))).not.toContain('faster');
  });

  it('does not limit at all without a limiter', async () => {
    const bot = new Bot(services());
    for (let i = 0; i < 200; i++) expect(bodyText(await bot.handleLine(ctx(), '/help'))).not.toContain('faster');
  });
});

describe('Bot.close', () => {
  it('turns every new request away politely, feedback included', async () => {
    const feedback = { recordFeedback: vi.fn() };
    const bot = new Bot(services(), undefined, feedback);
    await bot.close();
    expect(bot.closed).toBe(true);
    const replies: Reply[] = [
      await bot.handleLine(ctx(), '/brief'),
      await bot.handleLine(ctx(), 'who was behind the attack?'),
      await bot.execute(ctx(), 'timeline', undefined, {}),
      await bot.action(ctx(), { kind: 'share', command: '/brief' }),
      await bot.action(ctx(), { kind: 'feedback-up', command: '/brief' }),
    ];
    for (const r of replies) {
      expect(r.tone).toBe('notice');
      expect(bodyText(r)).toBe(RESTARTING);
      expect(bodyText(r)).toContain('casebrief is restarting, please try again in a moment');
    }
    expect(feedback.recordFeedback).not.toHaveBeenCalled();
  });

  it('resolves only once requests already running have replied', async () => {
    const { slow, release, started } = slowCommand();
    const bot = new Bot(services({ catalogue: [...catalogue, slow] }));
    const inFlight = bot.handleLine(ctx(), '/slow');
    await vi.waitFor(() => expect(started).toHaveBeenCalled());
    let closed = false;
    const closing = bot.close().then(() => (closed = true));
    // Meanwhile, new requests are turned away while the running one carries on.
    expect(bodyText(await bot.handleLine(ctx(), '/help'))).toBe(RESTARTING);
    await Promise.resolve();
    expect(closed).toBe(false);
    release();
    expect(bodyText(await inFlight)).toContain('slow answer');
    await closing;
    expect(closed).toBe(true);
  });

  it('resolves at once when nothing is running, however often it is called', async () => {
    const bot = new Bot(services());
    await bot.close();
    await bot.close();
    expect(bot.closed).toBe(true);
  });
});
