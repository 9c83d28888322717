import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteUser } from '../../../src/core/briefing/sanitize.js';

/** Mention syntax that pings in Slack or Discord. */
const PING = /@(everyone|here|channel)\b|<[@#!&]/i;
/** C0/C1 controls, zero-width and bidi formatting characters. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/** What a reader sees: the zero-width space quoteUser inserts is fine, so strip it before looking at the rest. */
const visible = (s: string) => s.replace(/\u200b/g, '');

describe('quoteUser', () => {
  it('neutralises broadcast mentions in any case', () => {
    for (const t of ['@everyone', '@here', '@channel', 'hi @Everyone!', '@HERE now']) {
      const q = quoteUser(t);
      expect(q, t).not.toMatch(PING);
      expect(visible(q), 'the text still reads the same').toBe(t.trim());
    }
  });

  it('neutralises Slack and Discord mention syntax', () => {
    for (const t of ['<!channel>', '<!here>', '<!everyone>', '<@U1>', '<@U123ABC> hi', '<#C42>', '<@&987>', '<!subteam^S1>']) {
      const q = quoteUser(t);
      expect(q, t).not.toMatch(PING);
      expect(visible(q)).toBe(t);
    }
  });

  it('replaces control and bidi characters with spaces and collapses whitespace', () => {
    expect(quoteUser('a\u202eb')).toBe('a b');
    expect(quoteUser('x\u0000y\u0007z\u001b[31m')).toBe('x y z [31m');
    expect(quoteUser('left\u2066isolate\u2069right')).toBe('left isolate right');
    expect(quoteUser('\ufeffbom \u200fmark')).toBe('bom mark');
    expect(quoteUser('a\n\n\tb   c')).toBe('a b c');
  });

  it('does not let removed characters rebuild a mention', () => {
    for (const t of ['@every\u200bone', '@\u200beveryone', '<\u0000!here>', '<\u200b@U1>']) {
      expect(quoteUser(t), JSON.stringify(t)).not.toMatch(PING);
    }
  });

  it('keeps ordinary text, accents, emoji and right-to-left scripts', () => {
    expect(quoteUser('Manëz 😀 مرحبا')).toBe('Manëz 😀 مرحبا');
    expect(quoteUser('e\u0301')).toBe('é');
  });

  it('bounds the length by characters, not UTF-16 units, with an ellipsis', () => {
    expect(quoteUser('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`);
    expect(quoteUser('x'.repeat(80))).toBe('x'.repeat(80));
    const emoji = quoteUser('😀'.repeat(50), 10);
    expect([...emoji]).toHaveLength(10);
    expect(emoji.endsWith('😀…')).toBe(true);
  });

  it('never returns a ping, an invisible character or more than the maximum (property)', () => {
    const pieces = fc.constantFrom('@everyone', '@here', '<!channel>', '<@U1>', '<#C1>', '\u202e', '\u0000', '\u200b', '\n', ' ', 'a', 'é', '😀', '<', '@', '!');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string(), fc.string({ unit: 'binary' })), { maxLength: 30 }), fc.integer({ min: 2, max: 120 }), (parts, max) => {
        const q = quoteUser(parts.join(''), max);
        expect(q).not.toMatch(PING);
        expect(visible(q)).not.toMatch(INVISIBLE);
        expect([...q].length).toBeLessThanOrEqual(max);
      }),
    );
  });
});
