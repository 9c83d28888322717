import type { types } from '@slack/bolt';
import type { Action, Block, Citation, Reply } from '../../core/briefing/document.js';
import { actionId, encodeValue } from './buttons.js';
import { escapeMrkdwn, mrkdwnLink, splitText, truncate } from './text.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  fieldText: 2000,
  fields: 10,
  actionsElements: 25,
  fallbackText: 300,
} as const;

/** Labels and field names are short by nature; a runaway one is cut rather than split. */
const MAX_LABEL = 200;

/** At most this many blocks of sources, so the text of the reply keeps most of the room. */
const MAX_SOURCE_BLOCKS = 6;

export interface SlackMessage {
  /** Plain fallback for notifications and screen readers. */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Offer "Share in channel": only where the message is seen by the asker alone. Default: private replies. */
  shareable?: boolean;
  /** On a shared copy, the user id of whoever shared it. */
  sharedBy?: string;
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text, verbatim: true });
const escapedLength = (s: string) => escapeMrkdwn(s).length;

/** Renders a reply as a Slack message that stays within every Block Kit limit. */
export function renderReply(reply: Reply, opts: RenderOptions = {}): SlackMessage {
  const shareable = opts.shareable ?? reply.visibility === 'private';
  const head: KnownBlock[] = reply.title ? [{ type: 'header', text: { type: 'plain_text', text: truncate(reply.title, LIMITS.headerText), emoji: true } }] : [];
  const body = reply.blocks.flatMap((b, i) => renderBlock(b, reply.tone === 'error' && i === 0));
  const sources = renderCitations(reply.citations);
  const tail: KnownBlock[] = [];
  if (opts.sharedBy && /^[UW][A-Z0-9]{2,20}$/.test(opts.sharedBy)) {
    tail.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Shared by <@${opts.sharedBy}>` }] });
  }
  const buttons = renderButtons(reply.actions.filter((a) => shareable || a.kind !== 'share'));
  if (buttons) tail.push(buttons);

  const room = LIMITS.blocks - head.length - sources.length - tail.length;
  let shown = body;
  if (body.length > room) {
    const next = reply.actions.some((a) => a.kind === 'next');
    const notice = next ? '…continued — use Next page.' : '…continued — the rest did not fit in one message.';
    shown = [...body.slice(0, Math.max(0, room - 1)), { type: 'context', elements: [mrkdwn(notice)] }];
  }
  return { text: fallbackText(reply), blocks: [...head, ...shown, ...sources, ...tail] };
}

function renderBlock(b: Block, warn: boolean): KnownBlock[] {
  const mark = warn ? ':warning: ' : '';
  switch (b.type) {
    case 'paragraph':
      return sections(b.text, mark);
    case 'context':
      return splitText(b.text, LIMITS.sectionText - mark.length, escapedLength).map((t, i) => ({
        type: 'context',
        elements: [mrkdwn(`${i === 0 ? mark : ''}${escapeMrkdwn(t)}`)],
      }));
    case 'list':
      return packLines(b.items.flatMap((item) => line('• ', item.label ? `*${escapeMrkdwn(truncate(item.label, MAX_LABEL))}* — ` : '', item.text)), mark);
    case 'fields': {
      const texts = b.fields.map((f) => `*${escapeMrkdwn(f.name)}*\n${escapeMrkdwn(f.value)}`);
      if (texts.length && texts.every((t) => t.length <= LIMITS.fieldText)) {
        const out: KnownBlock[] = [];
        for (let i = 0; i < texts.length; i += LIMITS.fields) {
          out.push({ type: 'section', fields: texts.slice(i, i + LIMITS.fields).map((t) => mrkdwn(t)) });
        }
        return mark ? [...sections('', mark), ...out] : out;
      }
      return packLines(b.fields.flatMap((f) => line('', `*${escapeMrkdwn(truncate(f.name, MAX_LABEL))}:* `, f.value)), mark);
    }
  }
}

/** Long text as as many sections as it needs, cut at paragraph, sentence or word boundaries. */
function sections(text: string, mark = ''): KnownBlock[] {
  const chunks = splitText(text, LIMITS.sectionText - mark.length, escapedLength);
  if (!chunks.length) return mark ? [{ type: 'section', text: mrkdwn(mark.trim()) }] : [];
  return chunks.map((t, i) => ({ type: 'section', text: mrkdwn(`${i === 0 ? mark : ''}${escapeMrkdwn(t)}`) }));
}

/** One list line, escaped; a line too long for a section becomes several, continuation indented. */
function line(bullet: string, prefix: string, text: string): string[] {
  const lead = `${bullet}${prefix}`;
  // Room for the indent and a warning mark in front of the first line.
  const room = LIMITS.sectionText - lead.length - 16;
  return splitText(text, room, escapedLength).map((t, i) => `${i === 0 ? lead : '  '}${escapeMrkdwn(t)}`);
}

/** Lines packed into as few sections as fit; `mark` goes before the first. */
function packLines(lines: string[], mark = ''): KnownBlock[] {
  const out: KnownBlock[] = [];
  let current = '';
  for (const [i, raw] of lines.entries()) {
    const l = i === 0 ? `${mark}${raw}` : raw;
    if (current && current.length + 1 + l.length > LIMITS.sectionText) {
      out.push({ type: 'section', text: mrkdwn(current) });
      current = l;
    } else {
      current = current ? `${current}\n${l}` : l;
    }
  }
  if (current) out.push({ type: 'section', text: mrkdwn(current) });
  return out;
}

function renderCitations(citations: Citation[]): KnownBlock[] {
  if (!citations.length) return [];
  const lines = citations.map((c) => {
    const title = truncate(c.title, 300);
    const link = c.url ? mrkdwnLink(c.url, title) : undefined;
    const meta = [c.publisher, c.date].filter(Boolean).map((s) => escapeMrkdwn(truncate(s, 200))).join(', ');
    const full = `[${c.n}] ${link ?? escapeMrkdwn(title)}${meta ? ` — ${meta}` : ''}`;
    return full.length <= LIMITS.sectionText - 16 ? full : `[${c.n}] ${escapeMrkdwn(truncate(c.title, 500))}`;
  });
  const blocks = packLines(['*Sources*', ...lines]);
  if (blocks.length <= MAX_SOURCE_BLOCKS) return blocks;
  const kept = blocks.slice(0, MAX_SOURCE_BLOCKS);
  kept.push({ type: 'context', elements: [mrkdwn('More sources than fit here: use the Sources button or /sources.')] });
  return kept;
}

function renderButtons(actions: Action[]): KnownBlock | undefined {
  if (!actions.length) return undefined;
  const elements: Button[] = actions.slice(0, LIMITS.actionsElements).map((a, i) => ({
    type: 'button',
    text: { type: 'plain_text', text: truncate(a.label.trim() || a.kind, LIMITS.buttonText), emoji: true },
    action_id: actionId(a.kind, i),
    value: encodeValue(a.kind, a.command),
    ...(a.kind === 'share' ? { style: 'primary' as const } : {}),
  }));
  return { type: 'actions', elements };
}

/** The notification line: the title and the start of the first paragraph. */
export function fallbackText(reply: Reply): string {
  const first = reply.blocks.find((b) => b.type === 'paragraph');
  const parts = [reply.title, first?.type === 'paragraph' ? first.text : undefined].filter((s): s is string => Boolean(s?.trim()));
  const text = parts.join(': ').replace(/\s+/g, ' ').trim() || 'casebrief';
  return escapeMrkdwn(truncate(text, LIMITS.fallbackText));
}
