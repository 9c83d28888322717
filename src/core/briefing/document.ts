import type { Reliability } from '../content/schema.js';

/**
 * The platform-neutral reply every adapter renders its own way (Block Kit, embeds, text).
 * Text is plain: no platform markup, citation numbers written as [1].
 */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: ListItem[] }
  | { type: 'fields'; fields: Field[] }
  | { type: 'context'; text: string };

export interface ListItem {
  label?: string;
  text: string;
}

export interface Field {
  name: string;
  value: string;
}

export interface Citation {
  n: number;
  id: string;
  title: string;
  publisher: string;
  date: string;
  url?: string;
  reliability: Reliability;
}

export type ActionKind = 'more' | 'sources' | 'next' | 'share' | 'feedback-up' | 'feedback-down';

export interface Action {
  kind: ActionKind;
  label: string;
  /** The command line the core runs when the action is taken (empty for share/feedback). */
  command: string;
}

export type Tone = 'info' | 'answer' | 'error' | 'notice';

export interface Reply {
  title?: string;
  blocks: Block[];
  citations: Citation[];
  actions: Action[];
  tone: Tone;
  /** Lookups go to the asker only; scheduled posts and shared replies are public. */
  visibility: 'private' | 'public';
}

export function reply(parts: Partial<Reply> & { blocks: Block[] }): Reply {
  return { citations: [], actions: [], tone: 'info', visibility: 'private', ...parts };
}

export function errorReply(message: string, hint?: string): Reply {
  const blocks: Block[] = [{ type: 'paragraph', text: message }];
  if (hint) blocks.push({ type: 'context', text: hint });
  return reply({ tone: 'error', blocks });
}

export function noticeReply(message: string, hint?: string): Reply {
  return { ...errorReply(message, hint), tone: 'notice' };
}

/** Total characters of text in a reply, for paging and limit checks. */
export function blockLength(b: Block): number {
  switch (b.type) {
    case 'paragraph':
    case 'context':
      return b.text.length;
    case 'list':
      return b.items.reduce((n, i) => n + (i.label?.length ?? 0) + i.text.length + 4, 0);
    case 'fields':
      return b.fields.reduce((n, f) => n + f.name.length + f.value.length + 2, 0);
  }
}
