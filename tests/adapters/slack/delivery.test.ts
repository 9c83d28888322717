import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDeliveryError } from '../../../src/adapters/slack/delivery.js';
import { reply } from '../../../src/core/briefing/document.js';
import { DeliveryError } from '../../../src/core/schedule/delivery.js';
import { startHarness, type Harness } from './harness.js';

const post = reply({ title: 'Daily briefing', blocks: [{ type: 'paragraph', text: 'On this day in 2022 <!channel>.' }], visibility: 'public', actions: [{ kind: 'next', label: 'Next', command: '/brief background' }] });

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DeliveryError);
    return err as DeliveryError;
  }
  throw new Error('expected the post to fail');
}

describe('SlackDelivery (scheduled posts)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('posts blocks with chat.postMessage, without a share button and without link previews', async () => {
    h.fake.on('chat.postMessage', (c) => ({ ok: true, channel: c.params.channel, ts: '1.0' }));
    await h.slack.delivery.post('C0DAILY', post);
    const call = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(call.params.channel).toBe('C0DAILY');
    expect(call.params.unfurl_links).toBe('false');
    const blocks = JSON.stringify(call.params.blocks);
    expect(blocks).toContain('Daily briefing');
    expect(blocks).toContain('casebrief:next:0');
    expect(blocks).not.toContain('casebrief:share');
    expect(blocks).not.toContain('<!channel>');
    expect(h.slack.delivery.platform).toBe('slack');
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'channel_is_archived', 'account_inactive', 'invalid_auth', 'token_revoked', 'missing_scope'])(
    '%s is permanent',
    async (error) => {
      h.fake.on('chat.postMessage', () => ({ ok: false, error }));
      const e = await failure(h.slack.delivery.post('C0GONE', post));
      expect(e.permanent).toBe(true);
      expect(e.message).toContain(error);
    },
  );

  it('a 429 is passed up at once with its Retry-After, not retried inside the client', async () => {
    h.fake.on('chat.postMessage', () => ({ status: 429, headers: { 'retry-after': '7' }, body: '{"ok":false,"error":"ratelimited"}' }));
    const before = h.fake.callsTo('chat.postMessage').length;
    const e = await failure(h.slack.delivery.post('C0BUSY', post));
    expect(e.permanent).toBe(false);
    expect(e.retryAfterMs).toBe(7000);
    expect(h.fake.callsTo('chat.postMessage').length - before).toBe(1);
  });

  it('ratelimited in the body, 5xx and network failures are worth retrying', async () => {
    h.fake.on('chat.postMessage', () => ({ ok: false, error: 'ratelimited' }));
    const limited = await failure(h.slack.delivery.post('C0BUSY', post));
    expect(limited.permanent).toBe(false);
    expect(limited.retryAfterMs).toBeGreaterThan(0);

    h.fake.on('chat.postMessage', () => ({ status: 503, body: 'unavailable' }));
    const before = h.fake.callsTo('chat.postMessage').length;
    const down = await failure(h.slack.delivery.post('C0DOWN', post));
    expect(down.permanent).toBe(false);
    // Retried a little (two retries), not for half an hour.
    expect(h.fake.callsTo('chat.postMessage').length - before).toBe(3);

    const network = toDeliveryError(new TypeError('fetch failed'));
    expect(network.permanent).toBe(false);
  });

  it('never puts a token in an error message', async () => {
    h.fake.on('chat.postMessage', () => ({ status: 500, body: 'xoxb-should-not-leak' }));
    const e = await failure(h.slack.delivery.post('C0X', post));
    expect(e.message).not.toMatch(/xox[bpa]-/);
  });
});
