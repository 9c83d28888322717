import fc from 'fast-check';
import type { Context, Platform } from '../../src/commands/types.js';
import type { Action, ActionKind, Block, Citation, Reply } from '../../src/core/briefing/document.js';
import { reliabilities } from '../../src/core/content/schema.js';

/**
 * Building blocks for the bad-input properties: text that is hostile to chat platforms
 * (pings, markup, bidi tricks, invisible and control characters, lone surrogates, huge runs).
 */

export const SLACK_MENTIONS = ['<!channel>', '<!here>', '<!everyone>', '<!here|here>', '<@U123>', '<@W999|bob>', '<#C1>', '<#C1|general>', '<!subteam^S1>', '<!subteam^S1|@team>', '<!date^1392734382^{date}|x>', '<https://evil.example|click>', '<mailto:a@b.c|mail>'] as const;
export const DISCORD_MENTIONS = ['@everyone', '@here', '@channel', '@EveryOne', '<@123>', '<@!123>', '<@&456>', '<#789>', '<@123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>', '</ask:123456789012345678>'] as const;
export const BIDI = ['\u202e', '\u202d', '\u202a', '\u202b', '\u202c', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'] as const;
export const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u034f', '\u180e'] as const;
export const CONTROL = ['\u0000', '\u0007', '\b', '\t', '\r', '\n', '\r\n', '\u000b', '\f', '\u001b[31m', '\u007f', '\u0085', '\u2028', '\u2029', '\u00a0', '\u3000'] as const;
export const EMOJI = ['😀', '👍🏽', '👨‍👩‍👧‍👦', '🇦🇱', '🇮🇷', '🏴‍☠️', '❤️', '1️⃣', '🫠'] as const;
export const RTL = ['مرحبا بالعالم', 'שלום עולם', 'حمله سایبری به آلبانی', 'ایران', 'ܫܠܡܐ', 'ދިވެހި'] as const;
export const MARKUP = ['**', '*', '_', '__', '~', '~~', '`', '```', '||', '> ', '>>> ', '# ', '- ', '1. ', '[x](https://e.vil)', '[1]', '[99]', '&', '&amp;', '&lt;!channel&gt;', '<', '>', '|', '\\', '"', '“', '”', "'", ':', 'e\u0301', 'Z̴̡̢̛͈̹̈́', '\ud800', '\udfff', '\udbff\udfff'] as const;
export const COMMANDISH = ['/brief', '/ask', '/timeline', '/actor', '/sources', '/glossary', '/schedule', '/help', 'add', 'list', 'remove', 'preview', 'page:0', 'page:2', 'page:-1', 'page:1e3', 'page:99999999999999999999', 'topic:', 'length:short', 'length:LONG', 'phase:"later waves"', 'name:"Edi Rama"', 'kind:weekly', 'when:', 'timezone:Mars/Base', 'from:2022-13', 'to:0000-00-00', 'short', 'standard', 'MOIS', 'HomeLand Justice', 'ROADSWEEP', 'wiper', 'attribution', '2022-07', '2022-09-07', 'who was behind it?', 'tell me more', 'daily 09:00', '0 9 * * 1-5', 'Europe/Tirane'] as const;

const hostilePiece = fc.constantFrom<string>(...SLACK_MENTIONS, ...DISCORD_MENTIONS, ...BIDI, ...ZERO_WIDTH, ...CONTROL, ...EMOJI, ...RTL, ...MARKUP);

/** One piece of text: hostile syntax, a command-like word, a word, or random characters of any kind. */
export const piece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostilePiece },
  { weight: 2, arbitrary: fc.constantFrom<string>(...COMMANDISH) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-zA-Z]{1,12}$/) },
  { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '\n\n', '. ', ', ') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
);

/** Hostile pieces run together, mostly separated by spaces so they read as words. */
export const mixed = (maxPieces = 30): fc.Arbitrary<string> =>
  fc.array(fc.tuple(piece, fc.constantFrom(' ', ' ', ' ', '', '\n')), { maxLength: maxPieces }).map((ps) => ps.map(([p, s]) => p + s).join(''));

/** A long run (up to `max` UTF-16 units, ~20 kB by default) of one piece or of mixed text. */
export const huge = (max = 20_000): fc.Arbitrary<string> =>
  fc.tuple(fc.oneof(piece.filter((p) => p.length > 0), mixed(20).filter((m) => m.length > 0)), fc.integer({ min: 1_000, max })).map(([p, n]) => p.repeat(Math.ceil(n / p.length)).slice(0, n));

/** Any string at all: full Unicode (lone surrogates included), graphemes, hostile mixes, huge inputs. */
export const anyText = (opts: { huge?: boolean } = {}): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
    { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
    { weight: 6, arbitrary: mixed() },
    ...(opts.huge === false ? [] : [{ weight: 1, arbitrary: huge() }]),
  );

/** Pings that could reach people if a platform rendered the text as is. */
export const PING_PATTERNS: readonly RegExp[] = [
  /@(everyone|here|channel)/i, // a bare @everyone/@here, not broken by a zero-width space
  /<!/, // Slack special mentions: <!channel>, <!here>, <!everyone>, <!subteam^…>
  /<@/, // Slack and Discord user and role mentions: <@U123>, <@123>, <@&456>
  /<#/, // channel links: <#C1>, <#789>
];

/** The first ping-like sequence in text, or undefined. */
export function findPing(text: string): string | undefined {
  for (const re of PING_PATTERNS) {
    const m = re.exec(text);
    if (m) return JSON.stringify(text.slice(Math.max(0, m.index - 20), m.index + 30));
  }
  return undefined;
}

export const platform = fc.constantFrom<Platform>('console', 'slack', 'discord');

export const context: fc.Arbitrary<Context> = fc.record({
  platform,
  userId: fc.oneof(fc.constantFrom('u1', 'U0ANN', '123456789012345678'), fc.string({ maxLength: 20 })),
  channelId: fc.oneof(fc.constantFrom('c1', 'C0GEN', '987654321098765432'), fc.string({ maxLength: 20 })),
  isDirect: fc.boolean(),
  canManageSchedules: fc.boolean(),
});

export const ACTION_KINDS: readonly ActionKind[] = ['more', 'sources', 'next', 'share', 'feedback-up', 'feedback-down'];

/** A long text (up to `max` UTF-16 units) made of many short lines: huge, but with no runaway line. */
export const hugeLines = (max = 20_000): fc.Arbitrary<string> =>
  fc.tuple(mixed(12).filter((m) => m.trim().length > 0), fc.integer({ min: 1_000, max })).map(([p, n]) => `${p.replace(/\n/g, ' ')}\n`.repeat(Math.ceil(n / (p.length + 1))).slice(0, n));

/** How the document model's huge texts are made: one runaway run, or many lines. */
export type HugeText = (max: number) => fc.Arbitrary<string>;

/** Text for the document model: mostly short, sometimes huge. */
const modelText = (maxPieces: number, big: HugeText) =>
  fc.oneof({ weight: 5, arbitrary: mixed(maxPieces) }, { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) }, { weight: 1, arbitrary: big(12_000) });

const blockOf = (big: HugeText): fc.Arbitrary<Block> =>
  fc.oneof(
    fc.record({ type: fc.constant('paragraph' as const), text: modelText(60, big) }),
    fc.record({ type: fc.constant('context' as const), text: modelText(30, big) }),
    fc.record({ type: fc.constant('list' as const), items: fc.array(fc.record({ label: fc.option(modelText(6, big), { nil: undefined }), text: modelText(40, big) }), { maxLength: 40 }) }),
    fc.record({ type: fc.constant('fields' as const), fields: fc.array(fc.record({ name: modelText(8, big), value: modelText(40, big) }), { maxLength: 30 }) }),
  );

export const urlArb: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'javascript:alert(1)',
    'data:text/html,<script>',
    'https://e.x/a_(b)',
    'https://example.org/x?a=1&b=<2>|3',
    'https://<!channel>@evil.example/<@U123>',
    'https://evil.example/|<!here>',
    'http://[::1]/',
    'ftp://x.example/',
    'not a url',
    '',
    `https://example.org/${'x'.repeat(3_500)}`,
  ),
  anyText({ huge: false }),
);

const citationOf = (big: HugeText): fc.Arbitrary<Citation> =>
  fc.record({
    n: fc.integer({ min: 0, max: 10_000 }),
    id: fc.string({ maxLength: 10 }),
    title: modelText(20, big),
    publisher: modelText(8, big),
    date: fc.oneof(fc.constantFrom('2022-09-07', '2022-09', '2022', ''), mixed(4)),
    url: fc.option(urlArb, { nil: undefined }),
    reliability: fc.constantFrom(...reliabilities),
  });

export const commandArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('/brief', '/timeline 2022-09 page:2', '/sources attribution', ''),
  mixed(20).map((t) => `/ask ${t}`),
  anyText(),
);

const actionOf = (big: HugeText): fc.Arbitrary<Action> =>
  fc.record({
    kind: fc.constantFrom(...ACTION_KINDS),
    label: fc.oneof({ weight: 4, arbitrary: mixed(6) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) }, { weight: 1, arbitrary: big(3_000) }),
    command: commandArb,
  });

/**
 * Random replies in the document model: anything the core could produce, and worse.
 * `big` makes the huge texts: single runaway runs by default, or many short lines.
 */
export const replyOf = (big: HugeText = huge): fc.Arbitrary<Reply> =>
  fc.record({
    title: fc.option(fc.oneof(mixed(10), fc.string({ unit: 'binary', maxLength: 400 }), big(2_000)), { nil: undefined }),
    blocks: fc.array(blockOf(big), { maxLength: 14 }),
    citations: fc.array(citationOf(big), { maxLength: 60 }),
    actions: fc.array(actionOf(big), { maxLength: 35 }),
    tone: fc.constantFrom('info', 'answer', 'error', 'notice'),
    visibility: fc.constantFrom('private', 'public'),
  });

export const replyArb: fc.Arbitrary<Reply> = replyOf();
