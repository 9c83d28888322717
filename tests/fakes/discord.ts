import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { listenAgain, refuseConnections } from './outage.js';

/**
 * A fake Discord on 127.0.0.1: the REST API (point discord.js at it with `rest.api`)
 * and a gateway speaking the JSON protocol (HELLO, IDENTIFY, READY, heartbeats,
 * dispatches, RECONNECT/RESUME). It records every request and gateway frame.
 */

export const APP_ID = '1100000000000000001';
export const BOT_ID = '1100000000000000002';
export const GUILD_ID = '1100000000000000003';
export const GUILD_CHANNEL_ID = '1100000000000000004';

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  // Parsed JSON body, whatever the route sent.
  body: any;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Returns a response to override the default route, or undefined to fall through. */
export type Intercept = (call: RecordedCall) => FakeResponse | undefined;

let nextId = 1_200_000_000_000_000_000n;
export function snowflake(): string {
  nextId += 1n;
  return nextId.toString();
}

export const botUser = { id: BOT_ID, username: 'casebrief', discriminator: '0', global_name: null, avatar: null, bot: true };

export function user(id: string, name = `user${id.slice(-4)}`) {
  return { id, username: name, discriminator: '0', global_name: name, avatar: null };
}

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  /** Gateway frames the client sent (IDENTIFY, RESUME, heartbeats). */
  readonly frames: { op: number; d: any }[] = [];
  /** Registered commands per route, as Discord would return them. */
  readonly commands = new Map<string, any[]>();
  private readonly intercepts: Intercept[] = [];
  private readonly sockets = new Set<WebSocket>();
  private readonly sent: { t: string; d: unknown }[] = [];
  private seq = 0;
  private port = 0;
  /** What to replay after the next RESUME: the last dispatches, as Discord may do. */
  replayOnResume = 0;
  /** The session id the next READY carries; a test changes it to tell a fresh session from a resumed one. */
  sessionId = 'fake-session';

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    readonly heartbeatInterval: number,
  ) {}

  static async start(opts: { heartbeatInterval?: number } = {}): Promise<FakeDiscord> {
    const http = createServer();
    const wss = new WebSocketServer({ server: http });
    const fake = new FakeDiscord(http, wss, opts.heartbeatInterval ?? 250);
    http.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        let body: unknown;
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          body = raw;
        }
        const call: RecordedCall = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname).replace(/^\/api\/v\d+/, ''), query: url.searchParams, headers: req.headers, body };
        fake.calls.push(call);
        const answer = fake.intercepts.map((f) => f(call)).find(Boolean) ?? fake.route(call);
        const headers = { ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }), ...answer.headers };
        res.writeHead(answer.status, headers);
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      });
    });
    wss.on('connection', (ws) => fake.connect(ws));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    fake.port = (http.address() as AddressInfo).port;
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  intercept(f: Intercept): void {
    this.intercepts.push(f);
  }

  clearIntercepts(): void {
    this.intercepts.length = 0;
  }

  callsTo(method: string, path: string | RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)));
  }

  /** Sends a dispatch event to every connected gateway session. */
  dispatch(t: string, d: unknown): void {
    const s = ++this.seq;
    this.sent.push({ t, d });
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 0, t, s, d }));
  }

  /** Asks the client to reconnect and resume (op 7), as Discord does during maintenance. */
  requestReconnect(): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 7, d: null }));
  }

  /** Invalid session (op 9): `resumable` true lets the client RESUME, false makes it IDENTIFY afresh. */
  invalidateSession(resumable: boolean): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ op: 9, d: resumable }));
  }

  /** Gateway sessions currently connected. */
  get socketCount(): number {
    return this.sockets.size;
  }

  /** Discord unreachable: drops gateway and REST connections and closes the port (refused) until comeBack(). */
  async goDown(): Promise<void> {
    await refuseConnections(this.http, this.sockets);
  }

  /** Listens again on the same port. */
  async comeBack(): Promise<void> {
    await listenAgain(this.http, this.port);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    if (!this.http.listening) return;
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private connect(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { op: number; d: any };
      this.frames.push(frame);
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) this.ready(ws);
      if (frame.op === 6) this.resumed(ws);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatInterval } }));
  }

  private ready(ws: WebSocket): void {
    const d = { v: 10, user: botUser, guilds: [], session_id: this.sessionId, resume_gateway_url: this.gatewayUrl, shard: [0, 1], application: { id: APP_ID, flags: 0 } };
    ws.send(JSON.stringify({ op: 0, t: 'READY', s: ++this.seq, d }));
  }

  private resumed(ws: WebSocket): void {
    // Redelivered with fresh sequence numbers, so only the adapter's own dedupe can stop a second answer.
    const replay = this.replayOnResume ? this.sent.slice(-this.replayOnResume) : [];
    this.replayOnResume = 0;
    for (const e of replay) ws.send(JSON.stringify({ op: 0, t: e.t, s: ++this.seq, d: e.d }));
    ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
  }

  private route(call: RecordedCall): FakeResponse {
    const { method, path } = call;
    if (method === 'GET' && path === '/gateway/bot') {
      return { status: 200, body: { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } } };
    }
    if (method === 'GET' && path === '/users/@me') return { status: 200, body: botUser };
    const commands = /^\/applications\/\d+(?:\/guilds\/\d+)?\/commands$/.exec(path);
    if (commands) {
      if (method === 'GET') return { status: 200, body: this.commands.get(path) ?? [] };
      if (method === 'PUT') {
        const stored = (call.body as any[]).map((c) => asDiscordStores(c, path));
        this.commands.set(path, stored);
        return { status: 200, body: stored };
      }
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return { status: 204 };
    const webhook = /^\/webhooks\/(\d+)\/[^/]+(\/messages\/@original)?$/.exec(path);
    if (webhook) {
      if (method === 'DELETE') return { status: 204 };
      return { status: 200, body: message(GUILD_CHANNEL_ID, call.body, botUser) };
    }
    const channelMessages = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channelMessages && method === 'POST') return { status: 200, body: message(channelMessages[1]!, call.body, botUser) };
    const channel = /^\/channels\/(\d+)$/.exec(path);
    if (channel && method === 'GET') return { status: 200, body: { id: channel[1], type: 0, guild_id: GUILD_ID, name: 'general', position: 0, permission_overwrites: [] } };
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }
}

/** What Discord sends back for a registered command: our fields plus ids, versions and defaults. */
function asDiscordStores(c: any, path: string) {
  const guild = /guilds\/(\d+)/.exec(path)?.[1];
  const strip = (opts: any[] | undefined): any[] | undefined =>
    opts?.map((o) => {
      const { required, ...rest } = o;
      return { ...rest, ...(required ? { required } : {}), description_localizations: null, name_localizations: null, options: strip(o.options) };
    });
  return {
    id: snowflake(),
    application_id: APP_ID,
    version: snowflake(),
    type: 1,
    default_member_permissions: null,
    dm_permission: true,
    nsfw: false,
    integration_types: [0],
    contexts: null,
    name_localizations: null,
    description_localizations: null,
    ...(guild ? { guild_id: guild } : {}),
    ...c,
    options: strip(c.options),
  };
}

export function message(channelId: string, body: any, author: object) {
  return {
    id: snowflake(),
    channel_id: channelId,
    author,
    content: body?.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    pinned: false,
    type: 0,
    flags: body?.flags ?? 0,
  };
}

/** Polls until `probe` returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | null | false, what = 'condition', timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

// ---- Gateway payload builders -------------------------------------------------

export interface InteractionOptions {
  id?: string;
  guild?: boolean;
  /** Member permission bits as a decimal string (guild only). */
  permissions?: string;
  userId?: string;
  channelId?: string;
}

function interactionBase(type: number, o: InteractionOptions) {
  const id = o.id ?? snowflake();
  const u = user(o.userId ?? '1300000000000000001');
  const guild = o.guild ?? true;
  return {
    id,
    application_id: APP_ID,
    type,
    token: `itoken-${id}`,
    version: 1,
    channel_id: o.channelId ?? (guild ? GUILD_CHANNEL_ID : '1400000000000000001'),
    channel: { id: o.channelId ?? (guild ? GUILD_CHANNEL_ID : '1400000000000000001'), type: guild ? 0 : 1 },
    ...(guild
      ? { guild_id: GUILD_ID, member: { user: u, roles: [], permissions: o.permissions ?? '0', joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 } }
      : { user: u }),
    app_permissions: '0',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: guild ? 0 : 1,
  };
}

export interface SlashOption {
  name: string;
  type: number;
  value?: string | number;
  focused?: boolean;
  options?: SlashOption[];
}

export function slashCommand(name: string, options: SlashOption[] = [], o: InteractionOptions = {}) {
  return { ...interactionBase(2, o), data: { id: snowflake(), name, type: 1, options } };
}

export function autocomplete(name: string, options: SlashOption[], o: InteractionOptions = {}) {
  return { ...interactionBase(4, o), data: { id: snowflake(), name, type: 1, options } };
}

export function buttonClick(customId: string, o: InteractionOptions = {}) {
  const base = interactionBase(3, o);
  return { ...base, data: { custom_id: customId, component_type: 2 }, message: { ...message(base.channel_id, {}, botUser), flags: 64 } };
}

export function directMessage(content: string, o: { id?: string; userId?: string; channelId?: string } = {}) {
  return {
    ...message(o.channelId ?? '1400000000000000001', { content }, user(o.userId ?? '1300000000000000001')),
    id: o.id ?? snowflake(),
    channel_type: 1,
  };
}

export function guildMessage(content: string, o: { id?: string; userId?: string; mentionsBot?: boolean } = {}) {
  const author = user(o.userId ?? '1300000000000000001');
  return {
    ...message(GUILD_CHANNEL_ID, { content }, author),
    id: o.id ?? snowflake(),
    guild_id: GUILD_ID,
    member: { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
    mentions: o.mentionsBot ? [botUser] : [],
  };
}

/** A server with one text channel, sent as GUILD_CREATE so guild messages can be routed. */
export function guildCreate() {
  return {
    id: GUILD_ID,
    name: 'Test server',
    icon: null,
    owner_id: '1300000000000000099',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [{ id: GUILD_ID, name: '@everyone', color: 0, hoist: false, position: 0, permissions: '68608', managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    members: [],
    channels: [{ id: GUILD_CHANNEL_ID, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: GUILD_ID, parent_id: null, topic: null, nsfw: false }],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}
