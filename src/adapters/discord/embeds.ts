import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { Action, Block, Citation, Reply, Tone } from '../../core/briefing/document.js';
import { escapeText, plainText, splitText, truncate } from './text.js';

/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2_000,
  title: 256,
  description: 4_096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  embedsTotal: 6_000,
  embeds: 10,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** Pieces of description text stay well under the limit so several pack into one message. */
const PIECE = 1_800;
const MAX_MESSAGES = 5;
const SHORTENED = '*(Shortened: the full reply is longer than Discord allows. Narrow the question or use the page buttons.)*';
const COLOURS: Record<Tone, number> = { answer: 0x3b82f6, info: 0x2f855a, notice: 0x718096, error: 0xc53030 };

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** One Discord message, in API (snake_case) shape. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
}

export interface RenderOptions {
  /** Builds a button's custom_id (see ButtonCodec). */
  customId: (action: Action) => string;
  /** Posted for everyone: the share button makes no sense there. */
  isPublic?: boolean;
  maxMessages?: number;
}

/**
 * Renders a reply as one or more Discord messages within every limit: embeds for
 * briefings and answers, plain content for notices and errors, buttons on the last one.
 */
export function renderReply(reply: Reply, opts: RenderOptions): DiscordMessage[] {
  const plain = (reply.tone === 'error' || reply.tone === 'notice') && !reply.citations.length;
  const messages = plain ? contentMessages(reply) : embedMessages(reply);
  const max = opts.maxMessages ?? MAX_MESSAGES;
  if (messages.length > max) {
    messages.length = max;
    const last = messages[max - 1]!;
    last.content = last.content ? `${truncate(last.content, LIMITS.content - SHORTENED.length - 2)}\n\n${SHORTENED}` : SHORTENED;
  }
  if (!messages.length) messages.push({ content: '\u200b', embeds: [], components: [] });
  messages[messages.length - 1]!.components = buttonRows(reply.actions, opts);
  return messages;
}

function contentMessages(reply: Reply): DiscordMessage[] {
  const parts = [reply.title ? `**${escapeText(reply.title)}**` : '', ...reply.blocks.map(blockMarkdown)].filter(Boolean);
  return splitText(parts.join('\n\n'), LIMITS.content).map((content) => ({ content, embeds: [], components: [] }));
}

type Unit =
  | { kind: 'text'; text: string; newEmbed?: boolean; title?: string }
  | { kind: 'field'; field: APIEmbedField }
  | { kind: 'footer'; text: string };

function embedMessages(reply: Reply): DiscordMessage[] {
  const units: Unit[] = [];
  const { body, trailing } = splitTrailingContext(reply.blocks);
  let first = true;
  const pushText = (markdown: string) => {
    for (const text of splitText(markdown, PIECE)) {
      units.push({ kind: 'text', text, ...(first && reply.title ? { title: reply.title } : {}) });
      first = false;
    }
  };
  for (const block of body) {
    if (block.type === 'fields') {
      if (first && reply.title) units.push({ kind: 'text', text: '', title: reply.title });
      first = false;
      for (const f of block.fields) units.push(...fieldUnits(f.name, f.value));
    } else {
      pushText(blockMarkdown(block));
    }
  }
  if (first && reply.title) units.push({ kind: 'text', text: '', title: reply.title });
  if (trailing.length) units.push({ kind: 'footer', text: trailing.map((b) => b.text).join(' · ') });
  let sourcesTitle = true;
  for (const text of splitText(reply.citations.map(citationLine).join('\n'), PIECE)) {
    units.push({ kind: 'text', text, newEmbed: sourcesTitle, ...(sourcesTitle ? { title: 'Sources' } : {}) });
    sourcesTitle = false;
  }
  return pack(units, COLOURS[reply.tone]);
}

/** Context blocks at the very end (page counts, confidence) read best as the embed footer. */
function splitTrailingContext(blocks: Block[]): { body: Block[]; trailing: Extract<Block, { type: 'context' }>[] } {
  let i = blocks.length;
  while (i > 0 && blocks[i - 1]!.type === 'context') i--;
  return { body: blocks.slice(0, i), trailing: blocks.slice(i) as Extract<Block, { type: 'context' }>[] };
}

function fieldUnits(name: string, value: string): Unit[] {
  const safeName = truncate(escapeText(name), LIMITS.fieldName) || '\u200b';
  const pieces = splitText(escapeText(value), LIMITS.fieldValue);
  return (pieces.length ? pieces : ['\u200b']).map((v, i) => ({ kind: 'field', field: { name: i === 0 ? safeName : '\u200b', value: v } }));
}

function blockMarkdown(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return escapeText(block.text);
    case 'context':
      return `*${escapeText(block.text)}*`;
    case 'list':
      return block.items.map((i) => `• ${i.label ? `**${escapeText(i.label)}** — ` : ''}${escapeText(i.text)}`).join('\n');
    case 'fields':
      return block.fields.map((f) => `**${escapeText(f.name)}:** ${escapeText(f.value)}`).join('\n');
  }
}

/** `**[1]** [Title](url) — Publisher, date`: a numbered markdown link per source. */
export function citationLine(c: Citation): string {
  const title = escapeText(truncate(c.title.replace(/\s+/g, ' '), 140)).replace(/[[\]]/g, (b) => `\\${b}`);
  const url = c.url ? safeUrl(c.url) : undefined;
  const meta = [c.publisher, c.date].filter(Boolean).map((s) => escapeText(truncate(s, 80))).join(', ');
  return `**[${c.n}]** ${url ? `[${title}](${url})` : title}${meta ? ` — ${meta}` : ''}`;
}

/** Only web links, with the characters that would end a markdown link encoded. */
function safeUrl(raw: string): string | undefined {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  const href = u.href.replace(/[()<>\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return href.length <= 512 ? href : undefined;
}

function embedSize(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

/** Greedy packing of units into embeds and embeds into messages, checking every limit on the way. */
function pack(units: Unit[], color: number): DiscordMessage[] {
  const messages: APIEmbed[][] = [];
  let embeds: APIEmbed[] = [];
  let embed: APIEmbed | undefined;
  const used = () => embeds.reduce((n, e) => n + embedSize(e), 0);
  const startEmbed = (need: number): APIEmbed => {
    if (embeds.length >= LIMITS.embeds || used() + need > LIMITS.embedsTotal) {
      messages.push(embeds);
      embeds = [];
    }
    embed = { color };
    embeds.push(embed);
    return embed;
  };
  for (const u of units) {
    if (u.kind === 'text') {
      const title = u.title ? truncate(escapeText(u.title), LIMITS.title) : undefined;
      const desc = embed?.description;
      const added = u.text.length + (desc ? 2 : 0);
      const fits = embed && !u.newEmbed && !title && !embed.fields?.length && (desc?.length ?? 0) + added <= LIMITS.description && used() + added <= LIMITS.embedsTotal;
      if (fits) {
        if (u.text) embed!.description = desc ? `${desc}\n\n${u.text}` : u.text;
        continue;
      }
      const e = startEmbed(u.text.length + (title?.length ?? 0));
      if (title) e.title = title;
      if (u.text) e.description = u.text;
    } else if (u.kind === 'field') {
      const size = u.field.name.length + u.field.value.length;
      const fits = embed && (embed.fields?.length ?? 0) < LIMITS.fields && used() + size <= LIMITS.embedsTotal;
      const e = fits ? embed! : startEmbed(size);
      (e.fields ??= []).push(u.field);
    } else {
      const text = truncate(plainText(u.text), LIMITS.footer);
      // Discord rejects a whole message whose footer text is empty.
      if (embed && text && used() + text.length <= LIMITS.embedsTotal) embed.footer = { text };
      else startEmbed(text.length).description = `*${escapeText(text)}*`;
    }
  }
  if (embeds.length) messages.push(embeds);
  return messages.map((m) => ({ embeds: m.filter((e) => embedSize(e) > 0), components: [] })).filter((m) => m.embeds.length);
}

const NAVIGATION = new Set<Action['kind']>(['more', 'next', 'sources']);

/** Navigation on the first rows, share and feedback on the last; at most 5 rows of 5. */
function buttonRows(actions: Action[], opts: RenderOptions): ButtonRow[] {
  const seen = new Set<string>();
  const buttons = (list: Action[]) =>
    list.flatMap((a): APIButtonComponentWithCustomId[] => {
      const custom_id = opts.customId(a);
      if (seen.has(custom_id) || custom_id.length > LIMITS.customId) return [];
      seen.add(custom_id);
      const style = a.kind === 'share' ? ButtonStyle.Primary : ButtonStyle.Secondary;
      return [{ type: ComponentType.Button, style, custom_id, label: truncate(plainText(a.label), LIMITS.buttonLabel) || a.kind }];
    });
  const usable = actions.filter((a) => !(opts.isPublic && a.kind === 'share'));
  const groups = [buttons(usable.filter((a) => NAVIGATION.has(a.kind))), buttons(usable.filter((a) => !NAVIGATION.has(a.kind)))];
  const rows: ButtonRow[] = [];
  for (const group of groups) {
    for (let i = 0; i < group.length && rows.length < LIMITS.rows; i += LIMITS.buttonsPerRow) {
      rows.push({ type: ComponentType.ActionRow, components: group.slice(i, i + LIMITS.buttonsPerRow) });
    }
  }
  return rows;
}
