import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_USER_ID, eventBody, TEAM_ID, waitFor } from '../../fakes/slack.js';
import { APP_TOKEN, BOT_TOKEN, startHarness, type Harness } from './harness.js';

describe('Slack adapter in Socket Mode', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ mode: 'socket' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('opens the connection through apps.connections.open with the app token, on SLACK_API_URL', () => {
    const open = h.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(h.fake.socketCount).toBe(1);
    expect(h.slack.connected()).toBe(true);
    expect(h.slack.port).toBeUndefined();
  });

  it('answers a slash command envelope in its acknowledgement', async () => {
    const ack = await h.fake.envelope('slash_commands', {
      token: 'verification-token-legacy',
      team_id: TEAM_ID,
      channel_id: 'C0001',
      channel_name: 'general',
      user_id: 'U0001',
      command: '/timeline',
      text: '2022-09',
      api_app_id: 'A0001',
      response_url: h.fake.responseUrl('socket-cmd'),
      trigger_id: '1.2.3',
    });
    expect(ack.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack)).toContain('September 2022');
  });

  it('answers an events_api envelope (a DM) once, even when redelivered after a reconnect', async () => {
    const body = eventBody({ type: 'message', channel_type: 'im', channel: 'D0SOCK', user: 'U0001', text: 'what is ROADSWEEP?', ts: '1700000300.000001' }, 'EvSOCK01');
    const ack = await h.fake.envelope('events_api', body);
    expect(ack).toEqual({});
    await waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.params.channel === 'D0SOCK'));
    await h.fake.envelope('events_api', body, { retry_attempt: 1, retry_reason: 'timeout' });
    const mention = eventBody({ type: 'app_mention', channel: 'C0SOCK', user: 'U0001', text: `<@${BOT_USER_ID}> what is SPAK?`, ts: '1700000300.000002' }, 'EvSOCK02');
    await h.fake.envelope('events_api', mention);
    // The mention comes after the redelivery, so once it is answered the redelivery has been dealt with.
    const inThread = await waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.params.channel === 'C0SOCK'));
    expect(inThread.params.thread_ts).toBe('1700000300.000002');
    const dms = h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0SOCK');
    expect(dms).toHaveLength(1);
    expect(dms[0]!.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('reconnects when Slack recycles the connection, and does not answer a redelivered event again', async () => {
    const body = eventBody({ type: 'message', channel_type: 'im', channel: 'D0RECYCLE', user: 'U0001', text: 'what is SPAK?', ts: '1700000400.000001' }, 'EvRECYCLE1');
    await h.fake.envelope('events_api', body);
    await waitFor(() => h.fake.callsTo('chat.postMessage').find((c) => c.params.channel === 'D0RECYCLE'));

    h.fake.recycle();
    await waitFor(() => (h.slack.connected() ? undefined : true));
    await waitFor(() => (h.fake.callsTo('apps.connections.open').length === 2 && h.fake.socketCount === 1 && h.slack.connected() ? true : undefined));

    await h.fake.envelope('events_api', body, { retry_attempt: 1, retry_reason: 'timeout' });
    const later = eventBody({ type: 'message', channel_type: 'im', channel: 'D0RECYCLE', user: 'U0001', text: 'what is a wiper?', ts: '1700000400.000002' }, 'EvRECYCLE2');
    await h.fake.envelope('events_api', later);
    await waitFor(() => h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0RECYCLE')[1]);
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.params.channel === 'D0RECYCLE')).toHaveLength(2);
  });

  it('delivers scheduled posts through the same Web API client', async () => {
    await h.slack.delivery.post('C0SCHEDULED', { title: 'Daily briefing', blocks: [{ type: 'paragraph', text: 'Today in the case.' }], citations: [], actions: [], tone: 'info', visibility: 'public' });
    const post = h.fake.callsTo('chat.postMessage').find((c) => c.params.channel === 'C0SCHEDULED');
    expect(post?.params.text).toContain('Daily briefing');
  });

  it('reports disconnected after stop', async () => {
    await h.slack.stop();
    expect(h.slack.connected()).toBe(false);
    await waitFor(() => (h.fake.socketCount === 0 ? true : undefined));
  });
});
