import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { Bot, type FeedbackSink } from '../../../src/bot.js';
import { startSlack, type SlackHandle, type SlackOptions } from '../../../src/adapters/slack/index.js';
import type { Context, ScheduleCommands } from '../../../src/commands/types.js';
import type { SlackConfig } from '../../../src/config.js';
import { reply } from '../../../src/core/briefing/document.js';
import { REDACT } from '../../../src/logger.js';
import { createServices } from '../../../src/services.js';
import { FakeSlack } from '../../fakes/slack.js';
import { casePack } from '../../helpers.js';

export const BOT_TOKEN = 'xoxb-1111-2222-abcdefSECRETbot';
export const APP_TOKEN = 'xapp-1-A0001-3333-abcdefSECRETapp';
export const SIGNING_SECRET = 'signing-secret-0123456789abcdef';

export interface Vote {
  ctx: Context;
  command: string;
  vote: 1 | -1;
}

/** Schedules as a fake: enough to see that /schedule reaches them with the right context. */
export function fakeSchedules(calls: string[]): ScheduleCommands {
  const done = (what: string) => reply({ blocks: [{ type: 'paragraph', text: what }], visibility: 'public' });
  return {
    add: (ctx, args) => (calls.push(`add ${ctx.channelId} ${String(args.when)}`), done(`Added: ${String(args.when)}`)),
    list: (ctx) => (calls.push(`list ${ctx.channelId}`), reply({ title: 'Scheduled briefings', blocks: [{ type: 'paragraph', text: `No scheduled briefings in this channel yet.` }] })),
    remove: (_ctx, id) => done(`Removed ${id}`),
    pause: (_ctx, id) => done(`Paused ${id}`),
    resume: (_ctx, id) => done(`Resumed ${id}`),
    preview: () => done('Preview'),
  };
}

/** A logger whose every line (at debug level) lands in `lines`, redacting like the real one. */
export function captureLogger(lines: string[]): Logger {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return pino({ level: 'debug', redact: { paths: REDACT, censor: '[redacted]' } }, sink);
}

export interface Harness {
  fake: FakeSlack;
  slack: SlackHandle;
  bot: Bot;
  votes: Vote[];
  scheduleCalls: string[];
  logs: string[];
  url: string;
  stop(): Promise<void>;
}

/** A fake Slack, a bot over the real case pack, and the Slack adapter started against them. */
export async function startHarness(over: Partial<SlackConfig> & { mode?: 'http' | 'socket' } & Partial<Pick<SlackOptions, 'ackWithinMs' | 'scheduleAdmins'>> & { makeBot?: (b: ConstructorParameters<typeof Bot>) => Bot } = {}): Promise<Harness> {
  const fake = await FakeSlack.start();
  const votes: Vote[] = [];
  const scheduleCalls: string[] = [];
  const logs: string[] = [];
  const log = captureLogger(logs);
  const sink: FeedbackSink = { recordFeedback: (ctx, command, vote) => votes.push({ ctx, command, vote }) };
  const args: ConstructorParameters<typeof Bot> = [{ ...createServices(casePack()), schedules: fakeSchedules(scheduleCalls) }, log, sink];
  const bot = over.makeBot ? over.makeBot(args) : new Bot(...args);
  const socket = over.mode === 'socket';
  const config: SlackConfig = {
    botToken: BOT_TOKEN,
    signingSecret: socket ? undefined : SIGNING_SECRET,
    appToken: socket ? APP_TOKEN : undefined,
    apiUrl: fake.apiUrl,
    port: 0,
  };
  const slack = await startSlack({
    bot,
    config,
    scheduleAdmins: over.scheduleAdmins ?? [],
    log,
    host: '127.0.0.1',
    socket: { clientPingTimeout: 300 },
    ...(over.ackWithinMs !== undefined ? { ackWithinMs: over.ackWithinMs } : {}),
  });
  return {
    fake,
    slack,
    bot,
    votes,
    scheduleCalls,
    logs,
    url: `http://127.0.0.1:${slack.port ?? 0}/slack/events`,
    stop: async () => {
      await slack.stop();
      await fake.close();
    },
  };
}
