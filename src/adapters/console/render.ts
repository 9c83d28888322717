import { styleText } from 'node:util';
import type { Block, Reply } from '../../core/briefing/document.js';

type Style = Parameters<typeof styleText>[0];

/** Renders a reply as readable text; colour only when asked (on a terminal). */
export function renderText(reply: Reply, colour = false): string {
  const paint = (style: Style, text: string) => (colour ? styleText(style, text) : text);
  const out: string[] = [];
  if (reply.title) out.push(paint('bold', reply.title), '');
  for (const b of reply.blocks) {
    out.push(...renderBlock(b, paint), '');
  }
  if (reply.citations.length) {
    out.push(paint('bold', 'Sources'));
    for (const c of reply.citations) {
      out.push(`  [${c.n}] ${c.title} — ${c.publisher}${c.date ? `, ${c.date}` : ''}${c.url ? `\n      ${paint('cyan', c.url)}` : ''}`);
    }
    out.push('');
  }
  const next = reply.actions.filter((a) => a.kind === 'more' || a.kind === 'next' || a.kind === 'sources');
  if (next.length) out.push(paint('dim', next.map((a) => `→ ${a.label}: ${a.command}`).join('\n')), '');
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd();
}

function renderBlock(b: Block, paint: (s: Style, t: string) => string): string[] {
  switch (b.type) {
    case 'paragraph':
      return [b.text];
    case 'context':
      return [paint('dim', b.text)];
    case 'fields':
      return b.fields.map((f) => `${paint('bold', `${f.name}:`)} ${f.value}`);
    case 'list':
      return b.items.map((i) => `• ${i.label ? `${paint('bold', i.label)} — ` : ''}${i.text}`);
  }
}
