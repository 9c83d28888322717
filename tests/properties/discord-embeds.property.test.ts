import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ButtonCodec } from '../../src/adapters/discord/buttons.js';
import { renderReply, type DiscordMessage } from '../../src/adapters/discord/embeds.js';
import { expectWithinDiscordLimits } from '../adapters/discord/limits.js';
import { interactionOptions, replyOptions, restBody, sendOptions } from '../../src/adapters/discord/payload.js';
import { reply, type Reply } from '../../src/core/briefing/document.js';
import { hugeLines, replyOf, SLACK_MENTIONS } from './arbitraries.js';

/** Every send path turns every kind of ping off: no parse, no users or roles listed, no reply ping. */
function expectNoPingsAllowed(m: DiscordMessage): void {
  expect(restBody(m).allowed_mentions).toEqual({ parse: [] });
  for (const opts of [interactionOptions(m, true), interactionOptions(m, false), replyOptions(m), sendOptions(m)]) {
    expect(opts.allowedMentions).toBeDefined();
    expect(opts.allowedMentions!.parse).toEqual([]);
    expect(opts.allowedMentions!.users ?? []).toEqual([]);
    expect(opts.allowedMentions!.roles ?? []).toEqual([]);
    expect(opts.allowedMentions!.repliedUser ?? false).toBe(false);
  }
}

/** All text a message shows. */
function shownText(m: DiscordMessage): string {
  return [
    m.content ?? '',
    ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
    ...m.components.flatMap((r) => r.components.map((b) => b.label ?? '')),
  ].join('\n');
}

/**
 * Huge texts here come as many short lines: discord.js's escapeMarkdown (italic escaping) takes
 * time quadratic in the length of a line, so runaway single lines get their own, smaller check below.
 */
const replyArb = replyOf(hugeLines);

describe('Discord embeds renderer: random replies', () => {
  it("stays within Discord's documented limits, with pings off on every payload", () => {
    const codec = new ButtonCodec();
    fc.assert(
      fc.property(replyArb, fc.boolean(), (r: Reply, isPublic) => {
        const messages = renderReply(r, { customId: (a) => codec.encode(a), isPublic });
        expect(messages.length).toBeGreaterThan(0);
        for (const m of messages) {
          expectWithinDiscordLimits(m);
          expectNoPingsAllowed(m);
          // Belt and braces: the text does not even look like a ping.
          expect(shownText(m)).not.toMatch(/@(everyone|here)|<@[!&]?\d|<#\d/i);
        }
        // Every button runs one of the reply's own actions.
        for (const b of messages.flatMap((m) => m.components.flatMap((row) => row.components))) {
          const press = codec.decode(b.custom_id);
          expect(press).toBeDefined();
          if (press && 'command' in press) expect(r.actions.some((a) => a.kind === press.kind && a.command === press.command)).toBe(true);
          if (isPublic) expect(press?.kind).not.toBe('share');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('renders runaway single-line texts (kilobytes without a line break) within limits', () => {
    // Completes, but slowly: a 12 kB line takes over a second to escape, 20 kB about four (see the note on replyArb above).
    const codec = new ButtonCodec();
    const runaway = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    const cases: Reply[] = [
      reply({ blocks: [{ type: 'paragraph', text: runaway('a', 12_000) }], tone: 'answer' }),
      ...['@everyone', SLACK_MENTIONS[0], '<@&123456789012345678>', '\u2060'].map((unit) => {
        const text = runaway(unit, 2_000);
        return reply({
          title: text,
          blocks: [{ type: 'paragraph', text }, { type: 'fields', fields: [{ name: text, value: text }] }, { type: 'context', text }],
          actions: [{ kind: 'more', label: text, command: `/ask ${text}` }],
          tone: 'answer',
        });
      }),
    ];
    for (const r of cases) {
      for (const m of renderReply(r, { customId: (a) => codec.encode(a) })) {
        expectWithinDiscordLimits(m);
        expectNoPingsAllowed(m);
        expect(shownText(m)).not.toMatch(/@(everyone|here)|<@[!&]?\d|<#\d/i);
      }
    }
  });
});
