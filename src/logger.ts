import { pino, type Logger } from 'pino';

/** Paths pino blanks wherever they appear, so no token or secret reaches a log line. */
export const REDACT = [
  'token',
  '*.token',
  '*.*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-slack-signature"]',
  'password',
];

/** JSON lines off a terminal, readable on one; always on stderr so stdout stays the console chat. */
export function createLogger(level: string, pretty = Boolean(process.stderr.isTTY)): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'casebrief' } };
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname,app' } } });
  }
  return pino(options, pino.destination(2));
}
