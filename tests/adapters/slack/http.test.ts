import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bot } from '../../../src/bot.js';
import type { Context } from '../../../src/commands/types.js';
import type { Reply } from '../../../src/core/briefing/document.js';
import { blockActionsPayload, BOT_USER_ID, commandBody, eventBody, postSigned, waitFor, type ApiCall } from '../../fakes/slack.js';
import { BOT_TOKEN, SIGNING_SECRET, startHarness, type Harness } from './harness.js';

const FORM = 'application/x-www-form-urlencoded';

type Button = { type: 'button'; action_id: string; value: string; text: { text: string } };
type Body = { response_type?: string; text?: string; blocks?: Array<{ type: string; elements?: unknown[]; text?: { text: string } }> };

function buttons(body: Body): Button[] {
  return (body.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements as Button[]);
}

function allText(body: Body | Record<string, unknown>): string {
  return JSON.stringify(body);
}

/** What a person can see: everything but the buttons' hidden values. */
function visibleText(body: Body | Record<string, unknown>): string {
  return JSON.stringify(body, (k, v: unknown) => (k === 'value' ? undefined : v));
}

describe('Slack adapter over HTTP', () => {
  let h: Harness;

  async function slash(command: string, text: string, over: Record<string, string> = {}): Promise<Body> {
    const res = await postSigned(h.url, SIGNING_SECRET, commandBody(command, text, { response_url: h.fake.responseUrl(), ...over }), FORM);
    expect(res.status).toBe(200);
    const raw = await res.text();
    return raw ? (JSON.parse(raw) as Body) : {};
  }

  async function event(payload: Record<string, unknown>, headers: Record<string, string> = {}): Promise<number> {
    const res = await postSigned(h.url, SIGNING_SECRET, JSON.stringify(payload), 'application/json', { headers });
    await res.arrayBuffer();
    return res.status;
  }

  async function click(button: Button, over: { user?: string; channel?: string } = {}): Promise<string> {
    const id = `click-${Math.random().toString(36).slice(2)}`;
    const payload = blockActionsPayload(button, h.fake.responseUrl(id), over);
    const res = await postSigned(h.url, SIGNING_SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    return id;
  }

  const postsTo = (channel: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === channel);

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('is connected once started, and called auth.test once itself', () => {
    expect(h.slack.connected()).toBe(true);
    expect(h.fake.callsTo('auth.test')).toHaveLength(1);
    expect(h.fake.callsTo('auth.test')[0]!.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('answers url_verification with the challenge when signed, and 401 when not', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 't', challenge: 'ch-123' });
    const ok = await postSigned(h.url, SIGNING_SECRET, body, 'application/json');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ challenge: 'ch-123' });
    const bad = await postSigned(h.url, 'wrong-secret-0000', body, 'application/json');
    expect(bad.status).toBe(401);
  });

  it('rejects bad, missing, stale and tampered signatures with 401', async () => {
    const body = commandBody('/brief', '');
    const wrong = await postSigned(h.url, 'not-the-signing-secret', body, FORM);
    const missing = await postSigned(h.url, SIGNING_SECRET, body, FORM, { signature: null });
    const stale = await postSigned(h.url, SIGNING_SECRET, body, FORM, { ts: Math.floor(Date.now() / 1000) - 600 });
    const ts = Math.floor(Date.now() / 1000);
    const { sign } = await import('../../fakes/slack.js');
    const tampered = await postSigned(h.url, SIGNING_SECRET, body.replace('brief', 'help'), FORM, { ts, signature: sign(SIGNING_SECRET, ts, body) });
    for (const r of [wrong, missing, stale, tampered]) {
      expect(r.status).toBe(401);
      await r.arrayBuffer();
    }
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('/brief answers in the acknowledgement: ephemeral, header, sources, share and feedback buttons', async () => {
    const body = await slash('/brief', '');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('Albania');
    expect(body.blocks?.[0]).toMatchObject({ type: 'header' });
    expect(allText(body)).toMatch(/<https?:\/\/[^|>]+\|[^>]+>/);
    const kinds = buttons(body).map((b) => b.action_id.split(':')[1]);
    expect(kinds).toEqual(expect.arrayContaining(['share', 'feedback-up', 'feedback-down', 'sources']));
    expect(body.blocks!.length).toBeLessThanOrEqual(50);
  });

  it('/ask answers with citations; /actor and /help work; /timeline with a bad date explains', async () => {
    const ask = await slash('/ask', 'who was behind the July 2022 attack?');
    expect(ask.response_type).toBe('ephemeral');
    expect(allText(ask)).toMatch(/Sources/);
    expect(allText(ask)).toMatch(/\[1\]/);

    const actor = await slash('/actor', 'MOIS');
    expect(allText(actor)).toContain('Ministry of Intelligence');

    const help = await slash('/help', '');
    expect(allText(help)).toContain('/timeline');

    const bad = await slash('/timeline', '2022-13');
    expect(bad.response_type).toBe('ephemeral');
    expect(allText(bad)).toContain('month must be between 01 and 12');
    expect(buttons(bad)).toHaveLength(0);
  });

  it('/schedule list reaches the schedules; add is refused to non-admins and allowed to workspace admins', async () => {
    const list = await slash('/schedule', 'list', { channel_id: 'C0SCHED' });
    expect(allText(list)).toContain('No scheduled briefings');
    expect(h.scheduleCalls).toContain('list C0SCHED');
    expect(h.fake.callsTo('users.info')).toHaveLength(1);

    const refused = await slash('/schedule', 'add daily 09:00', { channel_id: 'C0SCHED', user_id: 'U0PLAIN' });
    expect(allText(refused)).toContain('only people who can manage');
    expect(h.scheduleCalls.some((c) => c.startsWith('add'))).toBe(false);

    h.fake.admins.add('U0ADMIN');
    const added = await slash('/schedule', 'add daily 09:00', { channel_id: 'C0SCHED', user_id: 'U0ADMIN' });
    expect(added.response_type).toBe('in_channel');
    expect(h.scheduleCalls).toContain('add C0SCHED daily 09:00');
    await slash('/schedule', 'add weekdays 08:30', { channel_id: 'C0SCHED', user_id: 'U0ADMIN' });
    // The admin answer is cached: one users.info per user.
    expect(h.fake.callsTo('users.info').filter((c) => c.params.user === 'U0ADMIN')).toHaveLength(1);
  });

  it('never renders mention syntax typed by a user as a ping', async () => {
    const body = await slash('/help', '&lt;!channel&gt; @everyone &lt;@U123&gt;');
    const text = visibleText(body);
    expect(text).not.toMatch(/<!(channel|here|everyone)/);
    expect(text).not.toMatch(/<@U123/);
    expect(text).not.toMatch(/@everyone/);
    const ask = await slash('/ask', '<!here> @channel <@U123|bob> what is ROADSWEEP?');
    expect(visibleText(ask)).not.toMatch(/<!here|<@U123|@channel/);
  });

  it('answers a direct message with chat.postMessage to the IM, as the bot, and follows up', async () => {
    expect(await event(eventBody({ type: 'message', channel_type: 'im', channel: 'D0001', user: 'U0001', text: 'who was behind the July attack?', ts: '1700000000.000001' }))).toBe(200);
    const first = await waitFor(() => postsTo('D0001')[0]);
    expect(first.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(String(first.params.text).length).toBeGreaterThan(0);
    expect(Array.isArray(first.params.blocks)).toBe(true);
    expect(first.params.thread_ts).toBeUndefined();

    await event(eventBody({ type: 'message', channel_type: 'im', channel: 'D0001', user: 'U0001', text: 'tell me more', ts: '1700000000.000002' }));
    await waitFor(() => postsTo('D0001')[1]);
  });

  it('ignores edits, bot messages and its own messages', async () => {
    await event(eventBody({ type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'D0002', hidden: true, message: { text: 'x' }, ts: '1.1' }));
    await event(eventBody({ type: 'message', subtype: 'bot_message', channel_type: 'im', channel: 'D0002', bot_id: 'B999', text: 'hello', ts: '1.2' }));
    await event(eventBody({ type: 'message', channel_type: 'im', channel: 'D0002', user: BOT_USER_ID, bot_id: 'BBOT', text: 'my own answer', ts: '1.3' }));
    await event(eventBody({ type: 'message', channel_type: 'im', channel: 'D0002', user: 'U0002', text: 'what is ROADSWEEP?', ts: '1.4' }));
    await waitFor(() => postsTo('D0002')[0]);
    expect(postsTo('D0002')).toHaveLength(1);
  });

  it('answers an app_mention in a thread under it, without the mention', async () => {
    await event(eventBody({ type: 'app_mention', channel: 'C0MENTION', user: 'U0001', text: `<@${BOT_USER_ID}> what is ROADSWEEP?`, ts: '1700000100.000100' }));
    const post = await waitFor(() => postsTo('C0MENTION')[0]);
    expect(post.params.thread_ts).toBe('1700000100.000100');
    expect(allText(post.params)).toContain('ROADSWEEP');

    await event(eventBody({ type: 'app_mention', channel: 'C0MENTION', user: 'U0001', text: `<@${BOT_USER_ID}> and who made it?`, ts: '1700000100.000300', thread_ts: '1700000100.000100' }));
    const second = await waitFor(() => postsTo('C0MENTION')[1]);
    expect(second.params.thread_ts).toBe('1700000100.000100');
  });

  it('answers an event delivered twice (Slack retry) once', async () => {
    const payload = eventBody({ type: 'message', channel_type: 'im', channel: 'D0RETRY', user: 'U0001', text: 'what is SPAK?', ts: '1700000200.000001' }, 'EvRETRY01');
    expect(await event(payload)).toBe(200);
    expect(await event(payload, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).toBe(200);
    // A later, different event is answered, so the retry has certainly been processed by then.
    await event(eventBody({ type: 'message', channel_type: 'im', channel: 'D0RETRY', user: 'U0001', text: 'what is a wiper?', ts: '1700000200.000002' }, 'EvRETRY02'));
    await waitFor(() => postsTo('D0RETRY')[1]);
    expect(postsTo('D0RETRY')).toHaveLength(2);
  });

  it('Next page runs the next page and answers ephemerally through response_url', async () => {
    const body = await slash('/timeline', '');
    const next = buttons(body).find((b) => b.action_id.startsWith('casebrief:next:'));
    expect(next).toBeDefined();
    expect(JSON.parse(next!.value)).toEqual({ k: 'next', c: '/timeline page:2' });
    const id = await click(next!);
    const res = await waitFor(() => h.fake.responses.find((r) => r.id === id));
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.replace_original).toBe(false);
    expect(allText(res.body)).toContain('Timeline');
  });

  it('Share posts the reply for the whole channel, naming who shared it', async () => {
    const body = await slash('/actor', 'MOIS');
    const share = buttons(body).find((b) => b.action_id.startsWith('casebrief:share:'))!;
    const id = await click(share, { user: 'U0SHARE', channel: 'C0SHARE' });
    const res = await waitFor(() => h.fake.responses.find((r) => r.id === id));
    expect(res.body.response_type).toBe('in_channel');
    expect(allText(res.body)).toContain('Ministry of Intelligence');
    expect(allText(res.body)).toContain('Shared by <@U0SHARE>');
    expect(allText(res.body)).not.toContain('casebrief:share');
  });

  it('Share falls back to chat.postMessage when the response_url is gone', async () => {
    const body = await slash('/glossary', 'SPAK');
    const share = buttons(body).find((b) => b.action_id.startsWith('casebrief:share:'))!;
    const payload = blockActionsPayload(share, `${h.fake.base}/gone`, { user: 'U0SHARE', channel: 'C0FALLBACK' });
    const res = await postSigned(h.url, SIGNING_SECRET, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
    await res.arrayBuffer();
    const post = await waitFor(() => postsTo('C0FALLBACK')[0]);
    expect(allText(post.params)).toContain('Shared by');
  });

  it('feedback buttons are recorded by the feedback sink and thanked ephemerally', async () => {
    const body = await slash('/ask', 'what is ROADSWEEP?');
    const up = buttons(body).find((b) => b.action_id.startsWith('casebrief:feedback-up:'))!;
    const down = buttons(body).find((b) => b.action_id.startsWith('casebrief:feedback-down:'))!;
    const id = await click(up, { user: 'U0VOTER' });
    const res = await waitFor(() => h.fake.responses.find((r) => r.id === id));
    expect(res.body.response_type).toBe('ephemeral');
    expect(allText(res.body)).toContain('Thanks');
    await click(down, { user: 'U0VOTER' });
    await waitFor(() => (h.votes.length >= 2 ? true : undefined));
    expect(h.votes.map((v) => v.vote)).toEqual([1, -1]);
    expect(h.votes[0]!.command).toBe('/ask what is ROADSWEEP?');
    expect(h.votes[0]!.ctx).toMatchObject({ platform: 'slack', userId: 'U0VOTER', channelId: 'C0001', workspaceId: 'T0001' });
  });

  it('sends every Web API call to SLACK_API_URL with the bot token, and never logs a secret', () => {
    const calls: ApiCall[] = h.fake.calls;
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(c.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    const logs = h.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
    expect(logs).not.toContain('verification-token-legacy');
    // Message text shows up at debug level only.
    for (const line of h.logs) {
      if (line.includes('ROADSWEEP')) expect(JSON.parse(line).level).toBe(20);
    }
  });
});

describe('Slack adapter, slow replies', () => {
  it('acknowledges empty within the time limit and sends the reply through response_url', async () => {
    class SlowBot extends Bot {
      override async handleLine(ctx: Context, line: string): Promise<Reply> {
        await new Promise((r) => setTimeout(r, 150));
        return super.handleLine(ctx, line);
      }
    }
    const h = await startHarness({ ackWithinMs: 20, makeBot: (args) => new SlowBot(...args) });
    try {
      const url = h.fake.responseUrl('slow');
      const res = await postSigned(h.url, SIGNING_SECRET, commandBody('/brief', '', { response_url: url }), FORM);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      const late = await waitFor(() => h.fake.responses.find((r) => r.id === 'slow'));
      expect(late.body.response_type).toBe('ephemeral');
      expect(JSON.stringify(late.body)).toContain('Albania');
    } finally {
      await h.stop();
    }
  });
});
