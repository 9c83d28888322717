import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { REST } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DiscordDelivery } from '../../../src/adapters/discord/delivery.js';
import { reply, type Reply } from '../../../src/core/briefing/document.js';
import { DeliveryError } from '../../../src/core/schedule/delivery.js';
import { FakeDiscord } from '../../fakes/discord.js';

const CHANNEL = '1500000000000000001';
const TOKEN = 'delivery-test-token-0123456789';
const path = `/channels/${CHANNEL}/messages`;

const briefing: Reply = reply({
  title: 'Daily briefing',
  blocks: [{ type: 'paragraph', text: 'On 15 July 2022 a cyberattack hit Albania. [1] @everyone' }],
  citations: [{ n: 1, id: 'S1', title: 'Report', publisher: 'AP', date: '2022-07-18', url: 'https://example.org/r', reliability: 'major-news' }],
  actions: [
    { kind: 'sources', label: 'Sources', command: '/sources' },
    { kind: 'share', label: 'Share in channel', command: '/brief' },
  ],
  tone: 'info',
  visibility: 'private',
});

function apiError(status: number, code: number, message: string) {
  return { status, body: { message, code } };
}

describe('DiscordDelivery', () => {
  let fake: FakeDiscord;
  let delivery: DiscordDelivery;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => fake.close());
  beforeEach(() => {
    fake.calls.length = 0;
    fake.clearIntercepts();
    delivery = new DiscordDelivery(new REST({ api: fake.apiUrl, retries: 1 }).setToken(TOKEN));
  });

  it('posts through REST only, publicly, with pings off and no share button', async () => {
    await delivery.post(CHANNEL, briefing);
    const [call] = fake.callsTo('POST', path);
    expect(call!.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(call!.body.allowed_mentions).toEqual({ parse: [] });
    expect(call!.body.flags ?? 0).toBe(0);
    expect(call!.body.embeds[0].title).toBe('Daily briefing');
    expect(JSON.stringify(call!.body)).not.toMatch(/@everyone/);
    const ids = call!.body.components.flatMap((r: any) => r.components.map((b: any) => b.custom_id));
    expect(ids).toEqual(['cb|sources|/sources']);
    expect(fake.calls.some((c) => c.path === '/gateway/bot')).toBe(false);
  });

  it('waits out a 429 with Retry-After and tries again', async () => {
    let limited = false;
    fake.intercept((c) => {
      if (c.path !== path || limited) return undefined;
      limited = true;
      return { status: 429, headers: { 'retry-after': '0.2', 'x-ratelimit-scope': 'user' }, body: { message: 'You are being rate limited.', retry_after: 0.2, global: false } };
    });
    const started = Date.now();
    await delivery.post(CHANNEL, briefing);
    expect(fake.callsTo('POST', path)).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it.each([
    [404, 10003, 'Unknown Channel'],
    [403, 50001, 'Missing Access'],
    [403, 50013, 'Missing Permissions'],
    [404, 10004, 'Unknown Guild'],
    [401, 0, '401: Unauthorized'],
  ])('treats HTTP %i code %i (%s) as permanent', async (status, code, message) => {
    fake.intercept((c) => (c.path === path ? apiError(status, code, message) : undefined));
    const err = await delivery.post(CHANNEL, briefing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).permanent).toBe(true);
    expect((err as DeliveryError).message).not.toContain(TOKEN);
  });

  it('keeps failing permanently after a 401, without calling Discord again', async () => {
    fake.intercept((c) => (c.path === path ? apiError(401, 0, '401: Unauthorized') : undefined));
    await delivery.post(CHANNEL, briefing).catch(() => {});
    fake.clearIntercepts();
    const err = await delivery.post(CHANNEL, briefing).catch((e: unknown) => e);
    expect((err as DeliveryError).permanent).toBe(true);
    expect(fake.callsTo('POST', path)).toHaveLength(1);
  });

  it('treats server errors as temporary', async () => {
    fake.intercept((c) => (c.path === path ? { status: 502, body: { message: 'Bad Gateway' } } : undefined));
    const err = await delivery.post(CHANNEL, briefing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).permanent).toBe(false);
    // retries: 1 means one retry after the first attempt.
    expect(fake.callsTo('POST', path)).toHaveLength(2);
  });

  it('treats an unreachable API as temporary', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const offline = new DiscordDelivery(new REST({ api: `http://127.0.0.1:${port}/api`, retries: 0 }).setToken(TOKEN));
    const err = await offline.post(CHANNEL, briefing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).permanent).toBe(false);
    expect((err as DeliveryError).message).not.toContain(TOKEN);
  });
});
