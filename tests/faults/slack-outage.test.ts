// The Slack Web API goes away while scheduled briefings are due: first the port is closed
// (connection refused), then it answers 5xx, then a storm of 429s with Retry-After. The real
// scheduler, on a database file and a fast clock, posts through the real Slack adapter.
import { describe, expect, it } from 'vitest';
import { startSlack, type SlackHandle } from '../../src/adapters/slack/index.js';
import type { Context } from '../../src/commands/types.js';
import type { Scheduling } from '../../src/core/schedule/index.js';
import { BOT_TOKEN, captureLogger, SIGNING_SECRET } from '../adapters/slack/harness.js';
import { idOf, tempDir } from '../core/schedule/support.js';
import { commandBody, eventBody, FakeSlack, postSigned, TEAM_ID, type ApiAnswer, type ApiCall } from '../fakes/slack.js';
import { loadPack } from '../../src/core/content/load.js';
import { TINY_DIR } from '../helpers.js';
import { cleanupsAfterEach, expectRecovered, MINUTE, RETRY, scheduledBot, until, untilCaughtUp } from './support.js';

const FORM = 'application/x-www-form-urlencoded';
const CHANNELS = ['C0FAULT1', 'C0FAULT2', 'C0FAULT3'];
/** The small invented test pack: what is said does not matter here, and it loads fast. */
const pack = loadPack(TINY_DIR);

const cleanups = cleanupsAfterEach();

function channel(channelId: string): Context {
  return { platform: 'slack', userId: 'U0ADMIN', channelId, workspaceId: TEAM_ID, isDirect: false, canManageSchedules: true };
}

interface Rig {
  fake: FakeSlack;
  slack: SlackHandle;
  scheduling: Scheduling;
  url: string;
  logs: string[];
  /** chat.postMessage calls the fake answered ok, in order. */
  delivered: ApiCall[];
  /** Answers to give the next chat.postMessage calls to scheduled channels (C…) before going back to ok. */
  script: ApiAnswer[];
  /** The same for answers to direct messages (D…). */
  dmScript: ApiAnswer[];
  subs: Map<string, number>;
  now: () => number;
}

/** The app as startApp wires it (bot, scheduling, Slack in HTTP mode), with a fast clock. */
async function start(): Promise<Rig> {
  const tmp = tempDir();
  cleanups.push(() => tmp.cleanup());
  const fake = await FakeSlack.start();
  cleanups.push(() => fake.close());
  const delivered: ApiCall[] = [];
  const script: ApiAnswer[] = [];
  const dmScript: ApiAnswer[] = [];
  fake.on('chat.postMessage', (call) => {
    const scripted = String(call.params.channel).startsWith('D') ? dmScript.shift() : script.shift();
    if (scripted) return scripted;
    delivered.push(call);
    return { ok: true, channel: call.params.channel, ts: `${(Date.now() / 1000).toFixed(6)}`, message: {} };
  });

  const logs: string[] = [];
  const log = captureLogger(logs);
  const { bot, scheduling, clock } = scheduledBot(pack, tmp.dir, log, cleanups);
  const slack = await startSlack({
    bot,
    config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0 },
    scheduleAdmins: [],
    log,
    host: '127.0.0.1',
  });
  cleanups.push(() => slack.stop());
  scheduling.deliveries.set('slack', slack.delivery);

  const subs = new Map<string, number>();
  for (const c of CHANNELS) subs.set(c, idOf(scheduling.service.add(channel(c), { when: 'every-minute', kind: 'daily' })));
  scheduling.scheduler.start();
  return { fake, slack, scheduling, url: `http://127.0.0.1:${slack.port}/slack/events`, logs, delivered, script, dmScript, subs, now: clock.now };
}

const postsTo = (r: Rig, c: string) => r.delivered.filter((d) => d.params.channel === c);
const sentRows = (r: Rig, c: string) => r.scheduling.deliveryLog.forSubscription(r.subs.get(c)!).filter((row) => row.status === 'sent');

async function slash(r: Rig, command: string, text: string): Promise<{ status: number; body: string }> {
  const res = await postSigned(r.url, SIGNING_SECRET, commandBody(command, text, { response_url: r.fake.responseUrl() }), FORM);
  return { status: res.status, body: await res.text() };
}

describe('Slack Web API outage during scheduled briefings', () => {
  it('refused, then 5xx, then 429s: every slot is posted once, late but in order, and commands are answered meanwhile', async () => {
    const r = await start();

    // Healthy: the first slot reaches every channel.
    await until(() => CHANNELS.every((c) => postsTo(r, c).length >= 1), 'the first posts');

    // Connection refused for at least one slot.
    await r.fake.goDown();
    const downAt = r.now();
    const during = await slash(r, '/ask', 'who was behind the blackout?');
    expect(during.status).toBe(200);
    // The answer rides in the acknowledgement, which needs no Web API call.
    expect(during.body).toContain('SALTCRANE');
    expect(during.body).toMatch(/https?:\/\//);
    const brief = await slash(r, '/brief', '');
    expect(brief.body).toContain('Port Verrin');
    await until(() => r.scheduling.scheduler.stats().retries >= CHANNELS.length && r.now() >= downAt + MINUTE, 'failed attempts while refused', 15_000);
    expect(r.scheduling.scheduler.stats().failed).toBe(0);

    // Back, but answering 503 for a while (the client retries those itself), then 429 with Retry-After.
    const limited = (s: number): ApiAnswer => ({ status: 429, headers: { 'retry-after': String(s) }, body: '{"ok":false,"error":"ratelimited"}' });
    const storm: ApiAnswer[] = [...Array.from({ length: 4 }, () => ({ status: 503, body: 'upstream unavailable' })), ...Array.from({ length: 6 }, () => limited(2))];
    r.script.push(...storm);
    // The answer to a direct message sent meanwhile meets a 429 too.
    r.dmScript.push(limited(1));
    await r.fake.comeBack();
    const backAt = r.now();

    const dm = eventBody({ type: 'message', channel_type: 'im', channel: 'D0AFTER', user: 'U0001', text: 'what is HPS?', ts: '1893999999.000100' });
    const dmRes = await postSigned(r.url, SIGNING_SECRET, JSON.stringify(dm), 'application/json');
    expect(dmRes.status).toBe(200);
    await dmRes.arrayBuffer();

    // Caught up: the storm is spent, a slot has fallen due since, and nothing is queued or in flight.
    await untilCaughtUp(r.scheduling, r.script, backAt, r.now);
    await r.scheduling.scheduler.stop(2_000);
    // Answered once the Retry-After had passed, and once only.
    await until(() => postsTo(r, 'D0AFTER').length, 'the answer to the direct message');
    expect(r.dmScript).toHaveLength(0);
    expect(r.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0AFTER')).toHaveLength(2);
    expect(JSON.stringify(postsTo(r, 'D0AFTER')[0]!.params.blocks)).toMatch(/Harbour Pilot System/);

    const stats = r.scheduling.scheduler.stats();
    expect(stats.failed).toBe(0);
    expect(stats.paused).toBe(0);
    expect(stats.rateLimited).toBeGreaterThanOrEqual(1);
    for (const c of CHANNELS) expectRecovered(r.scheduling, r.subs.get(c)!, { downAt, backAt }, postsTo(r, c), c);
    // Retries stayed within the policy: at most maxAttempts tries (each with the client's own two) per slot, plus the 429 waits.
    const slots = CHANNELS.reduce((n, c) => n + sentRows(r, c).length, 0);
    expect(r.fake.callsTo('chat.postMessage').length).toBeLessThanOrEqual(slots * RETRY.maxAttempts * 3 + storm.length + 1);
    expect(r.logs.join('\n')).not.toContain('giving up');
  }, 40_000);
});
