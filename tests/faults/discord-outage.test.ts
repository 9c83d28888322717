// Discord goes away while scheduled briefings are due: first the whole host (REST and gateway)
// refuses connections, then REST answers 5xx, then 429s with Retry-After, and one channel stays
// rate limited throughout. The real scheduler, on a database file and a fast clock, posts through
// the real Discord adapter, which also answers slash commands and DMs over the gateway meanwhile.
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DiscordDelivery } from '../../src/adapters/discord/delivery.js';
import { renderReply } from '../../src/adapters/discord/embeds.js';
import { deliveryRest, startDiscord, type DiscordHandle } from '../../src/adapters/discord/index.js';
import type { Context } from '../../src/commands/types.js';
import { reply } from '../../src/core/briefing/document.js';
import { loadPack } from '../../src/core/content/load.js';
import { DeliveryError } from '../../src/core/schedule/delivery.js';
import type { Scheduling } from '../../src/core/schedule/index.js';
import { idOf, tempDir } from '../core/schedule/support.js';
import { APP_ID, directMessage, FakeDiscord, GUILD_ID, slashCommand, type FakeResponse, type RecordedCall } from '../fakes/discord.js';
import { TINY_DIR } from '../helpers.js';
import { cleanupsAfterEach, expectRecovered, MINUTE, RETRY, scheduledBot, until, untilCaughtUp } from './support.js';

const TOKEN = `fake.${randomBytes(18).toString('base64url')}.token`;
const CHANNELS = ['1500000000000000101', '1500000000000000102', '1500000000000000103'];
/** A channel Discord keeps rate limiting, whatever is sent. */
const STORMY = '1500000000000000199';
const DM_CHANNEL = '1400000000000000777';
/** The small invented test pack: what is said does not matter here, and it loads fast. */
const pack = loadPack(TINY_DIR);

const cleanups = cleanupsAfterEach();

function channel(channelId: string): Context {
  return { platform: 'discord', userId: '1300000000000000001', channelId, workspaceId: GUILD_ID, isDirect: false, canManageSchedules: true };
}

const tooMany = (seconds: number): FakeResponse => ({
  status: 429,
  headers: { 'retry-after': String(seconds), 'x-ratelimit-scope': 'user' },
  body: { message: 'You are being rate limited.', retry_after: seconds, global: false },
});

interface Rig {
  fake: FakeDiscord;
  discord: DiscordHandle;
  scheduling: Scheduling;
  logs: string[];
  /** Channel posts the fake accepted (200), in order. */
  delivered: RecordedCall[];
  /** Answers for the next posts to the scheduled channels, then to the DM channel, before going back to 200. */
  script: FakeResponse[];
  dmScript: FakeResponse[];
  subs: Map<string, number>;
  now: () => number;
}

async function start(): Promise<Rig> {
  const tmp = tempDir();
  cleanups.push(() => tmp.cleanup());
  const fake = await FakeDiscord.start({ heartbeatInterval: 500 });
  cleanups.push(() => fake.close());
  const delivered: RecordedCall[] = [];
  const script: FakeResponse[] = [];
  const dmScript: FakeResponse[] = [];
  fake.intercept((call) => {
    const m = /^\/channels\/(\d+)\/messages$/.exec(call.path);
    if (call.method !== 'POST' || !m) return undefined;
    if (m[1] === STORMY) return tooMany(0.05);
    const scripted = (m[1] === DM_CHANNEL ? dmScript : script).shift();
    if (!scripted) delivered.push(call);
    return scripted;
  });

  const logs: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const { bot, scheduling, clock } = scheduledBot(pack, tmp.dir, log, cleanups);
  const discord = await startDiscord({ bot, config: { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl }, log, registerCommands: false, readyTimeoutMs: 5_000 });
  cleanups.push(() => discord.stop());
  scheduling.deliveries.set('discord', discord.delivery);

  const subs = new Map<string, number>();
  for (const c of [...CHANNELS, STORMY]) subs.set(c, idOf(scheduling.service.add(channel(c), { when: 'every-minute', kind: 'daily' })));
  scheduling.scheduler.start();
  return { fake, discord, scheduling, logs, delivered, script, dmScript, subs, now: clock.now };
}

const postsTo = (r: Rig, c: string) => r.delivered.filter((d) => d.path === `/channels/${c}/messages`);
const callbackOf = (r: Rig, id: string) => r.fake.calls.find((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${id}/`));

function textOf(body: any): string {
  return [body?.content ?? '', ...(body?.embeds ?? []).flatMap((e: any) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f: any) => `${f.name} ${f.value}`)])].join('\n');
}

describe('Discord outage during scheduled briefings', () => {
  it('refused, then 5xx, then 429s: slots are posted once and caught up, a stormy channel gives up within limits, the bot keeps answering', async () => {
    const r = await start();
    const identifies = () => r.fake.frames.filter((f) => f.op === 2 || f.op === 6).length;

    await until(() => CHANNELS.every((c) => postsTo(r, c).length >= 1), 'the first posts');

    // The whole host refuses connections (REST and gateway) for at least one slot.
    const sessionsBefore = identifies();
    await r.fake.goDown();
    const downAt = r.now();
    await until(() => r.scheduling.scheduler.stats().retries >= CHANNELS.length && r.now() >= downAt + MINUTE, 'failed attempts while refused', 15_000);
    expect(r.scheduling.scheduler.stats().failed).toBe(0);

    // Back, but REST answers 502 (discord.js tries each post 4 times), then 429 with Retry-After.
    r.script.push(...Array.from({ length: 10 }, () => ({ status: 502, body: { message: 'Bad Gateway' } })), ...Array.from({ length: 6 }, () => tooMany(0.5)));
    // The answer to a DM sent meanwhile meets a 503 and a 429 first.
    r.dmScript.push({ status: 503, body: { message: 'Service Unavailable' } }, tooMany(0.05));
    await r.fake.comeBack();
    const backAt = r.now();

    // The gateway comes back by itself; a slash command and a DM are answered.
    await until(() => identifies() > sessionsBefore && r.fake.socketCount === 1 && r.discord.connected(), 'the gateway to reconnect', 15_000);
    const ask = slashCommand('ask', [{ name: 'question', type: 3, value: 'who was behind the blackout?' }]);
    r.fake.dispatch('INTERACTION_CREATE', ask);
    const dm = directMessage('what is HPS?', { channelId: DM_CHANNEL });
    r.fake.dispatch('MESSAGE_CREATE', dm);
    const answer = await until(() => callbackOf(r, ask.id), 'the slash command answer');
    expect(answer.body.type).toBe(4);
    expect(textOf(answer.body.data)).toMatch(/SALTCRANE/);
    const dmAnswer = await until(() => postsTo(r, DM_CHANNEL)[0], 'the DM answer');
    expect(dmAnswer.body.message_reference?.message_id).toBe(dm.id);
    expect(textOf(dmAnswer.body)).toMatch(/Harbour Pilot System/);
    // discord.js retried the 503 and waited out the 429 for it.
    expect(r.dmScript).toHaveLength(0);

    await untilCaughtUp(r.scheduling, r.script, backAt, r.now);
    await r.scheduling.scheduler.stop(2_000);
    const stats = r.scheduling.scheduler.stats();
    expect(stats.paused).toBe(0);
    expect(stats.rateLimited).toBeGreaterThanOrEqual(6);

    for (const c of CHANNELS) expectRecovered(r.scheduling, r.subs.get(c)!, { downAt, backAt }, postsTo(r, c), c);
    // The stormy channel: each slot waited out at most maxRateLimitWaits 429s, then gave up; not paused.
    const stormy = r.scheduling.deliveryLog.forSubscription(r.subs.get(STORMY)!);
    expect(stormy.length).toBeGreaterThanOrEqual(2);
    for (const row of stormy) expect(row.status, row.slot).toBe('failed');
    expect(stormy[0]!.error).toMatch(/rate limited/);
    expect(r.scheduling.subscriptions.get(r.subs.get(STORMY)!)!.paused).toBe(false);
    const stormCalls = r.fake.callsTo('POST', `/channels/${STORMY}/messages`).length;
    expect(stormCalls).toBeLessThanOrEqual(stormy.length * (RETRY.maxRateLimitWaits + 1));
    expect(postsTo(r, STORMY)).toHaveLength(0);
  }, 45_000);

  it('a 429 on the first message of a post goes up to the scheduler; on a later message it is waited out, so nothing is posted twice', async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const delivery = new DiscordDelivery(deliveryRest({ token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl }));
    // A post long enough to go out as two messages (as the weekly briefing of the real case does).
    const long = reply({ title: 'Weekly briefing', blocks: Array.from({ length: 12 }, (_, i) => ({ type: 'paragraph' as const, text: `Development ${i + 1}. ${'Detail. '.repeat(110)}` })), visibility: 'public' });
    expect(renderReply(long, { customId: () => 'x', isPublic: true })).toHaveLength(2);
    const path = `/channels/${CHANNELS[0]}/messages`;
    const ok: RecordedCall[] = [];
    const accepted = () => ok.filter((c) => c.path === path);
    let n = 0;
    let limitOn = 2;
    fake.intercept((call) => {
      if (call.method !== 'POST' || call.path !== path) return undefined;
      if (++n === limitOn) return tooMany(0.05);
      ok.push(call);
      return undefined;
    });

    // The second message meets the 429: waited out here, the first is not sent again.
    await delivery.post(CHANNELS[0]!, long);
    expect(fake.callsTo('POST', path)).toHaveLength(3);
    expect(accepted()).toHaveLength(2);
    expect(accepted()[0]!.body).not.toEqual(accepted()[1]!.body);

    // The first message meets it: rejected at once with the wait, for the scheduler to count.
    n = 0;
    limitOn = 1;
    const err = await delivery.post(CHANNELS[0]!, long).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect((err as DeliveryError).permanent).toBe(false);
    expect((err as DeliveryError).retryAfterMs).toBeGreaterThan(0);
    expect(fake.callsTo('POST', path)).toHaveLength(4);
    expect(accepted()).toHaveLength(2);
  });
});
