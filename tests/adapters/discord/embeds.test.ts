import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ButtonCodec } from '../../../src/adapters/discord/buttons.js';
import { citationLine, renderReply, type DiscordMessage } from '../../../src/adapters/discord/embeds.js';
import { interactionOptions, replyOptions, restBody } from '../../../src/adapters/discord/payload.js';
import { escapeText, splitText, truncate } from '../../../src/adapters/discord/text.js';
import type { Action, ActionKind, Block, Citation, Reply } from '../../../src/core/briefing/document.js';
import { casePack, ctx, testBot } from '../../helpers.js';
import { expectWithinDiscordLimits } from './limits.js';

const codec = new ButtonCodec();
const render = (r: Reply, isPublic = false) => renderReply(r, { customId: (a) => codec.encode(a), isPublic });

/** Every limit Discord enforces on one message. */
/** All text a message would show, for checking what could ping. */
function shownText(m: DiscordMessage): string {
  return [m.content ?? '', ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]), ...m.components.flatMap((r) => r.components.map((b) => b.label ?? ''))].join('\n');
}

// Text built from nasty pieces: pings, markdown, long words, emoji, newlines.
const piece = fc.oneof(
  fc.constantFrom('@everyone', '@here', '<@123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>', '**', '_', '`', '```', '||', '~~', '> ', '# ', '- ', '1. ', '[x](https://e.vil)', '\n', '\n\n', '. ', ' ', '😀', 'é'),
  fc.stringMatching(/^[a-z]{1,12}$/),
  fc.string({ minLength: 0, maxLength: 40 }),
);
const text = (max: number) => fc.array(piece, { maxLength: max }).map((p) => p.join(''));
const block: fc.Arbitrary<Block> = fc.oneof(
  fc.record({ type: fc.constant('paragraph' as const), text: fc.oneof(text(30), text(3000)) }),
  fc.record({ type: fc.constant('context' as const), text: text(60) }),
  fc.record({ type: fc.constant('list' as const), items: fc.array(fc.record({ label: fc.option(text(10), { nil: undefined }), text: text(200) }), { maxLength: 60 }) }),
  fc.record({ type: fc.constant('fields' as const), fields: fc.array(fc.record({ name: text(80), value: text(600) }), { maxLength: 40 }) }),
);
const citation: fc.Arbitrary<Citation> = fc.record({
  n: fc.nat(999),
  id: fc.constant('S1'),
  title: text(60),
  publisher: text(20),
  date: fc.constantFrom('2022-09-07', '2022-09', ''),
  url: fc.option(fc.oneof(fc.webUrl(), fc.constant('javascript:alert(1)'), fc.constant('https://e.x/a_(b)')), { nil: undefined }),
  reliability: fc.constant('major-news' as Citation['reliability']),
});
const action: fc.Arbitrary<Action> = fc.record({
  kind: fc.constantFrom<ActionKind>('more', 'sources', 'next', 'share', 'feedback-up', 'feedback-down'),
  label: text(40),
  command: fc.oneof(fc.constant('/brief'), text(80).map((t) => `/ask ${t}`)),
});
const hugeReply: fc.Arbitrary<Reply> = fc.record({
  title: fc.option(text(200), { nil: undefined }),
  blocks: fc.array(block, { maxLength: 12 }),
  citations: fc.array(citation, { maxLength: 80 }),
  actions: fc.array(action, { maxLength: 40 }),
  tone: fc.constantFrom('info', 'answer', 'error', 'notice'),
  visibility: fc.constantFrom('private', 'public'),
});

describe('renderReply', () => {
  it('stays within every Discord limit, whatever the reply', () => {
    fc.assert(
      fc.property(hugeReply, fc.boolean(), (reply, isPublic) => {
        const messages = render(reply, isPublic);
        expect(messages.length).toBeGreaterThan(0);
        expect(messages.length).toBeLessThanOrEqual(5);
        for (const m of messages) expectWithinDiscordLimits(m);
        // Buttons only on the last message, and never a share button on a public post.
        for (const m of messages.slice(0, -1)) expect(m.components).toEqual([]);
        if (isPublic) expect(messages.flatMap((m) => m.components.flatMap((r) => r.components.map((b) => b.custom_id))).some((id) => id.includes('share'))).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('never shows text that looks like a ping, and every send path turns pings off', () => {
    fc.assert(
      fc.property(hugeReply, (reply) => {
        for (const m of render(reply)) {
          expect(shownText(m)).not.toMatch(/@(everyone|here)|<@[!&]?\d|<#\d/);
          expect(restBody(m).allowed_mentions).toEqual({ parse: [] });
          expect(interactionOptions(m, true).allowedMentions).toEqual({ parse: [], repliedUser: false });
          expect(replyOptions(m).allowedMentions).toEqual({ parse: [], repliedUser: false });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('spreads a long reply over several messages and says when it had to shorten it', () => {
    const paragraph = 'The attack took government services offline for days. '.repeat(30);
    const reply: Reply = {
      title: 'Long',
      blocks: Array.from({ length: 12 }, () => ({ type: 'paragraph' as const, text: paragraph })),
      citations: [],
      actions: [{ kind: 'more', label: 'More', command: '/brief' }],
      tone: 'info',
      visibility: 'private',
    };
    const two = render(reply);
    expect(two.length).toBeGreaterThan(1);
    expect(two.map((m) => m.content).filter(Boolean)).toEqual([]);
    const huge = render({ ...reply, blocks: Array.from({ length: 80 }, () => ({ type: 'paragraph' as const, text: paragraph })) });
    expect(huge).toHaveLength(5);
    expect(huge[4]!.content).toMatch(/Shortened/);
    expect(huge[4]!.components).toHaveLength(1);
    // Every piece ends at a sentence, never mid-word.
    for (const e of huge.flatMap((m) => m.embeds)) expect(e.description).toMatch(/days\.$/);
  });

  it('renders every real reply of the case within limits', async () => {
    const bot = testBot(casePack());
    for (const line of ['/brief', '/brief short', '/timeline', '/timeline 2022-09', '/actor MOIS', '/sources', '/help', '/glossary wiper', 'who was behind the attack?', '/breif', '/actor zzzq']) {
      const messages = render(await bot.handleLine(ctx(), line));
      for (const m of messages) expectWithinDiscordLimits(m);
    }
  });

  it('puts the title on the first embed, citations as numbered links under Sources, and page context in the footer', () => {
    const reply: Reply = {
      title: 'Timeline: September 2022',
      blocks: [
        { type: 'paragraph', text: 'Albania cut ties with Iran. [1]' },
        { type: 'context', text: 'Page 1 of 2' },
      ],
      citations: [{ n: 1, id: 'S28', title: 'Albania cuts [diplomatic] ties', publisher: 'DW', date: '2022-09-07', url: 'https://example.org/a_(b)', reliability: 'major-news' }],
      actions: [{ kind: 'next', label: 'Next page', command: '/timeline 2022-09 page:2' }],
      tone: 'info',
      visibility: 'private',
    };
    const [m] = render(reply);
    expect(m!.embeds[0]!.title).toBe('Timeline: September 2022');
    expect(m!.embeds[0]!.footer?.text).toBe('Page 1 of 2');
    const sources = m!.embeds.find((e) => e.title === 'Sources')!;
    expect(sources.description).toBe('**[1]** [Albania cuts \\[diplomatic\\] ties](https://example.org/a_%28b%29) — DW, 2022-09-07');
    expect(m!.components[0]!.components[0]).toMatchObject({ label: 'Next page', custom_id: 'cb|next|/timeline 2022-09 page:2' });
  });

  it('sends notices and errors as plain content', () => {
    const [m] = render({ blocks: [{ type: 'paragraph', text: 'Thanks for the feedback.' }], citations: [], actions: [], tone: 'notice', visibility: 'private' });
    expect(m).toEqual({ content: 'Thanks for the feedback.', embeds: [], components: [] });
  });

  it('drops links that are not web links', () => {
    expect(citationLine({ n: 2, id: 'S2', title: 'Evil', publisher: 'X', date: '', url: 'javascript:alert(1)', reliability: 'unknown' as Citation['reliability'] })).toBe('**[2]** Evil — X');
  });
});

describe('text helpers', () => {
  const word = fc.stringMatching(/^[a-zA-Z0-9]{1,20}$/);
  const sep = fc.constantFrom(' ', '\n', '\n\n', '. ', '? ');

  it('splits at boundaries, never inside a word, and loses nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, sep), { minLength: 1, maxLength: 400 }), fc.integer({ min: 25, max: 500 }), (parts, max) => {
        const input = parts.map(([w, s]) => w + s).join('');
        const pieces = splitText(input, max);
        for (const p of pieces) expect(p.length).toBeLessThanOrEqual(max);
        const words = (s: string) => s.split(/[\s.?]+/).filter(Boolean);
        expect(pieces.flatMap(words)).toEqual(words(input));
      }),
    );
  });

  it('prefers paragraph breaks over sentence and word breaks', () => {
    const a = 'First paragraph. It has two sentences.';
    const b = 'Second one is here.';
    expect(splitText(`${a}\n\n${b}`, 45)).toEqual([a, b]);
    expect(splitText('One sentence here. Another sentence there.', 30)).toEqual(['One sentence here.', 'Another sentence there.']);
  });

  it('only cuts inside a word when a single word is longer than the limit', () => {
    const pieces = splitText(`short ${'x'.repeat(50)} end`, 20);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(20);
    expect(pieces.join('')).toContain('x'.repeat(20));
  });

  it('truncates at a word with an ellipsis', () => {
    expect(truncate('Share this in the channel please', 16)).toBe('Share this in…');
    expect(truncate('short', 16)).toBe('short');
  });

  it('escapes markdown and breaks up mentions', () => {
    expect(escapeText('*bold* _it_ `code` ||spoiler|| [x](https://a.b)')).toBe('\\*bold\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\[x](https://a.b)');
    expect(escapeText('> quote\n# heading')).toBe('\\> quote\n\\# heading');
    expect(escapeText('@everyone <@123> <@&4> <#5>')).not.toMatch(/@everyone|<@\d|<@&\d|<#\d/);
    // URLs stay clickable.
    expect(escapeText('see https://example.org/a_b_c')).toBe('see https://example.org/a_b_c');
  });
});
