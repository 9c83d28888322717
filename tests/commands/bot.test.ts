import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Bot, type FeedbackSink } from '../../src/bot.js';
import { catalogue } from '../../src/commands/catalogue.js';
import type { CommandDef, Completion, ScheduleCommands, Services } from '../../src/commands/types.js';
import { normalize } from '../../src/core/briefing/names.js';
import { noticeReply, reply } from '../../src/core/briefing/document.js';
import { createServices } from '../../src/services.js';
import { casePack, ctx, testBot } from '../helpers.js';
import { bodyText, visibleText } from '../reply-helpers.js';

const PING = /@(everyone|here|channel)\b|<[@#!&]/i;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

const bot = testBot();

function servicesWith(over: Partial<Services>): Services {
  return { ...createServices(casePack()), ...over };
}

/** A schedule service that records what it was asked to do. */
function fakeSchedules() {
  const calls: string[] = [];
  const ok = (what: string) => {
    calls.push(what);
    return reply({ blocks: [{ type: 'paragraph', text: `done: ${what}` }] });
  };
  const schedules: ScheduleCommands = {
    add: (_c, args) => ok(`add ${String(args.when)}`),
    list: () => ok('list'),
    remove: (_c, id) => ok(`remove ${id}`),
    pause: (_c, id) => ok(`pause ${id}`),
    resume: (_c, id) => ok(`resume ${id}`),
    preview: () => ok('preview'),
  };
  return { calls, schedules };
}

describe('Bot.handleLine on odd input', () => {
  const odd = [
    '',
    '   ',
    '\n\t\r',
    'x'.repeat(10 * 1024),
    `/${'brief '.repeat(2000)}`,
    `/actor ${'a'.repeat(10 * 1024)}`,
    `/ask ${'why '.repeat(3000)}`,
    '😀😀😀',
    '/actor 😀',
    '/glossary 🇦🇱👨‍👩‍👧',
    'ما الذي حدث في ألبانيا؟',
    '/actor \u202eevil\u202c',
    '/actor עברית',
    '\u0000\u0007\u001b[31m',
    '/\u0000',
    '/brief \u0000\u0001',
    '\ud800 lone surrogate',
    '/actor \udfff',
    '@everyone',
    '<!here>',
    '<!channel> what happened?',
    '/actor @everyone',
    '/actor <!here>',
    '/help <@U123>',
    '/timeline <!channel>',
    '/timeline \u202eabc',
    '/timeline 2022 @everyone',
    '/glossary <#C123>',
    '/"',
    '/actor "',
    '/brief """',
    '/timeline phase:',
    '/sources page:999999999999',
    '/brief page:-1',
    '/schedule',
    '//',
    '/ /',
  ];

  const log = { error: vi.fn() };
  const b = new Bot(createServices(casePack()), log);
  beforeEach(() => log.error.mockClear());

  it.each(odd.map((line) => [JSON.stringify(line.slice(0, 40)), line]))('answers %s politely, showing no mention or control character', async (_name, line) => {
    const r = await b.handleLine(ctx(), line);
    expect(r.blocks.length).toBeGreaterThan(0);
    expect(['info', 'answer', 'error', 'notice']).toContain(r.tone);
    const text = visibleText(r);
    expect(text).not.toMatch(PING);
    expect(text).not.toMatch(CONTROL);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('asks for a question or a command on empty input', async () => {
    const r = await bot.handleLine(ctx(), '  \n ');
    expect(r.tone).toBe('notice');
    expect(bodyText(r)).toContain('/help');
    expect(r.actions).toEqual([]);
  });

  it('turns a failing command into an apology and logs it', async () => {
    const log = { error: vi.fn() };
    const boom: CommandDef = { name: 'boom', description: 'Fails', access: 'everyone', examples: ['/boom'], options: [], run: () => Promise.reject(new Error('kaput')) };
    const b = new Bot(servicesWith({ catalogue: [...catalogue, boom] }), log);
    const r = await b.handleLine(ctx(), '/boom');
    expect(r.tone).toBe('error');
    expect(bodyText(r)).toContain('something went wrong on my side');
    expect(bodyText(r)).not.toContain('kaput');
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error), platform: 'console', command: '/boom' }), 'command failed');
  });

  it('turns a failing question engine into an apology too, logging at most 40 characters of the question', async () => {
    const log = { error: vi.fn() };
    const b = new Bot(
      servicesWith({
        qa: {
          ask: () => {
            throw new Error('index missing');
          },
        },
      }),
      log,
    );
    const r = await b.handleLine(ctx(), `who was behind it? ${'x'.repeat(200)}`);
    expect(r.tone).toBe('error');
    const [[meta]] = log.error.mock.calls as [[{ command: string }]];
    expect(meta.command.length).toBeLessThanOrEqual(40);
  });
});

describe('who may change schedules', () => {
  const member = ctx({ canManageSchedules: false, isDirect: false });
  const manager = ctx({ canManageSchedules: true, isDirect: false });

  it('refuses add, remove, pause and resume to people who cannot manage the channel, without touching the schedules', async () => {
    const { calls, schedules } = fakeSchedules();
    const b = new Bot(servicesWith({ schedules }));
    for (const line of ['/schedule add daily 09:00', '/schedule remove 3', '/schedule pause 3', '/schedule resume 3']) {
      const r = await b.handleLine(member, line);
      expect(r.tone, line).toBe('error');
      expect(bodyText(r)).toContain('only people who can manage this channel can change its scheduled briefings');
      expect(bodyText(r)).toContain('Anyone can use /schedule list and /schedule preview.');
      expect(r.actions).toEqual([]);
    }
    const typed = await b.execute(member, 'schedule', 'add', { when: 'daily 09:00' });
    expect(bodyText(typed)).toContain('only people who can manage this channel');
    expect(calls).toEqual([]);
  });

  it('lets anyone list and preview, and managers change', async () => {
    const { calls, schedules } = fakeSchedules();
    const b = new Bot(servicesWith({ schedules }));
    await b.handleLine(member, '/schedule list');
    await b.handleLine(member, '/schedule preview');
    await b.handleLine(manager, '/schedule add daily 09:00');
    await b.handleLine(manager, '/schedule remove 3');
    await b.execute(manager, 'schedule', 'pause', { id: '4' });
    expect(calls).toEqual(['list', 'preview', 'add daily 09:00', 'remove 3', 'pause 4']);
  });

  it('says schedules are unavailable when the deployment has none', async () => {
    const r = await bot.handleLine(manager, '/schedule list');
    expect(r.tone).toBe('error');
    expect(bodyText(r)).toContain('not available');
  });
});

describe('share and feedback buttons', () => {
  it('are added to lookups, after the reply\'s own actions, carrying the line as typed', async () => {
    const line = '/brief attribution';
    const r = await bot.handleLine(ctx(), `  ${line} `);
    const own = bot.services.briefing.brief('attribution').actions;
    expect(r.actions).toEqual([
      ...own,
      { kind: 'share', label: 'Share in channel', command: line },
      { kind: 'feedback-up', label: '👍', command: line },
      { kind: 'feedback-down', label: '👎', command: line },
    ]);
  });

  it('are added to answers to plain questions as an /ask command', async () => {
    const b = new Bot(servicesWith({ qa: { ask: () => reply({ tone: 'answer', blocks: [{ type: 'paragraph', text: 'An answer. [1]' }] }) } }));
    const r = await b.handleLine(ctx(), 'who did it?');
    expect(r.actions.map((a) => [a.kind, a.command])).toEqual([
      ['share', '/ask who did it?'],
      ['feedback-up', '/ask who did it?'],
      ['feedback-down', '/ask who did it?'],
    ]);
  });

  it('are not added to errors and notices', async () => {
    for (const line of ['/actor zzzzqqq', '/timeline 2022-13', '/timeline 1999', '/breif']) {
      const r = await bot.handleLine(ctx(), line);
      expect(r.actions.filter((a) => ['share', 'feedback-up', 'feedback-down'].includes(a.kind)), line).toEqual([]);
    }
  });

  it('offer feedback but no share on a reply that is already public', async () => {
    const b = new Bot(servicesWith({ qa: { ask: () => reply({ visibility: 'public', blocks: [{ type: 'paragraph', text: 'Public.' }] }) } }));
    const r = await b.handleLine(ctx(), 'anything');
    expect(r.actions.map((a) => a.kind)).toEqual(['feedback-up', 'feedback-down']);
  });

  it('share a typed (Discord) command as a line that gives the same reply', async () => {
    const typed = await bot.execute(ctx({ platform: 'discord' }), 'timeline', undefined, { from: 'September 2022', phase: 'escalation' });
    const share = typed.actions.find((a) => a.kind === 'share')!;
    expect(share.command).toBe('/timeline from:"September 2022" phase:escalation');
    const again = await bot.handleLine(ctx(), share.command);
    expect(bodyText(again)).toBe(bodyText(typed));
  });

  it('record feedback with the vote and the command, and thank the user', async () => {
    const sink: FeedbackSink = { recordFeedback: vi.fn() };
    const b = new Bot(createServices(casePack()), undefined, sink);
    const c = ctx({ userId: 'u9' });
    const up = await b.action(c, { kind: 'feedback-up', command: '/brief' });
    await b.action(c, { kind: 'feedback-down', command: '/timeline 2022' });
    expect(up).toEqual(noticeReply('Thanks for the feedback.'));
    expect(sink.recordFeedback).toHaveBeenNthCalledWith(1, c, '/brief', 1);
    expect(sink.recordFeedback).toHaveBeenNthCalledWith(2, c, '/timeline 2022', -1);
  });

  it('still thank the user when recording fails, and log it', async () => {
    const log = { error: vi.fn() };
    const b = new Bot(createServices(casePack()), log, {
      recordFeedback: () => {
        throw new Error('disk full');
      },
    });
    const r = await b.action(ctx(), { kind: 'feedback-up', command: '/brief' });
    expect(bodyText(r)).toContain('Thanks for the feedback.');
    expect(log.error).toHaveBeenCalledOnce();
  });
});

describe('buttons and suggested commands', () => {
  /** Follows every navigation button of a reply and returns the ones that lead to an error. */
  async function brokenButtons(line: string): Promise<string[]> {
    const r = await bot.handleLine(ctx(), line);
    const out: string[] = [];
    for (const a of r.actions.filter((x) => ['more', 'next', 'sources', 'share'].includes(x.kind))) {
      const next = await bot.action(ctx(), a);
      if (next.tone === 'error') out.push(`${line} → ${a.label}: ${a.command} → ${bodyText(next).trim().split('\n')[0]}`);
    }
    return out;
  }

  it('every navigation button of the main lookups works', async () => {
    const lines = [
      '/brief',
      '/brief short',
      '/brief attribution',
      '/brief attribution short',
      '/brief nato-article-5',
      '/timeline',
      '/timeline 2022-09',
      '/timeline 2022-07-01 2022-09-30',
      '/timeline phase:escalation',
      '/actor MOIS',
      '/sources',
      '/sources attribution',
      '/glossary SPAK',
    ];
    const broken = (await Promise.all(lines.map(brokenButtons))).flat();
    expect(broken).toEqual([]);
  });

  it('the next-page button of a timeline for a date in words works', async () => {
    expect(await brokenButtons('/timeline "September 2022"')).toEqual([]);
  });

  it('the example command in an unknown-phase hint works as written', async () => {
    const r = await bot.handleLine(ctx(), '/timeline phase:2024');
    expect(r.tone).toBe('error');
    const example = /For example: (\/.+)$/.exec(bodyText(r))?.[1];
    expect(example).toBeDefined();
    const tried = await bot.handleLine(ctx(), example!);
    expect(tried.tone, `${example} → ${bodyText(tried)}`).not.toBe('error');
  });

  it('the example command in an unknown-actor hint works as written', async () => {
    const r = await bot.handleLine(ctx(), '/actor Ministry');
    const example = /For example: (\/.+)$/.exec(bodyText(r))?.[1];
    expect(example).toBeDefined();
    expect((await bot.handleLine(ctx(), example!)).tone).toBe('info');
  });

  it('reads an unquoted date in words, as the date error messages suggest', async () => {
    const r = await bot.handleLine(ctx(), '/timeline September 2022');
    expect(r.tone).toBe('info');
    expect(r.title).toBe('Timeline: September 2022');
  });
});

describe('Bot.complete', () => {
  const pack = casePack();
  const kinds: Completion[] = ['actor', 'topic', 'term', 'timezone', 'phase', 'kind'];

  it('returns at most 25 choices of at most 100 characters, whatever the input', () => {
    for (const kind of kinds) {
      for (const q of ['', 'a', 'e', 'in', '😀', ' ', 'x'.repeat(500)]) {
        const choices = bot.complete(kind, q);
        expect(choices.length, `${kind} "${q}"`).toBeLessThanOrEqual(25);
        for (const c of choices) {
          expect(c.name.length).toBeGreaterThan(0);
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeLessThanOrEqual(100);
        }
      }
    }
    expect(bot.complete('actor', '')).toHaveLength(25);
    expect(bot.complete('timezone', '')).toHaveLength(25);
  });

  it('never offers the same value twice', () => {
    for (const kind of kinds) {
      for (const q of ['', 'road', 'a', 'mois', 'e']) {
        const values = bot.complete(kind, q).map((c) => c.value);
        expect(values, `${kind} "${q}"`).toEqual([...new Set(values)]);
      }
    }
  });

  it('offers nothing for text that matches nothing', () => {
    for (const kind of kinds) expect(bot.complete(kind, 'qqqzzzxxx'), kind).toEqual([]);
  });

  it('completes actors by name or alias, prefix matches first, with values /actor finds', () => {
    const choices = bot.complete('actor', 'khat');
    expect(choices.map((c) => c.name)).toContain('Esmail Khatib');
    for (const c of choices) {
      const a = pack.actors.find((x) => x.name === c.value)!;
      expect([a.name, ...a.aliases].some((k) => normalize(k).includes('khat')), c.name).toBe(true);
      expect(bot.services.briefing.actors.lookup(c.value).found).toBe(a);
    }
    const ranked = bot.complete('actor', 'rama').map((c) => {
      const a = pack.actors.find((x) => x.name === c.value)!;
      return [a.name, ...a.aliases].some((k) => normalize(k).startsWith('rama')) ? 0 : 1;
    });
    expect(ranked).toEqual([...ranked].sort((x, y) => x - y));
    expect(ranked[0]).toBe(0);
  });

  it('completes topics by id, title or keyword, with section ids as values', () => {
    const values = bot.complete('topic', 'att').map((c) => c.value);
    expect(values).toEqual(expect.arrayContaining(['attribution', 'attack-july-2022']));
    for (const v of values) expect(pack.sections.map((s) => s.id)).toContain(v);
    expect(bot.complete('topic', 'roadsweep').map((c) => c.value)).toContain('attack-july-2022');
  });

  it('completes terms from the glossary and the malware list', () => {
    expect(bot.complete('term', 'spa').map((c) => c.value)).toContain('SPAK');
    expect(bot.complete('term', 'road').map((c) => c.value)).toContain('ROADSWEEP');
  });

  it('completes IANA time zones that the runtime accepts', () => {
    const zones = bot.complete('timezone', 'europe/t');
    expect(zones.map((z) => z.value)).toContain('Europe/Tirane');
    for (const z of zones) {
      expect(z.value.startsWith('Europe/T')).toBe(true);
      expect(() => new Intl.DateTimeFormat('en', { timeZone: z.value })).not.toThrow();
    }
  });

  it('completes phases in the case\'s order, with ids as values', () => {
    expect(bot.complete('phase', '').map((c) => c.value)).toEqual(pack.meta.phases.map((p) => p.id));
    expect(bot.complete('phase', 'esc')).toEqual([{ name: pack.meta.phases.find((p) => p.id === 'escalation')!.label, value: 'escalation' }]);
  });

  it('completes schedule kinds', () => {
    expect(bot.complete('kind', '').map((c) => c.value)).toEqual(['daily', 'on-this-day', 'weekly']);
    expect(bot.complete('kind', 'week').map((c) => c.value)).toEqual(['weekly']);
  });
});

describe('Bot.execute (typed options)', () => {
  it('checks typed options like parsed ones', async () => {
    expect(bodyText(await bot.execute(ctx(), 'actor', undefined, {}))).toContain('/actor needs a name.');
    expect(bodyText(await bot.execute(ctx(), 'brief', undefined, { length: 'long' }))).toContain('length must be one of: short, standard.');
    expect(bodyText(await bot.execute(ctx(), 'brief', undefined, { page: 0 }))).toContain('page must be a whole number');
  });

  it('refuses unknown commands and subcommands', async () => {
    expect(bodyText(await bot.execute(ctx(), 'teleport', undefined, {}))).toContain('Unknown command /teleport');
    expect(bodyText(await bot.execute(ctx(), 'schedule', 'explode', {}))).toContain('/schedule has no "explode"');
    expect((await bot.execute(ctx(), 'schedule', undefined, {})).tone).toBe('error');
  });

  it('gives the same reply as the typed line', async () => {
    const typed = await bot.execute(ctx(), 'actor', undefined, { name: 'Edi Rama' });
    const line = await bot.handleLine(ctx(), '/actor Edi Rama');
    expect(bodyText(typed)).toBe(bodyText(line));
    expect(typed.citations).toEqual(line.citations);
  });
});
