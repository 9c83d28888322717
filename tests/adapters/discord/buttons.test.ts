import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ButtonCodec, CUSTOM_ID_MAX } from '../../../src/adapters/discord/buttons.js';
import type { ActionKind } from '../../../src/core/briefing/document.js';

const kinds: ActionKind[] = ['more', 'sources', 'next', 'share', 'feedback-up', 'feedback-down'];

describe('ButtonCodec', () => {
  it('round-trips any command within 100 characters of custom_id', () => {
    const codec = new ButtonCodec();
    fc.assert(
      fc.property(fc.constantFrom(...kinds), fc.string({ maxLength: 300 }), (kind, command) => {
        const id = codec.encode({ kind, command });
        expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
        expect(codec.decode(id)).toEqual({ kind, command });
      }),
    );
  });

  it('encodes short commands directly, so they survive a restart', () => {
    const id = new ButtonCodec().encode({ kind: 'next', command: '/timeline 2022 page:2' });
    expect(id).toBe('cb|next|/timeline 2022 page:2');
    expect(new ButtonCodec().decode(id)).toEqual({ kind: 'next', command: '/timeline 2022 page:2' });
  });

  it('reuses the token of a command it already stores, and forgets the oldest beyond its bound', () => {
    const codec = new ButtonCodec(2);
    const long = (n: number) => `/ask ${'why '.repeat(30)}${n}`;
    const first = codec.encode({ kind: 'share', command: long(1) });
    expect(codec.encode({ kind: 'feedback-up', command: long(1) }).split('#')[2]).toBe(first.split('#')[2]);
    codec.encode({ kind: 'share', command: long(2) });
    codec.encode({ kind: 'share', command: long(3) });
    expect(codec.decode(first)).toEqual({ kind: 'share', expired: true });
  });

  it('ignores custom ids that are not its own', () => {
    const codec = new ButtonCodec();
    expect(codec.decode('other-bot:thing')).toBeUndefined();
    expect(codec.decode('cb|unknown|/brief')).toBeUndefined();
  });
});
