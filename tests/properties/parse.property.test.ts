import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkArgs, parseCommandLine } from '../../src/commands/parse.js';
import type { Args, CommandDef, CommandSpec } from '../../src/commands/types.js';
import type { Reply } from '../../src/core/briefing/document.js';
import { visibleText } from '../reply-helpers.js';
import { testBot } from '../helpers.js';
import { anyText, findPing, mixed } from './arbitraries.js';

/** The catalogue as the bot serves it, examples filled in from the real pack. */
const catalogue: CommandDef[] = testBot().catalogue;

/** Every spec a caller can address: the commands without subcommands, and every subcommand. */
const specs: { spec: CommandSpec; prefix: string }[] = catalogue.flatMap((c) =>
  c.subcommands ? c.subcommands.map((s) => ({ spec: s as CommandSpec, prefix: `${c.name} ` })) : [{ spec: c as CommandSpec, prefix: '' }],
);

/** A failure is an error reply whose first block states the problem in words, without pinging anyone. */
function expectErrorReply(r: Reply): void {
  expect(r.tone).toBe('error');
  expect(r.blocks.length).toBeGreaterThan(0);
  const first = r.blocks[0]!;
  expect(first.type).toBe('paragraph');
  expect(first.type === 'paragraph' ? first.text.trim().length : 0).toBeGreaterThan(0);
  expect(findPing(visibleText(r))).toBeUndefined();
}

/** Checked arguments match the declaration: known names, right types, bounds, choices and lengths. */
function expectConforming(spec: CommandSpec, args: Args): void {
  const names = new Set(spec.options.map((o) => o.name));
  for (const k of Object.keys(args)) expect(names.has(k), `unexpected option ${k}`).toBe(true);
  for (const o of spec.options) {
    const v = args[o.name];
    if (v === undefined) {
      expect(o.required ?? false, `${o.name} is required`).toBe(false);
      continue;
    }
    if (o.type === 'integer') {
      expect(typeof v).toBe('number');
      expect(Number.isInteger(v)).toBe(true);
      if (o.min !== undefined) expect(v).toBeGreaterThanOrEqual(o.min);
      if (o.max !== undefined) expect(v).toBeLessThanOrEqual(o.max);
    } else {
      expect(typeof v).toBe('string');
      const s = v as string;
      expect(s.trim().length).toBeGreaterThan(0);
      if (o.maxLength !== undefined) expect([...s].length).toBeLessThanOrEqual(o.maxLength);
      if (o.choices) expect(o.choices).toContain(s);
    }
  }
}

/** A command line that starts like a real command (any case), then anything. */
const commandLine = fc
  .tuple(
    fc.constantFrom(...catalogue.map((c) => c.name), 'breif', 'shedule', 'x', ''),
    fc.constantFrom(...catalogue.flatMap((c) => c.subcommands?.map((s) => s.name) ?? []), '', 'ADD', 'nope'),
    fc.boolean(),
    fc.oneof(mixed(12), anyText()),
    fc.constantFrom('/', ' /', '', '//'),
  )
  .map(([name, sub, upper, rest, slash]) => `${slash}${upper ? name.toUpperCase() : name} ${sub} ${rest}`);

const line = fc.oneof({ weight: 3, arbitrary: commandLine }, { weight: 2, arbitrary: anyText() }, { weight: 1, arbitrary: anyText().map((t) => `/${t}`) });

/** Values a platform (or a broken client) could hand over for an option. */
const optionValue: fc.Arbitrary<string | number | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('', ' ', '\t\n', '0', '1', '2', '100', '101', '-1', '1.5', 'NaN', 'Infinity', '1e2', '0x10', ' 3 ', 'short', 'SHORT', ' Standard ', 'daily', 'Weekly', 'on-this-day', 'daily 09:00', 'Europe/Tirane'),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, Number.MAX_SAFE_INTEGER + 2),
  anyText(),
);

/** Typed arguments: the spec's own option names (some missing) plus stray keys. */
const rawArgs = (spec: CommandSpec): fc.Arbitrary<Args> =>
  fc
    .tuple(
      fc.record(Object.fromEntries(spec.options.map((o) => [o.name, optionValue])) as Record<string, fc.Arbitrary<string | number | undefined>>, { requiredKeys: [] }),
      fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__extra', 'constructor', 'toString', 'PAGE', 'Topic')), optionValue, { maxKeys: 3 }),
    )
    .map(([own, stray]) => ({ ...stray, ...own }));

const specWithArgs = fc.constantFrom(...specs).chain(({ spec, prefix }) => rawArgs(spec).map((raw) => ({ spec, prefix, raw })));

describe('parseCommandLine: bad input', () => {
  it('never throws; a failure is an error reply with a message, a success conforms to the catalogue', () => {
    fc.assert(
      fc.property(line, (text) => {
        const parsed = parseCommandLine(text, catalogue);
        if (!parsed.ok) return expectErrorReply(parsed.error);
        const { command, sub, args } = parsed.value;
        expect(catalogue).toContain(command);
        const spec = sub ? command.subcommands?.find((s) => s.name === sub) : command;
        expect(spec, `subcommand ${sub}`).toBeDefined();
        if (command.subcommands) expect(sub).toBeDefined();
        expectConforming(spec!, args);
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkArgs: typed random arguments', () => {
  it('never throws; a failure is an error reply with a message, a success conforms and is stable', () => {
    fc.assert(
      fc.property(specWithArgs, ({ spec, prefix, raw }) => {
        const checked = checkArgs(spec, raw, prefix);
        if (!checked.ok) return expectErrorReply(checked.error);
        expectConforming(spec, checked.args);
        // Checking what was already checked changes nothing.
        const again = checkArgs(spec, checked.args, prefix);
        expect(again.ok).toBe(true);
        if (again.ok) expect(again.args).toEqual(checked.args);
      }),
      { numRuns: 300 },
    );
  });
});
