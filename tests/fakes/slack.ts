import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { listenAgain, refuseConnections } from './outage.js';

/** One Web API call as the fake saw it. */
export interface ApiCall {
  method: string;
  authorization?: string;
  params: Record<string, unknown>;
}

/** A POST to a response_url. */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
}

/** What a handler answers: a body (200 JSON), or a full response. */
export type ApiAnswer = Record<string, unknown> | { status: number; headers?: Record<string, string>; body?: string };

const isFull = (a: ApiAnswer): a is { status: number; headers?: Record<string, string>; body?: string } => typeof (a as { status?: unknown }).status === 'number';

export const BOT_USER_ID = 'UBOT';
export const BOT_ID = 'BBOT';
export const TEAM_ID = 'T0001';

/**
 * Slack's Web API, response_url endpoints and Socket Mode server on 127.0.0.1, recording
 * every call. Handlers can be replaced per method to script errors and rate limits.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  /** Users for whom users.info says is_admin. */
  readonly admins = new Set<string>();
  private readonly handlers = new Map<string, (call: ApiCall) => ApiAnswer>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, (reply: Record<string, unknown>) => void>();
  private port = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server);
    server.on('request', (req, res) => void fake.handle(req, res));
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/link')) return socket.destroy();
      fake.wss.handleUpgrade(req, socket, head, (ws) => fake.connect(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  responseUrl(id: string = randomUUID()): string {
    return `${this.base}/respond/${id}`;
  }

  /** Replaces the answer for one Web API method. */
  on(method: string, handler: (call: ApiCall) => ApiAnswer): void {
    this.handlers.set(method, handler);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  private answer(call: ApiCall): ApiAnswer {
    const custom = this.handlers.get(call.method);
    if (custom) return custom(call);
    switch (call.method) {
      case 'auth.test':
        return { ok: true, user_id: BOT_USER_ID, bot_id: BOT_ID, team_id: TEAM_ID, team: 'Test', user: 'casebrief', url: 'https://test.slack.com/' };
      case 'chat.postMessage':
        return { ok: true, channel: call.params.channel, ts: `${(Date.now() / 1000).toFixed(6)}`, message: {} };
      case 'users.info': {
        const id = String(call.params.user);
        return { ok: true, user: { id, is_admin: this.admins.has(id), is_owner: false, is_primary_owner: false } };
      }
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link/` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.base);
    if (url.pathname.startsWith('/respond/')) {
      this.responses.push({ id: url.pathname.slice('/respond/'.length), body: JSON.parse(raw || '{}') as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const call: ApiCall = { method: url.pathname.slice('/api/'.length), authorization: req.headers.authorization, params: parseParams(raw, req.headers['content-type']) };
    this.calls.push(call);
    const a = this.answer(call);
    if (isFull(a)) res.writeHead(a.status, { 'content-type': 'application/json', ...a.headers }).end(a.body ?? '');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(a));
  }

  private connect(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (msg.envelope_id) {
        this.pending.get(msg.envelope_id)?.(msg.payload ?? {});
        this.pending.delete(msg.envelope_id);
      }
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0001' } }));
  }

  /** Sends a Socket Mode envelope to every connected client; resolves with the client's acknowledgement payload. */
  envelope(type: 'slash_commands' | 'events_api' | 'interactive', payload: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const envelope_id = randomUUID();
    const acked = new Promise<Record<string, unknown>>((resolve) => this.pending.set(envelope_id, resolve));
    const message = JSON.stringify({ envelope_id, type, accepts_response_payload: type !== 'events_api', payload, retry_attempt: 0, retry_reason: '', ...extra });
    for (const ws of this.sockets) ws.send(message);
    return acked;
  }

  /** Asks every Socket Mode client to reconnect, as Slack does when it recycles a connection. */
  recycle(): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested' }));
  }

  /**
   * Slack unreachable: drops every connection (Socket Mode included) and closes the port, so
   * new requests are refused. comeBack() opens the same port again.
   */
  async goDown(): Promise<void> {
    await refuseConnections(this.server, this.sockets);
  }

  /** Listens again on the same port. */
  async comeBack(): Promise<void> {
    await listenAgain(this.server, this.port);
  }

  /** Waits for every Socket Mode client to close, then stops the server. */
  async close(): Promise<void> {
    await waitFor(() => this.sockets.size === 0 || undefined, { timeoutMs: 3000 }).catch(() => {
      for (const ws of this.sockets) ws.terminate();
    });
    this.wss.close();
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function parseParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = k === 'blocks' || k === 'attachments' ? JSON.parse(v) : v;
  }
  return out;
}

/** Polls until `fn` returns something other than undefined (or throws on timeout). */
export async function waitFor<T>(fn: () => T | undefined, { timeoutMs = 5000, intervalMs = 10 } = {}): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`waitFor: nothing after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Slack's request signature over `v0:ts:body`. */
export function sign(secret: string, ts: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export interface SignedOptions {
  /** Unix seconds; default now. */
  ts?: number;
  /** Replaces the computed signature (null: no signature header at all). */
  signature?: string | null;
  headers?: Record<string, string>;
}

/** POSTs a body to the Slack endpoint as Slack would, signed with `secret`. */
export function postSigned(url: string, secret: string, body: string, contentType: string, opts: SignedOptions = {}): Promise<Response> {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), ...opts.headers };
  const signature = opts.signature === undefined ? sign(secret, ts, body) : opts.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  return fetch(url, { method: 'POST', headers, body });
}

/** A slash command's form body. */
export function commandBody(command: string, text: string, over: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'verification-token-legacy',
    team_id: TEAM_ID,
    team_domain: 'test',
    channel_id: 'C0001',
    channel_name: 'general',
    user_id: 'U0001',
    user_name: 'ann',
    command,
    text,
    api_app_id: 'A0001',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:1/unused',
    trigger_id: '1.2.3',
    ...over,
  }).toString();
}

/** An Events API callback around `event`. */
export function eventBody(event: Record<string, unknown>, eventId = `Ev${randomUUID().slice(0, 8)}`): Record<string, unknown> {
  return {
    token: 'verification-token-legacy',
    team_id: TEAM_ID,
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event,
  };
}

/** A block_actions payload for a click on `button` (as rendered: action_id and value). */
export function blockActionsPayload(button: { action_id: string; value: string }, responseUrl: string, over: { user?: string; channel?: string } = {}): Record<string, unknown> {
  const channel = over.channel ?? 'C0001';
  return {
    type: 'block_actions',
    user: { id: over.user ?? 'U0001', username: 'ann', team_id: TEAM_ID },
    api_app_id: 'A0001',
    token: 'verification-token-legacy',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: channel, is_ephemeral: true },
    trigger_id: '1.2.3',
    team: { id: TEAM_ID, domain: 'test' },
    channel: { id: channel, name: 'general' },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: button.action_id, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, value: button.value, action_ts: '1700000001.000200' }],
  };
}
