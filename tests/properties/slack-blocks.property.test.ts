import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReply, type SlackMessage } from '../../src/adapters/slack/blocks.js';
import { expectWithinSlackLimits, mrkdwnTexts } from '../adapters/slack/limits.js';
import { reply } from '../../src/core/briefing/document.js';
import { DISCORD_MENTIONS, mixed, replyArb, SLACK_MENTIONS } from './arbitraries.js';

/** A link the renderer builds from a citation URL: <http(s)://target|label>. */
const LINK = /<(https?:\/\/[^<>|\s]*)\|([^<>]*)>/g;

/**
 * No ping and no markup from content: the only `<…>` left are the renderer's own links (and the
 * "Shared by" mention the caller asked for); `&` only starts an escape; no bare @here/@channel/@everyone.
 */
function expectNoPings(m: SlackMessage, sharedBy?: string): void {
  const allowed = sharedBy && /^[UW][A-Z0-9]{2,20}$/.test(sharedBy) ? `Shared by <@${sharedBy}>` : undefined;
  for (const raw of mrkdwnTexts(m)) {
    const t = allowed && raw === allowed ? '' : raw;
    const outside = t.replace(LINK, (_all, target: string, label: string) => {
      expect(label, 'a link label').not.toMatch(/@(everyone|here|channel)\b/i);
      expect(target).not.toMatch(/&(?!amp;)/);
      return '';
    });
    expect(outside, 'markup outside the renderer-built links').not.toMatch(/[<>]/);
    expect(outside, 'an unescaped &').not.toMatch(/&(?!(amp|lt|gt);)/);
    expect(outside, 'a bare @everyone/@here/@channel').not.toMatch(/@(everyone|here|channel)\b/i);
  }
}

const sharedBy = fc.option(fc.oneof(fc.constantFrom('U0ANN', 'W999', '<!channel>', 'U1>|<!here', 'u0ann'), fc.string({ maxLength: 30 })), { nil: undefined });

describe('Slack Block Kit renderer: random replies', () => {
  it("stays within Slack's documented limits and never pings", () => {
    fc.assert(
      fc.property(replyArb, fc.option(fc.boolean(), { nil: undefined }), sharedBy, (r, shareable, by) => {
        const m = renderReply(r, { shareable, sharedBy: by });
        expectWithinSlackLimits(m);
        expectNoPings(m, by);
      }),
      { numRuns: 200 },
    );
  });

  it('escapes mention syntax from content instead of dropping or passing it', () => {
    const mention = fc.constantFrom(...SLACK_MENTIONS.filter((x) => !x.startsWith('<http') && !x.startsWith('<mailto')), ...DISCORD_MENTIONS.filter((x) => x.startsWith('<')));
    fc.assert(
      fc.property(mention, mixed(6), mixed(6), fc.constantFrom('paragraph', 'context', 'list', 'fields'), (ping, before, after, where) => {
        const text = `${before} ${ping} ${after}`;
        const block =
          where === 'list'
            ? { type: 'list' as const, items: [{ text }] }
            : where === 'fields'
              ? { type: 'fields' as const, fields: [{ name: 'Name', value: text }] }
              : { type: where, text };
        const m = renderReply(reply({ blocks: [block] }));
        expectWithinSlackLimits(m);
        expectNoPings(m);
        const escaped = ping.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
        expect(mrkdwnTexts(m).join('\n')).toContain(escaped);
      }),
      { numRuns: 150 },
    );
  });
});
