import { errorReply, reply, type Block } from '../core/briefing/document.js';
import { NameIndex } from '../core/briefing/names.js';
import { quoteUser } from '../core/briefing/sanitize.js';
import type { CommandDef, Services } from './types.js';
import { usage } from './usage.js';

const VISIBILITY =
  'Replies to lookups are shown only to you; use the "Share in channel" button to post one for everyone. Scheduled briefings are posted to the channel.';

function overview(s: Services) {
  const items = s.catalogue.flatMap((c) =>
    c.subcommands ? c.subcommands.map((sc) => ({ label: usage(sc, `${c.name} `), text: sc.description })) : [{ label: usage(c), text: c.description }],
  );
  const blocks: Block[] = [
    { type: 'paragraph', text: `${s.briefing.pack.meta.title}: ${s.briefing.pack.meta.description}` },
    { type: 'list', items },
    { type: 'context', text: `You can also just ask a question in plain words, in a direct message or by mentioning me. ${VISIBILITY} For one command in detail: /help <command>.` },
  ];
  return reply({ title: 'casebrief commands', blocks });
}

function detail(c: CommandDef) {
  const parts = c.subcommands ?? [c];
  const blocks: Block[] = [{ type: 'paragraph', text: c.description }];
  for (const p of parts) {
    const prefix = c.subcommands ? `${c.name} ` : '';
    const opts = p.options.filter((o) => !o.hidden);
    blocks.push({
      type: 'list',
      items: [
        { label: usage(p, prefix), text: p.description + (p.access === 'schedule-admin' ? ' (channel managers only)' : '') },
        ...opts.map((o) => ({ label: o.name, text: `${o.description}${o.required ? '' : ' (optional)'}${o.choices ? `: ${o.choices.join(', ')}` : ''}` })),
      ],
    });
    blocks.push({ type: 'context', text: `Examples: ${p.examples.join(' · ')}` });
  }
  return reply({ title: `/${c.name}`, blocks });
}

export const help: CommandDef = {
  name: 'help',
  description: 'What the bot can do, or how to use one command',
  access: 'everyone',
  examples: ['/help', '/help timeline'],
  options: [{ name: 'command', description: 'A command name', type: 'string', choices: undefined, maxLength: 40 }],
  run: (_ctx, args, s) => {
    const name = String(args.command ?? '').replace(/^\//, '').trim();
    if (!name) return overview(s);
    const found = new NameIndex(s.catalogue.map((c) => ({ item: c, names: [c.name] }))).lookup(name);
    if (found.found) return detail(found.found);
    return errorReply(`There is no command "${quoteUser(name, 40)}".`, `Commands: ${s.catalogue.map((c) => `/${c.name}`).join(', ')}`);
  },
};
