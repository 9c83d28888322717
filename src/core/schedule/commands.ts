import type { Args, Context, ScheduleCommands } from '../../commands/types.js';
import { errorReply, noticeReply, reply, type Block, type Reply } from '../briefing/document.js';
import { quoteUser } from '../briefing/sanitize.js';
import type { Subscription, SubscriptionStore } from '../store/subscriptions.js';
import type { PostComposer } from './posts.js';
import { nextSlot } from './slots.js';
import { KINDS, parseWhen, type Kind } from './when.js';
import { formatInZone } from './zones.js';

/** Told about changes made through the commands, so they take effect without waiting for a sync. */
export interface ScheduleListener {
  upsert(sub: Subscription): void;
  remove(id: number): void;
}

export interface ScheduleServiceOptions {
  subscriptions: SubscriptionStore;
  composer: PostComposer;
  defaultTimezone: string;
  listener?: ScheduleListener;
  maxPerChannel?: number;
  now?: () => number;
}

export const MAX_PER_CHANNEL = 10;

const KIND_TEXT: Record<Kind, string> = {
  daily: 'the case in parts, one section per post',
  'on-this-day': 'anniversaries from the timeline',
  weekly: 'the overview and the latest developments',
};

const LIST_HINT = 'See this channel\'s subscriptions and their ids with /schedule list.';

/** `/schedule add|list|remove|pause|resume|preview`; subscriptions belong to one (platform, channel). */
export class ScheduleService implements ScheduleCommands {
  private readonly max: number;
  private readonly now: () => number;

  constructor(private readonly opts: ScheduleServiceOptions) {
    this.max = opts.maxPerChannel ?? MAX_PER_CHANNEL;
    this.now = opts.now ?? Date.now;
  }

  add(ctx: Context, args: Args): Reply {
    const parsed = parseWhen({
      when: String(args.when ?? ''),
      timezone: args.timezone === undefined ? undefined : String(args.timezone),
      kind: args.kind === undefined ? undefined : String(args.kind),
      defaultTimezone: this.opts.defaultTimezone,
      now: this.now(),
    });
    if (!parsed.ok) return errorReply(parsed.error, parsed.hint);
    const spec = parsed.value;
    const added = this.opts.subscriptions.add(
      { platform: ctx.platform, workspaceId: ctx.workspaceId, channelId: ctx.channelId, createdBy: ctx.userId, ...spec },
      this.max,
    );
    if (!added.ok) {
      return errorReply(
        `Sorry, this channel already has ${added.count} scheduled briefings, the most it can have.`,
        'Remove one first with /schedule remove <id>; /schedule list shows their ids.',
      );
    }
    // Only now, with the row committed, is the subscription acknowledged.
    const sub = added.subscription;
    this.opts.listener?.upsert(sub);
    const next = nextSlot(sub.cron, sub.timezone, this.now());
    return reply({
      tone: 'notice',
      title: `Scheduled: ${sub.kind} briefing`,
      blocks: [
        { type: 'paragraph', text: `This channel will get the ${sub.kind} briefing (${KIND_TEXT[sub.kind]}) on the schedule "${quoteUser(sub.label, 100)}", ${sub.timezone} time.` },
        { type: 'fields', fields: [{ name: 'Id', value: String(sub.id) }, { name: 'First post', value: next === undefined ? 'never' : formatInZone(next, sub.timezone) }] },
        { type: 'context', text: `See it with /schedule preview ${sub.kind}. Stop it with /schedule pause ${sub.id} or /schedule remove ${sub.id}.` },
      ],
    });
  }

  list(ctx: Context): Reply {
    const subs = this.opts.subscriptions.inChannel(ctx.platform, ctx.channelId);
    if (!subs.length) {
      return noticeReply('This channel has no scheduled briefings.', 'Add one with /schedule add daily 09:00 (or weekdays 08:30, weekly mon 09:00, with a time zone such as Europe/Tirane).');
    }
    const now = this.now();
    const items = subs.map((s) => {
      const next = nextSlot(s.cron, s.timezone, now);
      const state = s.paused
        ? `paused${s.pausedReason ? `: ${quoteUser(s.pausedReason, 200)}` : ''}. Resume with /schedule resume ${s.id}`
        : `next: ${next === undefined ? 'never' : formatInZone(next, s.timezone)}`;
      return { label: `${s.id}`, text: `${quoteUser(s.label, 100)} · ${s.kind} · ${s.timezone} · ${state}` };
    });
    const blocks: Block[] = [
      { type: 'list', items },
      { type: 'context', text: `${subs.length} of at most ${this.max} · /schedule pause <id> · /schedule remove <id> · /schedule preview` },
    ];
    return reply({ title: 'Scheduled briefings in this channel', blocks });
  }

  remove(ctx: Context, id: string): Reply {
    const sub = this.own(ctx, id);
    if ('error' in sub) return sub.error;
    if (!this.opts.subscriptions.remove(ctx.platform, ctx.channelId, sub.id)) return this.unknown(id);
    this.opts.listener?.remove(sub.id);
    return noticeReply(`Removed scheduled briefing ${sub.id} (${quoteUser(sub.label, 100)}, ${sub.kind}).`, 'Nothing more will be posted for it.');
  }

  pause(ctx: Context, id: string): Reply {
    const sub = this.own(ctx, id);
    if ('error' in sub) return sub.error;
    if (sub.paused) return noticeReply(`Scheduled briefing ${sub.id} is already paused.`, `Resume it with /schedule resume ${sub.id}.`);
    const updated = this.opts.subscriptions.pause(sub.id, `by a channel manager on ${new Date(this.now()).toISOString().slice(0, 10)}`);
    if (updated) this.opts.listener?.upsert(updated);
    return noticeReply(`Paused scheduled briefing ${sub.id} (${quoteUser(sub.label, 100)}).`, `Resume it with /schedule resume ${sub.id}.`);
  }

  resume(ctx: Context, id: string): Reply {
    const sub = this.own(ctx, id);
    if ('error' in sub) return sub.error;
    if (!sub.paused) return noticeReply(`Scheduled briefing ${sub.id} is not paused.`, LIST_HINT);
    const updated = this.opts.subscriptions.resume(sub.id);
    if (!updated) return this.unknown(id);
    this.opts.listener?.upsert(updated);
    const next = nextSlot(updated.cron, updated.timezone, this.now());
    return noticeReply(
      `Resumed scheduled briefing ${sub.id} (${quoteUser(sub.label, 100)}).`,
      `Next post: ${next === undefined ? 'never' : formatInZone(next, updated.timezone)}. Posts missed while it was paused are not sent.`,
    );
  }

  /** What the channel's next post would be (or a given kind's), shown only to the asker. */
  preview(ctx: Context, kind?: string): Reply {
    const wanted = kind?.trim().toLowerCase();
    if (wanted && !(KINDS as readonly string[]).includes(wanted)) {
      return errorReply(`"${quoteUser(wanted, 30)}" is not a kind of briefing.`, 'Kinds: daily, on-this-day, weekly. For example: /schedule preview weekly');
    }
    const now = this.now();
    const subs = this.opts.subscriptions
      .inChannel(ctx.platform, ctx.channelId)
      .filter((s) => !s.paused && (!wanted || s.kind === wanted))
      .map((s) => ({ s, next: nextSlot(s.cron, s.timezone, now) }))
      .filter((x): x is { s: Subscription; next: number } => x.next !== undefined)
      .sort((a, b) => a.next - b.next);
    const first = subs[0];
    const k = (wanted as Kind | undefined) ?? first?.s.kind ?? 'daily';
    const target = first ? { id: first.s.id, kind: k, timezone: first.s.timezone } : { kind: k, timezone: this.opts.defaultTimezone };
    const at = first?.next ?? now;
    const post = this.opts.composer.compose(target, at).reply;
    const note = first
      ? `Preview: scheduled briefing ${first.s.id} posts this on ${formatInZone(first.next, first.s.timezone)}.`
      : `Preview: this channel has no ${wanted ? `${wanted} ` : ''}schedule yet. Add one with /schedule add daily 09:00${wanted ? ` ${wanted}` : ''}.`;
    // A preview is for the asker; the post itself will be public.
    return { ...post, visibility: 'private', actions: post.actions.filter((a) => a.kind !== 'feedback-up' && a.kind !== 'feedback-down'), blocks: [{ type: 'context', text: note }, ...post.blocks] };
  }

  /** A subscription of this channel by its id, or a polite error. Other channels' ids are treated as unknown. */
  private own(ctx: Context, id: string): Subscription | { error: Reply } {
    const text = id.trim().replace(/^#/, '');
    if (!/^\d{1,15}$/.test(text)) {
      return { error: errorReply(`"${quoteUser(id, 40)}" is not a subscription id; ids are numbers.`, LIST_HINT) };
    }
    const sub = this.opts.subscriptions.get(Number(text));
    if (!sub || sub.platform !== ctx.platform || sub.channelId !== ctx.channelId) return { error: this.unknown(text) };
    return sub;
  }

  private unknown(id: string): Reply {
    return errorReply(`This channel has no scheduled briefing with id ${quoteUser(id, 40)}.`, LIST_HINT);
  }
}
