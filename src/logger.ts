import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

const CENSOR = '[redacted]';

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

/**
 * Field names whose values are secret whatever they look like: `token`, `botToken`,
 * `access_token`, `signingSecret`, `client_secret`, `authorization`, `x-slack-signature`,
 * `cookie`, `apiKey`, `password`… Matched anywhere in the name, at any depth.
 */
const SECRET_KEY = /token|secret|passw(?:or)?d|authori[sz]ation|signature|cookie|api[-_]?key|credential|private[-_]?key/i;

/**
 * Secrets as they turn up inside text: error messages, stacks, URLs, request dumps.
 * Each keeps what helps debugging (which endpoint, which id) and drops the secret part.
 */
const SECRET_TEXT: [RegExp, string][] = [
  // Slack tokens: bot (xoxb-), user (xoxp-), app-level (xapp-), and the rarer kinds.
  [/\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g, CENSOR],
  // Slack response_url and incoming webhooks: the whole path is the credential.
  [/(hooks\.slack(?:-gov)?\.com\/)[^\s"'<>`]+/gi, `$1${CENSOR}`],
  // Discord interaction callbacks: /interactions/<id>/<token>/callback.
  [/(\/interactions\/\d+\/)[^/\s"'<>`?#]+/g, `$1${CENSOR}`],
  // Discord webhooks and interaction follow-ups: /webhooks/<id>/<token>[/messages/…].
  [/(\/webhooks\/\d+\/)[^/\s"'<>`?#]+/g, `$1${CENSOR}`],
  // Authorization header values: "Bot <token>", "Bearer <token>", "Basic <credentials>".
  [/\b(Bot|Bearer|Basic)(\s+)[A-Za-z0-9._~+/-]{16,}=*/g, `$1$2${CENSOR}`],
  // Three dot-separated base64url parts: Discord bot tokens and JWTs.
  [/\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}/g, CENSOR],
  // Slack request signatures (v0=<sha256 hex>).
  [/\bv0=[a-f0-9]{64}\b/gi, `v0=${CENSOR}`],
  // key=value in query strings and form bodies: token=…, client_secret=…, password=…
  [/\b([A-Za-z_]*(?:token|secret|password|signature))=[^&\s"'<>`]+/gi, `$1=${CENSOR}`],
  // "key": "value" in JSON that was logged as text.
  [/("[A-Za-z_-]*(?:token|secret|password|signature)"\s*:\s*")(?:[^"\\]|\\.)*"/gi, `$1${CENSOR}"`],
];

/** Removes every secret-looking part of a string. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 10;

/**
 * A copy of `value` with secrets removed: fields with secret names blanked, every string
 * scrubbed, Errors turned into plain objects (type, message, stack, causes, own fields) first
 * so their messages, stacks and fields such as a request URL are scrubbed too.
 */
export function scrubValue(value: unknown, depth = 0, ancestors: object[] = []): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.includes(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  let source: unknown = value;
  if (value instanceof Error) source = pino.stdSerializers.err(value);
  else if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  else if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    // Dates, URLs and library objects describe themselves; scrub what they would print.
    try {
      source = (value as { toJSON(): unknown }).toJSON();
    } catch {
      return '[unserializable]';
    }
    if (source === null || typeof source !== 'object') return scrubValue(source, depth + 1, ancestors);
  }
  const path = [...ancestors, value];
  if (Array.isArray(source)) return source.map((v) => scrubValue(v, depth + 1, path));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source as object)) {
    const v = (source as Record<string, unknown>)[key];
    const secret = SECRET_KEY.test(key) && v !== null && v !== undefined && typeof v !== 'boolean' && typeof v !== 'number';
    out[key] = secret ? CENSOR : scrubValue(v, depth + 1, path);
  }
  return out;
}

export interface LoggerSetup {
  /** Human-readable output; by default when stderr is a terminal. */
  pretty?: boolean;
  /** Where JSON lines go; stderr by default (stdout is the console chat). Ignored when pretty. */
  destination?: DestinationStream;
}

/**
 * pino applies `formatters.bindings` to the root logger's bindings only; a child's bindings
 * are serialized once, when it is made, into a string it keeps. Scrub that string once too.
 */
function scrubChildBindings(child: Logger): void {
  const holder = child as unknown as Record<symbol, unknown>;
  const sym = pino.symbols.chindingsSym;
  const chindings = holder[sym];
  if (typeof chindings !== 'string' || !chindings) return;
  try {
    const inner = JSON.stringify(scrubValue(JSON.parse(`{${chindings.slice(1)}}`))).slice(1, -1);
    holder[sym] = inner ? `,${inner}` : '';
  } catch {
    holder[sym] = scrubText(chindings);
  }
}

/**
 * The logger options every casebrief logger shares: scrubbing at several layers so a secret
 * cannot reach a log line by any route.
 *  - `formatters.log`: the fields of each call, deeply (names and values), Errors included;
 *    runs before pino's own serializers.
 *  - `formatters.bindings` and `onChild`: the fields bound to the root and to child loggers.
 *  - `hooks.streamWrite`: the finished line, which also covers the message text (pino takes
 *    it from an Error's message after the formatters have run) and `%s` interpolation.
 *  - `redact`: pino's path-based censor, kept for the well-known fields.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { app: 'casebrief' },
    redact: { paths: REDACT, censor: CENSOR },
    formatters: {
      log: (obj) => scrubValue(obj) as Record<string, unknown>,
      bindings: (bindings) => scrubValue(bindings) as Record<string, unknown>,
    },
    // Errors are already plain, scrubbed objects by the time pino serializes them.
    serializers: { err: (err: unknown) => err },
    hooks: { streamWrite: scrubText },
    onChild: scrubChildBindings,
  };
}

/** JSON lines off a terminal, readable on one; always on stderr so stdout stays the console chat. */
export function createLogger(level: string, setup: LoggerSetup = {}): Logger {
  const options = loggerOptions(level);
  const pretty = setup.pretty ?? (Boolean(process.stderr.isTTY) && !setup.destination);
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true, ignore: 'pid,hostname,app' } } });
  }
  return pino(options, setup.destination ?? pino.destination(2));
}
