import { errorReply, noticeReply, type Action, type Reply } from './core/briefing/document.js';
import { normalize } from './core/briefing/names.js';
import { quoteUser } from './core/briefing/sanitize.js';
import { checkArgs, parseCommandLine } from './commands/parse.js';
import type { Args, CommandDef, Completion, Context, Services } from './commands/types.js';
import { rateKey, retrySeconds, type RateDecision } from './ops/rate-limit.js';

export interface BotLogger {
  error(obj: object, msg: string): void;
}

/** What a person did with a reply's 👍/👎 buttons. */
export interface FeedbackSink {
  recordFeedback(ctx: Context, command: string, vote: 1 | -1): void;
}

export interface Choice {
  name: string;
  value: string;
}

/** Spends one of a person's requests; see src/ops/rate-limit.ts. */
export interface Limiter {
  take(key: string): RateDecision;
}

export interface BotOptions {
  /** Per-person limit on questions and commands; button feedback is never limited. */
  limiter?: Limiter;
}

const MAX_LINE = 10_000;

export const RESTARTING = 'casebrief is restarting, please try again in a moment.';

export function rateLimitedMessage(retryAfterMs: number): string {
  const n = retrySeconds(retryAfterMs);
  return `You're asking faster than I can keep up — please try again in ${n} second${n === 1 ? '' : 's'}.`;
}

/**
 * The one entry point adapters call: a command line, a typed command, a plain
 * message or a button. Never throws: anything unexpected becomes a polite reply.
 */
export class Bot {
  private draining = false;
  private inFlight = 0;
  private idle: (() => void)[] = [];

  constructor(
    readonly services: Services,
    private readonly log: BotLogger = { error: () => {} },
    private readonly feedback?: FeedbackSink,
    private readonly opts: BotOptions = {},
  ) {}

  /** True once close() was called: every request gets the "restarting" reply. */
  get closed(): boolean {
    return this.draining;
  }

  /**
   * Stops taking requests (they are answered politely instead) and resolves once the
   * ones already running have replied, so shutdown does not cut an answer off halfway.
   * The caller bounds the wait.
   */
  close(): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  get catalogue(): CommandDef[] {
    return this.services.catalogue;
  }

  /** A line as typed: a slash command, or a plain question. */
  async handleLine(ctx: Context, line: string): Promise<Reply> {
    return this.admit(ctx, true, () => this.line(ctx, line));
  }

  /** A command with options already typed by the platform (Discord). */
  async execute(ctx: Context, name: string, sub: string | undefined, raw: Args): Promise<Reply> {
    return this.admit(ctx, true, () => this.typed(ctx, name, sub, raw));
  }

  /** A button: runs the command it carries (counted like typing it); feedback is recorded instead. */
  async action(ctx: Context, action: Pick<Action, 'kind' | 'command'>): Promise<Reply> {
    if (action.kind === 'feedback-up' || action.kind === 'feedback-down') {
      return this.admit(ctx, false, async () => {
        try {
          this.feedback?.recordFeedback(ctx, action.command, action.kind === 'feedback-up' ? 1 : -1);
        } catch (err) {
          this.log.error({ err }, 'could not record feedback');
        }
        return noticeReply('Thanks for the feedback.');
      });
    }
    return this.handleLine(ctx, action.command);
  }

  /** The gate every request passes: closed for shutdown, then the person's rate limit, then counted while it runs. */
  private async admit(ctx: Context, limited: boolean, fn: () => Promise<Reply>): Promise<Reply> {
    if (this.draining) return noticeReply(RESTARTING);
    if (limited && this.opts.limiter) {
      const decision = this.opts.limiter.take(rateKey(ctx.platform, ctx.userId));
      if (!decision.ok) return noticeReply(rateLimitedMessage(decision.retryAfterMs));
    }
    this.inFlight++;
    try {
      return await fn();
    } finally {
      if (--this.inFlight === 0 && this.idle.length) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private async line(ctx: Context, line: string): Promise<Reply> {
    const text = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
    if (!text.trim()) {
      const example = this.services.briefing.pack.questions[0]?.questions[0];
      return noticeReply('Ask me a question about the case, or type /help to see what I can do.', `For example: ${example ? `${example} · ` : ''}/brief · /timeline`);
    }
    if (text.trim().startsWith('/')) {
      return this.guard(ctx, text, () => {
        const parsed = parseCommandLine(text, this.catalogue);
        if (!parsed.ok) return parsed.error;
        return this.run(ctx, parsed.value.command, parsed.value.sub, parsed.value.args, text.trim());
      });
    }
    return this.guard(ctx, text, () => this.decorate(this.services.qa.ask(ctx, text), `/ask ${text.trim()}`));
  }

  private async typed(ctx: Context, name: string, sub: string | undefined, raw: Args): Promise<Reply> {
    return this.guard(ctx, name, () => {
      const command = this.catalogue.find((c) => c.name === name);
      if (!command) return errorReply(`Unknown command /${quoteUser(name, 30)}. Type /help for all commands.`);
      const spec = sub ? command.subcommands?.find((s) => s.name === sub) : command;
      if (!spec) return errorReply(`/${name} has no "${quoteUser(sub ?? '', 30)}". Type /help ${name}.`);
      const checked = checkArgs(spec, raw, sub ? `${name} ` : '');
      if (!checked.ok) return checked.error;
      return this.run(ctx, command, sub, checked.args, commandLine(name, sub, checked.args));
    });
  }

  private async run(ctx: Context, command: CommandDef, sub: string | undefined, args: Args, line: string): Promise<Reply> {
    const spec = sub ? command.subcommands?.find((s) => s.name === sub) : command;
    if (!spec) return errorReply(`/${command.name} needs a subcommand. Type /help ${command.name}.`);
    if (spec.access === 'schedule-admin' && !ctx.canManageSchedules) {
      return errorReply(
        'Sorry, only people who can manage this channel can change its scheduled briefings.',
        'Anyone can use /schedule list and /schedule preview.',
      );
    }
    const runner = 'run' in spec && spec.run ? spec.run : undefined;
    if (!runner) return errorReply(`/${command.name} needs a subcommand. Type /help ${command.name}.`);
    return this.decorate(await runner(ctx, args, this.services), line);
  }

  /** Adds the share and feedback buttons every private lookup offers. */
  private decorate(reply: Reply, line: string): Reply {
    if (reply.tone === 'error' || reply.tone === 'notice') return reply;
    const extra: Action[] = [];
    if (reply.visibility === 'private') extra.push({ kind: 'share', label: 'Share in channel', command: line });
    extra.push({ kind: 'feedback-up', label: '👍', command: line }, { kind: 'feedback-down', label: '👎', command: line });
    return { ...reply, actions: [...reply.actions, ...extra] };
  }

  private async guard(ctx: Context, what: string, fn: () => Reply | Promise<Reply>): Promise<Reply> {
    try {
      return await fn();
    } catch (err) {
      this.log.error({ err, platform: ctx.platform, command: what.slice(0, 40) }, 'command failed');
      return errorReply('Sorry, something went wrong on my side. Please try again; if it keeps happening, tell whoever runs this bot.');
    }
  }

  /** Values for autocomplete, best first; at most 25, as Discord allows. */
  complete(kind: Completion, partial: string): Choice[] {
    const b = this.services.briefing;
    const q = normalize(partial);
    const pool = (() => {
      switch (kind) {
        case 'actor':
          return b.pack.actors.map((a) => ({ name: a.name, value: a.name, keys: [a.name, ...a.aliases] }));
        case 'topic':
          return b.pack.sections.map((s) => ({ name: s.title, value: s.id, keys: [s.id, s.title, ...s.keywords] }));
        case 'term':
          return [...b.pack.glossary.map((t) => ({ name: t.term, value: t.term, keys: [t.term, ...t.aliases] })), ...b.pack.malware.map((m) => ({ name: m.name, value: m.name, keys: [m.name, ...m.aliases] }))];
        case 'phase':
          return b.pack.meta.phases.map((p) => ({ name: p.label, value: p.id, keys: [p.id, p.label] }));
        case 'kind':
          return ['daily', 'on-this-day', 'weekly'].map((k) => ({ name: k, value: k, keys: [k] }));
        case 'timezone':
          return Intl.supportedValuesOf('timeZone').map((z) => ({ name: z, value: z, keys: [z] }));
      }
    })().map((c: Choice & { keys: string[] }) => {
      const keys = c.keys.map(normalize);
      const rank = !q ? 1 : keys.some((k) => k.startsWith(q)) ? 0 : keys.some((k) => k.includes(q)) ? 1 : 2;
      return { name: c.name.slice(0, 100), value: c.value.slice(0, 100), rank };
    });
    const seen = new Set<string>();
    return pool
      .filter((c) => c.rank < 2)
      .sort((a, b) => a.rank - b.rank)
      .filter((c) => !seen.has(c.value) && seen.add(c.value))
      .slice(0, 25)
      .map(({ name, value }) => ({ name, value }));
  }
}

/** The text form of a typed command, used for buttons and feedback. */
export function commandLine(name: string, sub: string | undefined, args: Args): string {
  const parts = [`/${name}`, ...(sub ? [sub] : [])];
  for (const [k, v] of Object.entries(args)) {
    if (v === undefined || v === '') continue;
    const s = String(v);
    parts.push(/\s/.test(s) ? `${k}:"${s.replace(/"/g, '')}"` : `${k}:${s}`);
  }
  return parts.join(' ');
}
