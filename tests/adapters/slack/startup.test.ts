import { afterEach, describe, expect, it } from 'vitest';
import { startSlack } from '../../../src/adapters/slack/index.js';
import type { SlackConfig } from '../../../src/config.js';
import { FakeSlack } from '../../fakes/slack.js';
import { testBot } from '../../helpers.js';
import { APP_TOKEN, BOT_TOKEN, captureLogger, SIGNING_SECRET } from './harness.js';

describe('Slack adapter start-up', () => {
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function start(over: Partial<SlackConfig>, logs: string[] = []) {
    fake ??= await FakeSlack.start();
    const config: SlackConfig = { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, port: 0, ...over };
    return startSlack({ bot: testBot(), config, scheduleAdmins: [], log: captureLogger(logs), host: '127.0.0.1' });
  }

  it('refuses a rejected bot token with a message naming the variable, never the token', async () => {
    fake = await FakeSlack.start();
    fake.on('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    const logs: string[] = [];
    const err = await start({}, logs).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toContain('SLACK_BOT_TOKEN');
    expect(err?.message).toContain('invalid_auth');
    expect(err?.message).not.toContain(BOT_TOKEN);
    expect(logs.join('')).not.toContain(BOT_TOKEN);
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('needs a signing secret in HTTP mode', async () => {
    await expect(start({ signingSecret: undefined })).rejects.toThrow('SLACK_SIGNING_SECRET');
  });

  it('refuses a rejected app token in Socket Mode, naming SLACK_APP_TOKEN', async () => {
    fake = await FakeSlack.start();
    fake.on('apps.connections.open', () => ({ ok: false, error: 'invalid_auth' }));
    const logs: string[] = [];
    const err = await start({ appToken: APP_TOKEN, signingSecret: undefined }, logs).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toContain('SLACK_APP_TOKEN');
    expect(err?.message).not.toContain(APP_TOKEN);
    expect(logs.join('')).not.toContain(APP_TOKEN);
  });
});
