import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord, type DiscordHandle } from '../../../src/adapters/discord/index.js';
import { Bot, type FeedbackSink } from '../../../src/bot.js';
import type { Context, ScheduleCommands } from '../../../src/commands/types.js';
import { reply } from '../../../src/core/briefing/document.js';
import { createServices } from '../../../src/services.js';
import {
  APP_ID,
  autocomplete,
  BOT_ID,
  buttonClick,
  directMessage,
  FakeDiscord,
  GUILD_CHANNEL_ID,
  guildCreate,
  guildMessage,
  slashCommand,
  type RecordedCall,
  waitFor,
} from '../../fakes/discord.js';
import { casePack } from '../../helpers.js';

const EPHEMERAL = 64;
const MANAGE_CHANNELS = '16';
const TOKEN = `fake.${randomBytes(18).toString('base64url')}.token`;

/** A gate the test opens, so a "slow" command is slow exactly as long as the test needs. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const votes: { ctx: Context; command: string; vote: 1 | -1 }[] = [];
const sink: FeedbackSink = { recordFeedback: (ctx, command, vote) => votes.push({ ctx, command, vote }) };
const slowList = gate();
const schedules: ScheduleCommands = {
  add: (_ctx, args) => reply({ blocks: [{ type: 'paragraph', text: `Added: ${String(args.when)}` }], visibility: 'public' }),
  list: async () => {
    await slowList.opened;
    return reply({ title: 'Scheduled briefings', blocks: [{ type: 'paragraph', text: 'Daily at 09:00 Europe/Tirane.' }] });
  },
  remove: () => reply({ blocks: [{ type: 'paragraph', text: 'Removed.' }] }),
  pause: () => reply({ blocks: [{ type: 'paragraph', text: 'Paused.' }] }),
  resume: () => reply({ blocks: [{ type: 'paragraph', text: 'Resumed.' }] }),
  preview: () => reply({ title: 'Preview', blocks: [{ type: 'paragraph', text: 'Tomorrow: the July attack.' }], visibility: 'public' }),
};

const logLines: string[] = [];
let fake: FakeDiscord;
let handle: DiscordHandle;

beforeAll(async () => {
  fake = await FakeDiscord.start({ heartbeatInterval: 200 });
  const bot = new Bot({ ...createServices(casePack()), schedules }, undefined, sink);
  const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  handle = await startDiscord({ bot, config: { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl }, log, deferAfterMs: 1_500 });
  fake.dispatch('GUILD_CREATE', guildCreate());
});

afterAll(async () => {
  await handle?.stop();
  await fake?.close();
});

function callbackFor(id: string): Promise<RecordedCall> {
  return waitFor(() => fake.calls.find((c) => c.method === 'POST' && c.path.startsWith(`/interactions/${id}/`)), `the callback of interaction ${id}`);
}

function repliesTo(messageId: string): RecordedCall[] {
  return fake.callsTo('POST', /^\/channels\/\d+\/messages$/).filter((c) => c.body?.message_reference?.message_id === messageId);
}

async function runSlash(payload: ReturnType<typeof slashCommand>) {
  fake.dispatch('INTERACTION_CREATE', payload);
  const call = await callbackFor(payload.id);
  return call.body as { type: number; data: any };
}

/** Follow-up messages of an interaction (a long reply continues in them). */
function followUps(token: string): any[] {
  return fake.callsTo('POST', `/webhooks/${APP_ID}/${token}`).map((c) => c.body);
}

/** The buttons of a reply sit on its last message. */
async function lastMessage(payload: { id: string; token: string }): Promise<any> {
  const first = (await callbackFor(payload.id)).body.data;
  // Buttons come last; once they are there the reply is complete.
  return waitFor(() => [first, ...followUps(payload.token)].find((m) => m.components?.length), 'the message with the buttons');
}

function textOf(data: any): string {
  return [data.content ?? '', ...(data.embeds ?? []).flatMap((e: any) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f: any) => `${f.name} ${f.value}`)])].join('\n');
}

function buttonIds(data: any): string[] {
  return (data.components ?? []).flatMap((row: any) => row.components.map((b: any) => b.custom_id as string));
}

describe('Discord adapter over the gateway', () => {
  it('identifies with the three unprivileged intents and registers the commands once at start-up', () => {
    const identify = fake.frames.find((f) => f.op === 2);
    expect(identify?.d.intents).toBe(1 | 512 | 4096);
    expect(identify?.d.token).toBe(TOKEN);
    expect(handle.connected()).toBe(true);
    expect(fake.callsTo('PUT', `/applications/${APP_ID}/commands`)).toHaveLength(1);
    expect(handle.inviteUrl).toContain(`client_id=${APP_ID}`);
    expect(handle.inviteUrl).toContain('scope=bot%20applications.commands');
    // View Channel, Send Messages, Send Messages in Threads, Embed Links, Read Message History.
    expect(new URL(handle.inviteUrl).searchParams.get('permissions')).toBe(String(1024n + 2048n + 274877906944n + 16384n + 65536n));
  });

  it.each([
    ['brief', [], /Iranian cyberattacks on Albania/],
    ['ask', [{ name: 'question', type: 3, value: 'who was behind the attack?' }], /Iran/],
    ['timeline', [{ name: 'from', type: 3, value: '2022-09' }], /September 2022/],
    ['actor', [{ name: 'name', type: 3, value: 'MOIS' }], /Ministry of Intelligence/],
    ['sources', [], /Sources/],
    ['glossary', [{ name: 'term', type: 3, value: 'wiper' }], /wiper/i],
    ['help', [], /casebrief commands/],
  ])('answers /%s privately with embeds, buttons and no pings', async (name, options, expected) => {
    const payload = slashCommand(name, options);
    const { type, data } = await runSlash(payload);
    expect(type).toBe(4);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(data.embeds.length).toBeGreaterThan(0);
    expect(textOf(data)).toMatch(expected);
    const last = await lastMessage(payload);
    expect(buttonIds(last).some((id) => id.startsWith('cb|share|') || id.startsWith('cb#share#'))).toBe(true);
    for (const m of followUps(payload.token)) {
      expect(m.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(m.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
  });

  it('offers autocomplete choices for a focused option, also inside a subcommand', async () => {
    const actor = autocomplete('actor', [{ name: 'name', type: 3, value: 'mo', focused: true }]);
    fake.dispatch('INTERACTION_CREATE', actor);
    const body = (await callbackFor(actor.id)).body;
    expect(body.type).toBe(8);
    expect(body.data.choices.length).toBeGreaterThan(0);
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
    expect(body.data.choices.map((c: any) => c.name)).toContain('Ministry of Intelligence and Security (MOIS)');
    for (const c of body.data.choices) expect(c.name.length <= 100 && c.value.length <= 100).toBe(true);

    const tz = autocomplete('schedule', [{ name: 'add', type: 1, options: [{ name: 'timezone', type: 3, value: 'Europe/Ti', focused: true }] }]);
    fake.dispatch('INTERACTION_CREATE', tz);
    expect((await callbackFor(tz.id)).body.data.choices).toEqual([{ name: 'Europe/Tirane', value: 'Europe/Tirane' }]);
  });

  it('refuses /schedule add without Manage Channels, in a server and in a DM, and allows it with', async () => {
    const add = (o: Parameters<typeof slashCommand>[2]) => slashCommand('schedule', [{ name: 'add', type: 1, options: [{ name: 'when', type: 3, value: 'daily 09:00' }] }], o);
    const refused = await runSlash(add({ permissions: '0' }));
    expect(refused.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.data.content).toMatch(/only people who can manage this channel/);
    const inDm = await runSlash(add({ guild: false }));
    expect(inDm.data.content).toMatch(/only people who can manage this channel/);
    const allowed = await runSlash(add({ permissions: MANAGE_CHANNELS }));
    expect(textOf(allowed.data)).toContain('Added: daily 09:00');
    expect(allowed.data.flags ?? 0).toBe(0);

    const remove = await runSlash(slashCommand('schedule', [{ name: 'remove', type: 1, options: [{ name: 'id', type: 3, value: '3' }] }], { permissions: '0' }));
    expect(remove.data.content).toMatch(/only people who can manage this channel/);
    // Anyone may preview; the preview is posted for the channel.
    const preview = await runSlash(slashCommand('schedule', [{ name: 'preview', type: 1 }], { permissions: '0' }));
    expect(textOf(preview.data)).toContain('Tomorrow: the July attack.');
    expect(preview.data.flags ?? 0).toBe(0);
  });

  it('defers a slow command and edits the reply when it is ready', async () => {
    const list = slashCommand('schedule', [{ name: 'list', type: 1 }]);
    fake.dispatch('INTERACTION_CREATE', list);
    const deferred = await callbackFor(list.id);
    expect(deferred.body.type).toBe(5);
    expect(deferred.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    slowList.open();
    const edit = await waitFor(() => fake.callsTo('PATCH', `/webhooks/${APP_ID}/${list.token}/messages/@original`)[0], 'the edited reply');
    expect(textOf(edit.body)).toContain('Daily at 09:00');
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('shares a lookup publicly, records feedback, and runs navigation buttons privately', async () => {
    const brief = slashCommand('brief');
    fake.dispatch('INTERACTION_CREATE', brief);
    const ids = buttonIds(await lastMessage(brief));
    const share = ids.find((id) => id.startsWith('cb|share|'))!;
    const up = ids.find((id) => id.startsWith('cb|feedback-up|'))!;
    const more = ids.find((id) => id.startsWith('cb|more|'))!;

    const shareClick = buttonClick(share);
    fake.dispatch('INTERACTION_CREATE', shareClick);
    const shared = (await callbackFor(shareClick.id)).body;
    expect(shared.type).toBe(4);
    expect(shared.data.flags ?? 0).toBe(0);
    expect(shared.data.allowed_mentions.parse).toEqual([]);
    expect(textOf(shared.data)).toMatch(/Iranian cyberattacks on Albania/);
    const sharedLast = await lastMessage(shareClick);
    expect(sharedLast.flags ?? 0).toBe(0);
    expect(buttonIds(sharedLast).some((id) => id.includes('share'))).toBe(false);

    const upClick = buttonClick(up, { userId: '1300000000000000042' });
    fake.dispatch('INTERACTION_CREATE', upClick);
    const thanks = (await callbackFor(upClick.id)).body;
    expect(thanks.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(thanks.data.content).toMatch(/Thanks/);
    expect(votes).toContainEqual(expect.objectContaining({ command: '/brief', vote: 1, ctx: expect.objectContaining({ platform: 'discord', userId: '1300000000000000042' }) }));

    const moreClick = buttonClick(more);
    fake.dispatch('INTERACTION_CREATE', moreClick);
    const next = (await callbackFor(moreClick.id)).body;
    expect(next.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(next.data.embeds.length).toBeGreaterThan(0);
  });

  it('keeps commands too long for a custom_id behind a short token, and says when one has expired', async () => {
    const question = `what happened to the e-Albania portal and the government websites in July 2022, and how long were they offline?`;
    const ask = slashCommand('ask', [{ name: 'question', type: 3, value: question }]);
    fake.dispatch('INTERACTION_CREATE', ask);
    const share = buttonIds(await lastMessage(ask)).find((id) => id.startsWith('cb#share#'))!;
    expect(share.length).toBeLessThanOrEqual(100);
    const click = buttonClick(share);
    fake.dispatch('INTERACTION_CREATE', click);
    expect((await callbackFor(click.id)).body.data.flags ?? 0).toBe(0);

    const stale = buttonClick('cb#more#unknowntoken');
    fake.dispatch('INTERACTION_CREATE', stale);
    expect((await callbackFor(stale.id)).body.data.content).toMatch(/expired/);
  });

  it('answers a DM as a reply without pinging anyone', async () => {
    const dm = directMessage('who was behind the attack?');
    fake.dispatch('MESSAGE_CREATE', dm);
    const answer = await waitFor(() => repliesTo(dm.id)[0], 'the DM answer');
    expect(answer.path).toBe(`/channels/${dm.channel_id}/messages`);
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(textOf(answer.body)).toMatch(/Iran/);
  });

  it('answers a mention in a server channel, with the mention stripped, and ignores other messages', async () => {
    const chatter = guildMessage('lunch anyone? @everyone');
    const fromBot = guildMessage(`<@${BOT_ID}> echo`, { userId: BOT_ID, mentionsBot: true });
    const mention = guildMessage(`<@${BOT_ID}> /glossary @everyone <@&1500000000000000001>`, { mentionsBot: true });
    for (const m of [chatter, fromBot, mention]) fake.dispatch('MESSAGE_CREATE', m);
    const answer = await waitFor(() => repliesTo(mention.id)[0], 'the mention answer');
    expect(answer.path).toBe(`/channels/${GUILD_CHANNEL_ID}/messages`);
    expect(answer.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const text = textOf(answer.body);
    expect(text).toMatch(/I don't know the term/);
    // The echoed text is broken up so it cannot even look like a ping.
    expect(text).not.toMatch(/@everyone|<@&\d/);
    expect(repliesTo(chatter.id)).toHaveLength(0);
    expect(repliesTo(fromBot.id)).toHaveLength(0);
  });

  it('answers a message dispatched twice only once', async () => {
    const dm = directMessage('what is ROADSWEEP?');
    const sentinel = directMessage('what is ZeroCleare?');
    fake.dispatch('MESSAGE_CREATE', dm);
    fake.dispatch('MESSAGE_CREATE', dm);
    fake.dispatch('MESSAGE_CREATE', sentinel);
    await waitFor(() => repliesTo(sentinel.id).length, 'the sentinel answer');
    expect(repliesTo(dm.id)).toHaveLength(1);
  });

  it('answers an interaction dispatched twice only once', async () => {
    const help = slashCommand('help');
    const sentinel = slashCommand('help');
    fake.dispatch('INTERACTION_CREATE', help);
    fake.dispatch('INTERACTION_CREATE', help);
    fake.dispatch('INTERACTION_CREATE', sentinel);
    await callbackFor(sentinel.id);
    expect(fake.calls.filter((c) => c.path.startsWith(`/interactions/${help.id}/`))).toHaveLength(1);
  });

  it('does not answer again when events are replayed after a RESUME', async () => {
    const dm = directMessage('when did Albania cut ties with Iran?');
    fake.dispatch('MESSAGE_CREATE', dm);
    await waitFor(() => repliesTo(dm.id).length, 'the first answer');
    fake.replayOnResume = 1;
    fake.requestReconnect();
    await waitFor(() => fake.frames.find((f) => f.op === 6), 'RESUME');
    const sentinel = directMessage('what is SPAK?');
    fake.dispatch('MESSAGE_CREATE', sentinel);
    await waitFor(() => repliesTo(sentinel.id).length, 'an answer after the resume');
    expect(fake.frames.find((f) => f.op === 6)?.d).toMatchObject({ token: TOKEN, session_id: 'fake-session' });
    expect(repliesTo(dm.id)).toHaveLength(1);
    expect(handle.connected()).toBe(true);
  });

  it('logs and skips an interaction that expired before the reply, then carries on', async () => {
    const late = slashCommand('help');
    fake.intercept((c) => (c.path.startsWith(`/interactions/${late.id}/`) ? { status: 404, body: { message: 'Unknown interaction', code: 10062 } } : undefined));
    fake.dispatch('INTERACTION_CREATE', late);
    await waitFor(() => logLines.find((l) => l.includes('expired or already answered')), 'the warning');
    const after = await runSlash(slashCommand('help'));
    expect(after.type).toBe(4);
    const warning = logLines.find((l) => l.includes('expired or already answered'))!;
    expect(warning).toContain('10062');
    expect(warning).toContain('/interactions/:id/:token'.replace(':id', late.id));
    expect(warning).not.toContain(late.token);
  });

  it('never writes the token to the log, and keeps message text at debug level', () => {
    const all = logLines.join('\n');
    expect(all).not.toContain(TOKEN);
    const texts = logLines.map((l) => JSON.parse(l) as { level: number; text?: string }).filter((l) => l.text !== undefined);
    expect(texts.length).toBeGreaterThan(0);
    for (const l of texts) expect(l.level).toBe(20);
  });

  it('stops cleanly', async () => {
    await handle.stop();
    expect(handle.connected()).toBe(false);
  });
});

describe('Discord start-up failures', () => {
  it('rejects a bad token with a message that does not contain it', async () => {
    const bad = await FakeDiscord.start();
    bad.intercept((c) => (c.path === '/gateway/bot' ? { status: 401, body: { message: '401: Unauthorized', code: 0 } } : undefined));
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (l: string) => void lines.push(l) });
    const bot = new Bot(createServices(casePack()));
    const started = startDiscord({ bot, config: { token: TOKEN, applicationId: APP_ID, apiUrl: bad.apiUrl }, log });
    await expect(started).rejects.toThrow(/Discord login failed/);
    await started.catch((err: Error) => expect(err.message).not.toContain(TOKEN));
    expect(lines.join('\n')).not.toContain(TOKEN);
    await bad.close();
  });
});
