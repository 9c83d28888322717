// Discord invalidating the gateway session (op 9): resumable (d: true) the client RESUMEs on the
// same connection; not resumable (d: false) it reconnects and IDENTIFYs afresh. Either way it keeps
// answering slash commands and DMs. (op 7 RECONNECT → RESUME is in tests/adapters/discord/gateway.test.ts.)
import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordHandle } from '../../src/adapters/discord/index.js';
import { Bot } from '../../src/bot.js';
import { loadPack } from '../../src/core/content/load.js';
import { createServices } from '../../src/services.js';
import { APP_ID, directMessage, FakeDiscord, slashCommand } from '../fakes/discord.js';
import { TINY_DIR } from '../helpers.js';
import { until } from './support.js';

const TOKEN = `fake.${randomBytes(18).toString('base64url')}.token`;
const pack = loadPack(TINY_DIR);

let fake: FakeDiscord | undefined;
let handle: DiscordHandle | undefined;
let logs: string[] = [];
afterEach(async () => {
  await handle?.stop();
  await fake?.close();
  handle = undefined;
  fake = undefined;
  logs = [];
});

async function start(): Promise<{ fake: FakeDiscord; handle: DiscordHandle }> {
  fake = await FakeDiscord.start({ heartbeatInterval: 200 });
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  handle = await startDiscord({ bot: new Bot(createServices(pack)), config: { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl }, log, registerCommands: false });
  return { fake, handle };
}

const ops = (f: FakeDiscord, op: number) => f.frames.filter((x) => x.op === op);

/** A slash command and a DM dispatched now are both answered. */
async function stillAnswers(f: FakeDiscord): Promise<void> {
  const help = slashCommand('help');
  const dm = directMessage('help');
  f.dispatch('INTERACTION_CREATE', help);
  f.dispatch('MESSAGE_CREATE', dm);
  const callback = await until(() => f.calls.find((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${help.id}/`)), 'the slash command answer');
  expect(callback.body.type).toBe(4);
  const reply = await until(() => f.callsTo('POST', `/channels/${dm.channel_id}/messages`).find((c) => c.body?.message_reference?.message_id === dm.id), 'the DM answer');
  expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
}

describe('Discord gateway: invalid session (op 9)', () => {
  it('resumable (d: true): RESUMEs the same session on the same connection and keeps answering', async () => {
    const { fake, handle } = await start();
    await stillAnswers(fake);
    const seq = Math.max(...ops(fake, 1).map((f) => Number(f.d ?? 0)));

    fake.invalidateSession(true);
    const resume = await until(() => ops(fake, 6)[0], 'RESUME');
    expect(resume.d).toMatchObject({ token: TOKEN, session_id: 'fake-session' });
    expect(resume.d.seq).toBeGreaterThanOrEqual(seq);
    // No new connection and no new session.
    expect(ops(fake, 2)).toHaveLength(1);
    expect(fake.socketCount).toBe(1);

    await stillAnswers(fake);
    expect(handle.connected()).toBe(true);
  });

  it('not resumable (d: false): reconnects, IDENTIFYs a fresh session, keeps answering, and later resumes that one', async () => {
    const { fake, handle } = await start();
    await stillAnswers(fake);

    fake.sessionId = 'fresh-session';
    fake.invalidateSession(false);
    // discord.js waits out its identify throttle (5 s after the last IDENTIFY) before the fresh one.
    await until(() => ops(fake, 2).length === 2 && fake.socketCount === 1 && handle.connected(), 'a fresh IDENTIFY', 15_000);
    expect(ops(fake, 6)).toHaveLength(0);
    expect(ops(fake, 2)[1]!.d.token).toBe(TOKEN);
    await stillAnswers(fake);

    // The session it resumes after an op 7 is the new one.
    fake.requestReconnect();
    const resume = await until(() => ops(fake, 6)[0], 'RESUME after op 7');
    expect(resume.d.session_id).toBe('fresh-session');
    await until(() => fake.socketCount === 1 && handle.connected(), 'the resumed connection');
    await stillAnswers(fake);
    expect(logs.join('\n')).not.toContain(TOKEN);
  }, 30_000);
});
