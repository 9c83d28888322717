import { describe, expect, it } from 'vitest';
import { Bot } from '../../src/bot.js';
import { catalogue } from '../../src/commands/catalogue.js';
import type { ListItem, Reply } from '../../src/core/briefing/document.js';
import { loadPack } from '../../src/core/content/load.js';
import { createServices } from '../../src/services.js';
import { ctx, TINY_DIR } from '../helpers.js';
import { bodyText, expectCitationsResolve, REAL_CASE_WORDS, visibleText } from '../reply-helpers.js';

const pack = loadPack(TINY_DIR);
const bot = new Bot(createServices(pack));
const items = (r: Reply): ListItem[] => r.blocks.flatMap((x) => (x.type === 'list' ? x.items : []));

describe('the Bot on the tiny fixture pack', () => {
  it('introduces the fixture\'s case in /help', async () => {
    const r = await bot.handleLine(ctx(), '/help');
    expect(bodyText(r)).toContain(`The 2031 Harbour Blackout: ${pack.meta.description}`);
  });

  it('briefs, lists the timeline and looks up actors, terms and sources from the fixture', async () => {
    const brief = await bot.handleLine(ctx(), '/brief');
    expect(brief.title).toBe('The 2031 Harbour Blackout');
    expectCitationsResolve(brief);
    expect((await bot.handleLine(ctx(), '/brief blame short')).title).toBe('Part 3 of 3: Who was blamed, and who denied it');
    expect((await bot.handleLine(ctx(), '/timeline 2031-03')).title).toBe('Timeline: March 2031');
    expect((await bot.handleLine(ctx(), '/timeline phase:blackout')).title).toBe('Timeline: The blackout (14 to 16 March 2031)');
    expect((await bot.handleLine(ctx(), '/actor pvha')).title).toBe('Port Verrin Harbour Authority');
    expect((await bot.handleLine(ctx(), '/glossary "Harbour Pilot System"')).title).toBe('HPS');
    expect(items(await bot.handleLine(ctx(), '/sources')).map((i) => i.label)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
  });

  it('completes from the fixture', () => {
    expect(bot.complete('phase', '').map((c) => c.value)).toEqual(['run-up', 'blackout', 'recovery']);
    expect(bot.complete('topic', '').map((c) => c.value)).toEqual(['blackout', 'investigation', 'blame']);
    expect(bot.complete('topic', 'dockhook').map((c) => c.value)).toEqual(['investigation']);
    expect(bot.complete('actor', 'quell')).toEqual([{ name: 'Mara Quell', value: 'Mara Quell' }]);
    expect(bot.complete('term', 'salt').map((c) => c.value)).toEqual(['SALTCRANE']);
  });

  it('answers a plain question from the fixture\'s question cards, with its sources', async () => {
    const r = await bot.handleLine(ctx(), 'How long was the harbour closed?');
    expect(r.tone).toBe('answer');
    expect(bodyText(r)).toContain('14 to 16 March 2031');
    expect(r.citations.map((c) => c.id).sort()).toEqual(['T1', 'T2']);
    expect(r.actions.map((a) => a.kind)).toEqual(expect.arrayContaining(['share', 'feedback-up', 'feedback-down']));
  });

  it('never mentions the real case in command replies, help, usage hints or examples', async () => {
    const lines = [
      '/brief',
      '/brief nonsense',
      '/timeline',
      '/timeline 2031-13',
      '/timeline phase:nonsense',
      '/actor',
      '/actor nonsense',
      '/glossary',
      '/glossary nonsense',
      '/sources nonsense',
      '/ask',
      '/breif',
      '/help',
      ...catalogue.map((c) => `/help ${c.name}`),
    ];
    const leaks: string[] = [];
    for (const line of lines) {
      const text = visibleText(await bot.handleLine(ctx(), line));
      const m = REAL_CASE_WORDS.exec(text);
      if (m) leaks.push(`${line}: "${text.slice(Math.max(0, m.index - 30), m.index + 30).replace(/\n/g, ' ')}"`);
    }
    expect(leaks).toEqual([]);
  });
});
