import { errorReply, type Reply } from '../core/briefing/document.js';
import { NameIndex } from '../core/briefing/names.js';
import { quoteUser } from '../core/briefing/sanitize.js';
import type { Args, CommandDef, CommandSpec, OptionSpec } from './types.js';
import { usage } from './usage.js';

export interface Invocation {
  command: CommandDef;
  sub?: string;
  args: Args;
}

export type Parsed = { ok: true; value: Invocation } | { ok: false; error: Reply };

const fail = (message: string, hint?: string): Parsed => ({ ok: false, error: errorReply(message, hint) });

/** Splits a command line into words, keeping "quoted phrases" and name:"quoted values" whole. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /([\p{L}\p{N}_-]+:)?["“”]([^"“”]*)["“”]|(\S+)/gu;
  for (const m of text.matchAll(re)) out.push(m[3] ?? `${m[1] ?? ''}${m[2]}`);
  return out;
}

function hintFor(spec: CommandSpec, prefix: string): string {
  return `Usage: ${usage(spec, prefix)}. Example: ${spec.examples[0] ?? usage(spec, prefix)}`;
}

/**
 * Checks option values against the declaration: required, choices, lengths, integer bounds.
 * Used for typed options (Discord) and parsed text (Slack, console) alike.
 */
export function checkArgs(spec: CommandSpec, raw: Args, prefix = ''): { ok: true; args: Args } | { ok: false; error: Reply } {
  const args: Args = {};
  for (const o of spec.options) {
    let v = raw[o.name];
    if (typeof v === 'string') v = v.trim();
    if (v === undefined || v === '') {
      if (o.required) return { ok: false, error: errorReply(`/${prefix}${spec.name} needs ${/^[aeiou]/i.test(o.name) ? 'an' : 'a'} ${o.name}.`, hintFor(spec, prefix)) };
      continue;
    }
    if (o.type === 'integer') {
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isInteger(n) || (o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
        return { ok: false, error: errorReply(`${o.name} must be a whole number${o.min !== undefined ? ` from ${o.min}` : ''}${o.max !== undefined ? ` to ${o.max}` : ''}.`, hintFor(spec, prefix)) };
      }
      args[o.name] = n;
      continue;
    }
    const s = String(v);
    if (o.maxLength !== undefined && [...s].length > o.maxLength) {
      return { ok: false, error: errorReply(`That ${o.name} is too long: at most ${o.maxLength} characters, please.`, hintFor(spec, prefix)) };
    }
    if (o.choices) {
      const c = o.choices.find((x) => x === s.toLowerCase());
      if (!c) return { ok: false, error: errorReply(`${o.name} must be one of: ${o.choices.join(', ')}.`, hintFor(spec, prefix)) };
      args[o.name] = c;
      continue;
    }
    args[o.name] = s;
  }
  return { ok: true, args };
}

/** Fills options from words: name:value pairs first, then the rest in declaration order. */
function bindWords(spec: CommandSpec, words: string[]): Args {
  const raw: Args = {};
  const positional: string[] = [];
  const byName = new Map(spec.options.map((o) => [o.name, o]));
  for (const w of words) {
    const m = /^([\p{L}\p{N}_-]+):(.*)$/su.exec(w);
    const o = m ? byName.get(m[1]!.toLowerCase()) : undefined;
    if (m && o && m[2] !== '') raw[o.name] = m[2];
    else positional.push(w);
  }
  // Walk the words, not the options: a word that does not fit the next option's
  // choices belongs to the free text before it ("/brief diplomatic break short").
  const open = spec.options.filter((o) => !o.hidden && raw[o.name] === undefined);
  let oi = 0;
  let last: OptionSpec | undefined;
  const extra: string[] = [];
  for (let i = 0; i < positional.length; i++) {
    const w = positional[i]!;
    const o = open[oi];
    if (o?.rest) {
      raw[o.name] = positional.slice(i).join(' ');
      break;
    }
    const fitsChoice = o?.choices ? o.choices.includes(w.toLowerCase()) : true;
    if (o && fitsChoice) {
      raw[o.name] = w;
      last = o;
      oi++;
      continue;
    }
    // Later options with choices may still take this word ("/brief attribution short" skips nothing).
    const later = open.slice(oi + 1).findIndex((x) => x.choices?.includes(w.toLowerCase()));
    if (later >= 0 && !(last && !last.choices && o?.choices)) {
      const target = open[oi + 1 + later]!;
      raw[target.name] = w;
      last = target;
      oi = oi + 2 + later;
      continue;
    }
    if (last && !last.choices) raw[last.name] = `${raw[last.name]} ${w}`;
    else extra.push(w);
  }
  if (extra.length) raw.__extra = extra.join(' ');
  return raw;
}

/** Parses "/timeline 2022-09" against the catalogue. */
export function parseCommandLine(line: string, catalogue: CommandDef[]): Parsed {
  const text = line.trim().replace(/^\//, '');
  const [head = '', ...rest] = tokenize(text);
  const name = head.toLowerCase();
  if (!name) return fail('Type a command after the slash, for example /brief or /help.');
  const command = catalogue.find((c) => c.name === name);
  if (!command) {
    const near = new NameIndex(catalogue.map((c) => ({ item: c, names: [c.name] }))).lookup(name);
    const guess = near.found ?? near.suggestions[0];
    return fail(`I don't know the command /${quoteUser(name, 30)}.`, guess ? `Did you mean /${guess.name}? Type /help for all commands.` : 'Type /help for all commands.');
  }
  let spec: CommandSpec = command;
  let prefix = '';
  let sub: string | undefined;
  let words = rest;
  if (command.subcommands) {
    const subName = (rest[0] ?? '').toLowerCase();
    const found = command.subcommands.find((s) => s.name === subName);
    if (!found) {
      const names = command.subcommands.map((s) => s.name).join(', ');
      return fail(subName ? `/${command.name} has no "${quoteUser(subName, 30)}".` : `/${command.name} needs one of: ${names}.`, `Try ${command.subcommands.map((s) => s.examples[0]).join(' · ')}`);
    }
    spec = found;
    sub = found.name;
    prefix = `${command.name} `;
    words = rest.slice(1);
  }
  const raw = bindWords(spec, words);
  if (raw.__extra !== undefined) return fail(`/${prefix}${spec.name} got more than it expects: "${quoteUser(String(raw.__extra), 40)}".`, hintFor(spec, prefix));
  const checked = checkArgs(spec, raw, prefix);
  if (!checked.ok) return checked;
  return { ok: true, value: { command, sub, args: checked.args } };
}
