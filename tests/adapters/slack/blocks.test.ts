import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReply, type SlackMessage } from '../../../src/adapters/slack/blocks.js';
import { decodeValue, encodeValue } from '../../../src/adapters/slack/buttons.js';
import { escapeMrkdwn, fromSlackText, mrkdwnLink, splitText } from '../../../src/adapters/slack/text.js';
import { reply, type Block, type Citation, type Reply } from '../../../src/core/briefing/document.js';
import { casePack, ctx, testBot } from '../../helpers.js';
import { expectWithinSlackLimits, mrkdwnTexts, type AnyBlock } from './limits.js';

/** Block Kit's limits, and a fallback text kept well under a section's 3,000 characters. */
function expectWithinLimits(m: SlackMessage): void {
  expectWithinSlackLimits(m);
  expect(m.text.length).toBeLessThanOrEqual(3000);
}

const PINGS = /<!(channel|here|everyone)|<@[UW]|(^|[^@])@(channel|here|everyone)\b/;

function longText(words: number, word = 'attribution'): string {
  return Array.from({ length: words }, (_, i) => (i % 12 === 11 ? `${word}.` : word)).join(' ');
}

describe('Slack Block Kit renderer', () => {
  it('renders real replies within limits, with sources as links', async () => {
    const bot = testBot();
    for (const line of ['/brief', '/timeline', '/sources', '/actor MOIS', '/help', '/ask who was behind the attack?', '/timeline 2022-13']) {
      const m = renderReply(await bot.handleLine(ctx({ platform: 'slack' }), line));
      expectWithinLimits(m);
    }
    const brief = renderReply(await bot.handleLine(ctx(), '/brief'));
    const cited = casePack().sources.size > 0;
    expect(cited).toBe(true);
    expect(JSON.stringify(brief.blocks)).toMatch(/\[1\] <https?:\/\/[^|>]+\|[^>]+>/);
  });

  it('splits a very long paragraph at sentence or word boundaries, never mid-word', () => {
    const text = longText(4000);
    const m = renderReply(reply({ title: 'Long', blocks: [{ type: 'paragraph', text }] }));
    expectWithinLimits(m);
    const sections = (m.blocks as AnyBlock[]).filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(sections.length).toBeGreaterThan(5);
    for (const s of sections) {
      expect(s.startsWith('attribution')).toBe(true);
      expect(s).toMatch(/attribution\.?$/);
    }
    expect(sections.join(' ').replace(/\s+/g, ' ')).toBe(text);
  });

  it('drops what does not fit in 50 blocks and says to use Next page', () => {
    const blocks: Block[] = Array.from({ length: 80 }, (_, i) => ({ type: 'paragraph', text: `Paragraph ${i}. ${longText(50)}` }));
    const r = reply({ title: 'Many', blocks, actions: [{ kind: 'next', label: 'Next page', command: '/timeline page:2' }] });
    const m = renderReply(r);
    expectWithinLimits(m);
    expect(m.blocks).toHaveLength(50);
    expect(JSON.stringify(m.blocks)).toContain('continued — use Next page');
    expect((m.blocks.at(-1) as AnyBlock).type).toBe('actions');
  });

  it('keeps many citations, huge list items, fields and labels within limits', () => {
    const citations: Citation[] = Array.from({ length: 400 }, (_, i) => ({
      n: i + 1,
      id: `S${i}`,
      title: `A source title that goes on for a while number ${i} ${'x'.repeat(i % 7 === 0 ? 400 : 10)}`,
      publisher: 'Publisher & Co <news>',
      date: '2022-09-07',
      url: `https://example.org/a/${i}?q=1&r=2`,
      reliability: 'major-news',
    }));
    const r: Reply = reply({
      title: 'T'.repeat(400),
      blocks: [
        { type: 'list', items: Array.from({ length: 60 }, (_, i) => ({ label: `Item ${i}`, text: longText(i === 3 ? 900 : 40) })) },
        { type: 'fields', fields: Array.from({ length: 23 }, (_, i) => ({ name: `Field ${i}`, value: `Value ${i}` })) },
        { type: 'fields', fields: [{ name: 'Huge', value: longText(600) }] },
        { type: 'context', text: longText(700) },
      ],
      citations,
      actions: Array.from({ length: 30 }, (_, i) => ({ kind: 'more' as const, label: `A very long button label that Slack would reject ${i} ${'y'.repeat(80)}`, command: `/ask ${'z '.repeat(1500)}` })),
    });
    expectWithinLimits(renderReply(r));
  });

  it('never renders mention syntax as a ping, in content and echoed user text alike', () => {
    const evil = '<!channel> <!here|here> <!everyone> @everyone @here @channel <@U123> <@W999|bob> <#C1> <https://evil.example|click> &amp; & < >';
    const r = reply({
      title: evil,
      blocks: [
        { type: 'paragraph', text: evil },
        { type: 'list', items: [{ label: evil, text: evil }] },
        { type: 'fields', fields: [{ name: evil, value: evil }] },
        { type: 'context', text: evil },
      ],
      citations: [{ n: 1, id: 'S1', title: evil, publisher: evil, date: evil, url: 'https://example.org/x?a=1&b=<2>|3', reliability: 'primary' }],
      actions: [{ kind: 'more', label: evil, command: '/ask x' }],
    });
    const m = renderReply(r);
    expectWithinLimits(m);
    for (const t of mrkdwnTexts(m)) {
      expect(t).not.toMatch(PINGS);
      expect(t).not.toContain('<https://evil');
    }
    const links = mrkdwnTexts(m).flatMap((t) => [...t.matchAll(/<([^>]*)>/g)].map((x) => x[1]!));
    // The only link is the citation's, built by the renderer, with its URL kept intact but safe.
    expect(links).toEqual(['https://example.org/x?a=1&amp;b=%3C2%3E%7C3|' + escapeMrkdwn(evil).replace(/\|/g, '¦')]);
  });

  it('fuzz: arbitrary text stays within limits and never pings', () => {
    const piece = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('<!channel>', '@everyone', '<@U123>', '&', '<', '>', '\n\n', '. ', 'x'.repeat(3100)));
    const text = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const m = renderReply(reply({ title: a, blocks: [{ type: 'paragraph', text: a }, { type: 'list', items: [{ label: b, text: a }] }, { type: 'context', text: b }] }));
        expectWithinLimits(m);
        for (const t of mrkdwnTexts(m)) expect(t).not.toMatch(PINGS);
      }),
      { numRuns: 150 },
    );
  });

  it('offers Share only where the reply is private, and names who shared a copy', () => {
    const r = reply({ blocks: [{ type: 'paragraph', text: 'x' }], actions: [{ kind: 'share', label: 'Share in channel', command: '/brief' }, { kind: 'feedback-up', label: '👍', command: '/brief' }] });
    const ids = (m: SlackMessage) => (m.blocks as AnyBlock[]).flatMap((b) => b.elements ?? []).map((e) => String(e.action_id));
    expect(ids(renderReply(r))).toEqual(['casebrief:share:0', 'casebrief:feedback-up:1']);
    expect(ids(renderReply(r, { shareable: false }))).toEqual(['casebrief:feedback-up:0']);
    const shared = renderReply({ ...r, visibility: 'public' }, { sharedBy: 'U0ANN' });
    expect(JSON.stringify(shared.blocks)).toContain('Shared by <@U0ANN>');
    expect(JSON.stringify(renderReply(r, { sharedBy: '<!channel>' }).blocks)).not.toContain('Shared by');
  });
});

describe('Slack text helpers', () => {
  it('escapes mrkdwn control characters and defuses @-mentions', () => {
    expect(escapeMrkdwn('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMrkdwn('@here')).not.toBe('@here');
    expect(escapeMrkdwn('mail@hereford.example')).toContain('@hereford');
  });

  it('builds links only from http(s) URLs', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'x')).toBeUndefined();
    expect(mrkdwnLink('not a url', 'x')).toBeUndefined();
    expect(mrkdwnLink('https://a.example/p?x=1&y=2', 'T|x')).toBe('<https://a.example/p?x=1&amp;y=2|T¦x>');
  });

  it('splits at paragraph, then sentence, then word boundaries', () => {
    const para = `${'a'.repeat(60)}\n\n${'b'.repeat(30)}`;
    expect(splitText(para, 80)).toEqual(['a'.repeat(60), 'b'.repeat(30)]);
    expect(splitText('One two three. Four five six.', 20)).toEqual(['One two three.', 'Four five six.']);
    expect(splitText('alpha beta gamma delta', 11)).toEqual(['alpha beta', 'gamma delta']);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    // Measured after escaping, so an escaped chunk still fits.
    for (const c of splitText('& '.repeat(100), 50, (s) => escapeMrkdwn(s).length)) expect(escapeMrkdwn(c).length).toBeLessThanOrEqual(50);
  });

  it('reads Slack markup in incoming text as plain words', () => {
    expect(fromSlackText('<@U1|ann> and <#C1|general> said &lt;hi&gt; &amp; <https://x.example|x> <!here>')).toBe('@ann and #general said <hi> & x @here');
  });

  it('encodes button values within 2,000 characters, cutting long commands at a word', () => {
    const long = `/ask ${'word '.repeat(800)}`;
    const v = encodeValue('share', long);
    expect(v.length).toBeLessThanOrEqual(2000);
    const back = decodeValue(v)!;
    expect(back.k).toBe('share');
    expect(long.startsWith(back.c)).toBe(true);
    expect(back.c.endsWith('word')).toBe(true);
    expect(decodeValue('{"k":"rm -rf","c":"x"}')).toBeUndefined();
    expect(decodeValue('not json')).toBeUndefined();
    const quotes = encodeValue('more', `/ask ${'"\\'.repeat(1500)}`);
    expect(quotes.length).toBeLessThanOrEqual(2000);
    expect(decodeValue(quotes)).toBeDefined();
  });
});
