// Socket Mode connection faults: Slack recycling the connection, and Slack unreachable while
// the client reconnects. (A plain recycle followed by events is in tests/adapters/slack/socket.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { startSlack, type SlackHandle } from '../../src/adapters/slack/index.js';
import { Bot } from '../../src/bot.js';
import { loadPack } from '../../src/core/content/load.js';
import { createServices } from '../../src/services.js';
import { APP_TOKEN, BOT_TOKEN, captureLogger } from '../adapters/slack/harness.js';
import { FakeSlack, TEAM_ID } from '../fakes/slack.js';
import { TINY_DIR } from '../helpers.js';
import { until } from './support.js';

/** The small invented test pack: what is said does not matter here, and it loads fast. */
const pack = loadPack(TINY_DIR);

interface Rig {
  fake: FakeSlack;
  slack: SlackHandle;
  logs: string[];
}

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.slack.stop();
  await rig?.fake.close();
  rig = undefined;
});

/** The Slack adapter in Socket Mode against a fake, with a short client ping timeout so reconnects are quick. */
async function start(): Promise<Rig> {
  const fake = await FakeSlack.start();
  const logs: string[] = [];
  const log = captureLogger(logs);
  const slack = await startSlack({
    bot: new Bot(createServices(pack), log),
    config: { botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: fake.apiUrl, port: 0 },
    scheduleAdmins: [],
    log,
    socket: { clientPingTimeout: 300 },
  });
  rig = { fake, slack, logs };
  return rig;
}

function slashPayload(h: Rig, command: string, text: string): Record<string, unknown> {
  return {
    token: 'verification-token-legacy',
    team_id: TEAM_ID,
    channel_id: 'C0SOCKFAULT',
    channel_name: 'general',
    user_id: 'U0001',
    command,
    text,
    api_app_id: 'A0001',
    response_url: h.fake.responseUrl(),
    trigger_id: '1.2.3',
  };
}

const opens = (h: Rig) => h.fake.callsTo('apps.connections.open').length;

/** Back on a fresh connection: one more apps.connections.open than `before`, one socket, hello received. */
function reconnected(h: Rig, before: number): boolean {
  return opens(h) > before && h.fake.socketCount === 1 && h.slack.connected();
}

describe('Slack Socket Mode faults', () => {
  it('after {type:"disconnect"} it reconnects and answers a slash command on the new connection', async () => {
    const h = await start();
    const before = opens(h);
    h.fake.recycle();
    await until(() => !h.slack.connected(), 'the client to drop the recycled connection');
    await until(() => reconnected(h, before), 'the client to reconnect', 10_000);
    const ack = await h.fake.envelope('slash_commands', slashPayload(h, '/glossary', 'wiper'));
    expect(ack.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack)).toMatch(/wiper/i);
    expect(h.logs.join('\n')).not.toMatch(/"level":50/);
  });

  it('keeps trying while Slack refuses connections, reconnects once it is back, and answers', async () => {
    const h = await start();
    const before = opens(h);
    // The socket drops without a goodbye and apps.connections.open is refused for a while.
    const logged = h.logs.length;
    await h.fake.goDown();
    await until(() => !h.slack.connected(), 'the adapter to report the connection lost');
    const refused = () => h.logs.slice(logged).filter((l) => l.includes('http request failed')).length;
    await until(() => refused() >= 2, () => `two refused attempts to reconnect (saw ${refused()})`, 15_000);
    await h.fake.comeBack();
    await until(() => reconnected(h, before), 'the client to reconnect', 15_000);
    const ack = await h.fake.envelope('slash_commands', slashPayload(h, '/ask', 'who was behind the blackout?'));
    expect(ack.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack)).toContain('SALTCRANE');
  }, 30_000);
});
