import { describe, expect, it } from 'vitest';

/** The catalogue as the bot serves it, with examples filled in from the real pack. */
const catalogue = testBot().catalogue;
import { parseCommandLine } from '../../src/commands/parse.js';
import type { CommandSpec } from '../../src/commands/types.js';
import { usage } from '../../src/commands/usage.js';
import type { ListItem, Reply } from '../../src/core/briefing/document.js';
import { ctx, testBot } from '../helpers.js';
import { bodyText } from '../reply-helpers.js';

/** Every command and subcommand, with the prefix its usage carries. */
const specs: { spec: CommandSpec; prefix: string; line: string }[] = catalogue.flatMap((c) =>
  c.subcommands ? c.subcommands.map((s) => ({ spec: s as CommandSpec, prefix: `${c.name} `, line: `/${c.name} ${s.name}` })) : [{ spec: c as CommandSpec, prefix: '', line: `/${c.name}` }],
);

const items = (r: Reply): ListItem[] => r.blocks.flatMap((x) => (x.type === 'list' ? x.items : []));

describe('the command catalogue', () => {
  it('has unique lowercase command names, each runnable or made of subcommands', () => {
    const names = catalogue.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of catalogue) {
      expect(c.name).toMatch(/^[a-z][a-z0-9-]{0,31}$/);
      expect(Boolean(c.run) !== Boolean(c.subcommands?.length), `${c.name} has either run or subcommands`).toBe(true);
      if (c.subcommands) expect(new Set(c.subcommands.map((s) => s.name)).size).toBe(c.subcommands.length);
    }
    expect(names).toEqual(expect.arrayContaining(['brief', 'ask', 'timeline', 'actor', 'sources', 'glossary', 'schedule', 'help']));
  });

  it('gives every command and subcommand a description (within the 100 characters platforms allow) and examples', () => {
    for (const c of catalogue) {
      expect(c.description.trim(), c.name).not.toBe('');
      expect(c.description.length, c.name).toBeLessThanOrEqual(100);
      expect(c.examples.length, c.name).toBeGreaterThan(0);
    }
    for (const { spec, line } of specs) {
      expect(spec.description.trim(), line).not.toBe('');
      expect(spec.description.length, line).toBeLessThanOrEqual(100);
      expect(spec.examples.length, line).toBeGreaterThan(0);
    }
  });

  it('declares options the platforms accept: lowercase names, short descriptions, required first, few choices', () => {
    for (const { spec, line } of specs) {
      const names = spec.options.map((o) => o.name);
      expect(new Set(names).size, line).toBe(names.length);
      let optionalSeen = false;
      for (const o of spec.options) {
        expect(o.name, line).toMatch(/^[a-z][a-z0-9_-]{0,31}$/);
        expect(o.description.trim(), `${line} ${o.name}`).not.toBe('');
        expect(o.description.length, `${line} ${o.name}`).toBeLessThanOrEqual(100);
        if (o.choices) expect(o.choices.length).toBeLessThanOrEqual(25);
        if (o.required) expect(optionalSeen, `${line}: required option ${o.name} after an optional one`).toBe(false);
        else optionalSeen = true;
        if (o.type === 'string' && !o.choices) expect(o.maxLength, `${line} ${o.name} has a maximum length`).toBeGreaterThan(0);
      }
      expect(spec.options.filter((o) => o.rest).length, `${line}: at most one rest option`).toBeLessThanOrEqual(1);
    }
  });

  it('has examples that start with their command and parse to it', () => {
    for (const { spec, line } of specs) {
      for (const example of spec.examples) {
        expect(example === line || example.startsWith(`${line} `), `${example} starts with ${line}`).toBe(true);
        const parsed = parseCommandLine(example, catalogue);
        expect(parsed.ok, `${example} parses`).toBe(true);
        if (parsed.ok) expect(`/${parsed.value.command.name}${parsed.value.sub ? ` ${parsed.value.sub}` : ''}`).toBe(line);
      }
    }
  });
});

describe('usage', () => {
  it('is generated from the declaration: <required>, [optional], choices joined, hidden options left out', () => {
    const find = (line: string) => specs.find((s) => s.line === line)!;
    const u = (line: string) => usage(find(line).spec, find(line).prefix);
    expect(u('/timeline')).toBe('/timeline [from] [to] [phase]');
    expect(u('/brief')).toBe('/brief [topic] [short|standard]');
    expect(u('/actor')).toBe('/actor <name>');
    expect(u('/schedule list')).toBe('/schedule list');
    expect(u('/schedule remove')).toBe('/schedule remove <id>');
    expect(u('/schedule add')).toBe('/schedule add <when> [timezone] [daily|on-this-day|weekly]');
  });
});

describe('/help', () => {
  const bot = testBot();

  it('lists every command and every subcommand with its description', async () => {
    const r = await bot.handleLine(ctx(), '/help');
    expect(r.tone).toBe('info');
    const list = items(r);
    for (const { spec, prefix, line } of specs) {
      const item = list.find((i) => i.label === usage(spec, prefix));
      expect(item, `${line} is listed`).toBeDefined();
      expect(item!.text).toBe(spec.description);
    }
    expect(list).toHaveLength(specs.length);
    expect(list.map((i) => i.label)).not.toContain('/schedule');
  });

  it('introduces the case from the pack and explains who sees replies', async () => {
    const r = await bot.handleLine(ctx(), '/help');
    const pack = bot.services.briefing.pack;
    expect(bodyText(r)).toContain(`${pack.meta.title}: ${pack.meta.description}`);
    expect(bodyText(r)).toMatch(/shown only to you/);
    expect(bodyText(r)).toContain('/help <command>');
  });

  it('details each command: its usage, visible options, choices and examples', async () => {
    for (const c of catalogue) {
      const r = await bot.handleLine(ctx(), `/help ${c.name}`);
      expect(r.title, c.name).toBe(`/${c.name}`);
      const text = bodyText(r);
      for (const { spec, prefix } of specs.filter((s) => s.line === `/${c.name}` || s.line.startsWith(`/${c.name} `))) {
        expect(text).toContain(usage(spec, prefix));
        for (const o of spec.options) {
          if (o.hidden) expect(items(r).map((i) => i.label), `${c.name}: hidden ${o.name}`).not.toContain(o.name);
          else expect(items(r).map((i) => i.label), `${c.name}: ${o.name}`).toContain(o.name);
          if (o.choices && !o.hidden) expect(text).toContain(o.choices.join(', '));
        }
        expect(text).toContain(`Examples: ${spec.examples.join(' · ')}`);
      }
    }
  });

  it('marks the subcommands only channel managers may use', async () => {
    const r = await bot.handleLine(ctx(), '/help schedule');
    const byLabel = new Map(items(r).map((i) => [i.label, i.text]));
    expect(byLabel.get('/schedule add <when> [timezone] [daily|on-this-day|weekly]')).toMatch(/\(channel managers only\)$/);
    expect(byLabel.get('/schedule remove <id>')).toMatch(/\(channel managers only\)$/);
    expect(byLabel.get('/schedule list')).not.toMatch(/managers only/);
  });

  it('accepts a leading slash and a small typo, and refuses an unknown command with the list', async () => {
    expect((await bot.handleLine(ctx(), '/help /timeline')).title).toBe('/timeline');
    expect((await bot.handleLine(ctx(), '/help timelin')).title).toBe('/timeline');
    const r = await bot.handleLine(ctx(), '/help teleport');
    expect(r.tone).toBe('error');
    expect(bodyText(r)).toContain('There is no command "teleport".');
    for (const c of catalogue) expect(bodyText(r)).toContain(`/${c.name}`);
  });
});
