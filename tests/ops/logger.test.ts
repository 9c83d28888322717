import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubText, scrubValue } from '../../src/logger.js';

// Fake secrets, each shaped like the real thing.
const SECRETS = {
  botToken: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
  appToken: 'xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef0123456789',
  userToken: 'xoxp-1111111111-2222222222-3333333333-abcdefabcdefabcdefabcdefabcdefab',
  discordToken: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB',
  interactionToken: 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXRpbnRlcmFjdGlvbg',
  webhookToken: 'Zm9sbG93dXAtd2ViaG9vay10b2tlbi1zZWNyZXQtdmFsdWU',
  responsePath: 'T0123ABCD/4567890123/R3sp0nseUrlS3cretPart',
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  password: 'hunter2-correct-horse',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
};

const urls = {
  interaction: `https://discord.com/api/v10/interactions/1234567890123456789/${SECRETS.interactionToken}/callback`,
  followup: `https://discord.com/api/v10/webhooks/987654321098765432/${SECRETS.interactionToken}/messages/@original`,
  webhook: `https://discord.com/api/webhooks/111122223333444455/${SECRETS.webhookToken}`,
  responseUrl: `https://hooks.slack.com/commands/${SECRETS.responsePath}`,
  actionsUrl: `https://hooks.slack.com/actions/${SECRETS.responsePath}`,
  query: `https://example.org/oauth?client_id=1&client_secret=${SECRETS.signingSecret}&token=${SECRETS.botToken}`,
};

function capture() {
  let out = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      out += String(chunk);
      done();
    },
  });
  const log = createLogger('trace', { destination: stream });
  return { log, lines: () => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>), text: () => out };
}

function expectNoSecret(text: string): void {
  for (const [name, secret] of Object.entries(SECRETS)) expect(text, `${name} leaked`).not.toContain(secret);
  // Not even a recognisable fragment of a token.
  expect(text).not.toMatch(/xox[bpa]-\d|xapp-\d/);
}

/** An error as discord.js or an HTTP client throws it: secrets in the message, fields and cause. */
function apiError(): Error {
  const err = new Error(`Request to ${urls.interaction} failed with Bot ${SECRETS.discordToken}`) as Error & Record<string, unknown>;
  err.url = urls.followup;
  err.method = 'POST';
  err.requestBody = { json: { token: SECRETS.interactionToken, content: 'hi' } };
  err.headers = { Authorization: `Bot ${SECRETS.discordToken}`, 'x-slack-signature': SECRETS.signature };
  err.cause = new Error(`An API error occurred: invalid_auth (token ${SECRETS.botToken})`);
  return err;
}

describe('log redaction', () => {
  it('scrubs structured fields, at any depth, by name and by shape', () => {
    const { log, text, lines } = capture();
    log.info(
      {
        token: SECRETS.botToken,
        config: { botToken: SECRETS.botToken, appToken: SECRETS.appToken, signingSecret: SECRETS.signingSecret, port: 3000 },
        request: { headers: { authorization: `Bearer ${SECRETS.jwt}`, 'x-slack-signature': SECRETS.signature, cookie: 'sid=abc' }, body: `token=${SECRETS.botToken}&text=hi` },
        deep: { a: { b: { c: { d: { password: SECRETS.password, note: `user token ${SECRETS.userToken}` } } } } },
        list: [urls.responseUrl, urls.webhook, { url: urls.actionsUrl }],
        oauth: urls.query,
        interactionToken: SECRETS.interactionToken,
      },
      'configured',
    );
    expectNoSecret(text());
    const [line] = lines();
    // What is not secret survives, so logs stay useful.
    expect(line).toMatchObject({ msg: 'configured', app: 'casebrief', config: { port: 3000, botToken: '[redacted]' } });
    expect(JSON.stringify(line)).toContain('https://hooks.slack.com/[redacted]');
    expect(JSON.stringify(line)).toContain('/webhooks/111122223333444455/[redacted]');
  });

  it('scrubs Errors: message, stack, own fields and causes, logged directly or under err', () => {
    const { log, text, lines } = capture();
    log.error(apiError());
    log.error({ err: apiError(), subscription: 4 }, 'scheduled post failed');
    log.warn({ error: apiError() }, 'under another name');
    log.error({ err: new AggregateError([apiError()], `several failed: ${urls.webhook}`) }, 'aggregate');
    expectNoSecret(text());
    const [direct, underErr] = lines();
    expect(direct!.msg).toContain('/interactions/1234567890123456789/[redacted]/callback');
    expect(underErr).toMatchObject({ msg: 'scheduled post failed', subscription: 4, err: { type: 'Error', method: 'POST', url: expect.stringContaining('/webhooks/987654321098765432/[redacted]') } });
    expect((underErr!.err as { stack: string }).stack).toContain('caused by');
  });

  it('scrubs the message text and interpolated values', () => {
    const { log, text } = capture();
    log.warn(`posting to ${urls.responseUrl} with ${SECRETS.botToken}`);
    log.info('retrying %s with %s', urls.followup, `Bot ${SECRETS.discordToken}`);
    log.info({ n: 1 }, `Authorization: Bearer ${SECRETS.jwt}`);
    expectNoSecret(text());
  });

  it('scrubs child logger bindings', () => {
    const { log, text, lines } = capture();
    const child = log.child({ token: SECRETS.botToken, webhook: urls.webhook, adapter: 'discord' });
    child.info('hello');
    // A name that says secret, with a value that looks like nothing in particular; and a grandchild.
    child.child({ clientSecret: SECRETS.password }, { level: 'debug' }).debug({ interaction: '42' }, 'deeper');
    expectNoSecret(text());
    const [first, second] = lines();
    expect(first).toMatchObject({ adapter: 'discord', token: '[redacted]', msg: 'hello' });
    expect(second).toMatchObject({ adapter: 'discord', clientSecret: '[redacted]', interaction: '42', msg: 'deeper' });
  });

  it('copes with circular and exotic values without leaking or throwing', () => {
    const { log, text } = capture();
    const loop: Record<string, unknown> = { secret: SECRETS.password, note: SECRETS.appToken };
    loop.self = loop;
    log.info({ loop, when: new Date(0), url: new URL(urls.interaction), buf: Buffer.from(SECRETS.botToken), big: 10n ** 3n, map: new Map([['token', SECRETS.botToken]]) }, 'odd');
    expectNoSecret(text());
    expect(text()).toContain('[Circular]');
    expect(text()).toContain('1970-01-01T00:00:00.000Z');
  });

  it('keeps ordinary text intact', () => {
    const plain = 'The bot posted the briefing for 2022-07-15: Basic facts, Bot status ok, 3 tokens left, see https://discord.com/channels/1/2';
    expect(scrubText(plain)).toBe(plain);
    expect(scrubValue({ tokensUsed: 3, ok: true, tokenKind: null })).toEqual({ tokensUsed: 3, ok: true, tokenKind: null });
  });
});
