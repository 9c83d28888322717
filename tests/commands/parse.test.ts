import { describe, expect, it } from 'vitest';
import { testBot } from '../helpers.js';
import { checkArgs, parseCommandLine, tokenize } from '../../src/commands/parse.js';
import type { Args, CommandSpec } from '../../src/commands/types.js';
import { bodyText } from '../reply-helpers.js';

/** The catalogue as the bot serves it, with examples filled in from the real pack. */
const catalogue = testBot().catalogue;

/** The parsed command, subcommand and arguments, or the error text. */
function parse(line: string): { command: string; sub?: string; args: Args } | { error: string; hint: string } {
  const p = parseCommandLine(line, catalogue);
  if (p.ok) return { command: p.value.command.name, ...(p.value.sub ? { sub: p.value.sub } : {}), args: p.value.args };
  const texts = p.error.blocks.map((x) => ('text' in x ? x.text : ''));
  expect(p.error.tone).toBe('error');
  return { error: texts[0] ?? '', hint: texts[1] ?? '' };
}

function failure(line: string): { error: string; hint: string } {
  const p = parse(line);
  if (!('error' in p)) throw new Error(`expected ${line} to fail, got ${JSON.stringify(p)}`);
  return p;
}

describe('tokenize', () => {
  it('splits on whitespace and keeps quoted phrases whole', () => {
    expect(tokenize('actor "Edi Rama"  now')).toEqual(['actor', 'Edi Rama', 'now']);
  });

  it('keeps name:"quoted value" together, and accepts typographic quotes', () => {
    expect(tokenize('timeline phase:"later waves" “smart quotes”')).toEqual(['timeline', 'phase:later waves', 'smart quotes']);
  });

  it('gives nothing for blank input', () => {
    expect(tokenize('   \t ')).toEqual([]);
  });
});

describe('parseCommandLine', () => {
  it('binds positional words to options in declaration order', () => {
    expect(parse('/timeline 2022-07 2022-09')).toEqual({ command: 'timeline', args: { from: '2022-07', to: '2022-09' } });
    expect(parse('/brief attribution short')).toEqual({ command: 'brief', args: { topic: 'attribution', length: 'short' } });
  });

  it('binds name:value options in any order and any case', () => {
    expect(parse('/brief length:short topic:attribution')).toEqual({ command: 'brief', args: { topic: 'attribution', length: 'short' } });
    expect(parse('/timeline PHASE:escalation')).toEqual({ command: 'timeline', args: { phase: 'escalation' } });
    expect(parse('/timeline phase:escalation 2022')).toEqual({ command: 'timeline', args: { from: '2022', phase: 'escalation' } });
  });

  it('treats words with a colon that do not name an option as text', () => {
    expect(parse('/schedule add daily 09:00')).toEqual({ command: 'schedule', sub: 'add', args: { when: 'daily 09:00' } });
    expect(parse('/ask what is DEV-0842: a group?')).toEqual({ command: 'ask', args: { question: 'what is DEV-0842: a group?' } });
  });

  it('accepts quoted values, positional or named', () => {
    expect(parse('/actor "Edi Rama"')).toEqual({ command: 'actor', args: { name: 'Edi Rama' } });
    expect(parse('/actor name:"Edi Rama"')).toEqual({ command: 'actor', args: { name: 'Edi Rama' } });
    expect(parse('/timeline phase:"later waves"')).toEqual({ command: 'timeline', args: { phase: 'later waves' } });
    expect(parse('/brief "diplomatic break" short')).toEqual({ command: 'brief', args: { topic: 'diplomatic break', length: 'short' } });
  });

  it('gives the rest of the line to a rest option', () => {
    expect(parse('/actor Edi Rama')).toEqual({ command: 'actor', args: { name: 'Edi Rama' } });
    expect(parse('/ask who was behind the July 2022 attack?')).toEqual({ command: 'ask', args: { question: 'who was behind the July 2022 attack?' } });
  });

  it('lets a multi-word topic run up to a length word', () => {
    expect(parse('/brief diplomatic break')).toEqual({ command: 'brief', args: { topic: 'diplomatic break' } });
    expect(parse('/brief diplomatic break short')).toEqual({ command: 'brief', args: { topic: 'diplomatic break', length: 'short' } });
  });

  it('reads command names in any case, with or without the slash', () => {
    expect(parse('/BRIEF')).toEqual({ command: 'brief', args: {} });
    expect(parse('  timeline 2022  ')).toEqual({ command: 'timeline', args: { from: '2022' } });
  });

  it('reads hidden paging options by name and checks them', () => {
    expect(parse('/sources attribution page:2')).toEqual({ command: 'sources', args: { topic: 'attribution', page: 2 } });
    expect(failure('/brief page:0').error).toBe('page must be a whole number from 1 to 100.');
    expect(failure('/brief page:two').error).toBe('page must be a whole number from 1 to 100.');
  });

  it('suggests the nearest command for an unknown one', () => {
    expect(failure('/breif')).toEqual({ error: "I don't know the command /breif.", hint: 'Did you mean /brief? Type /help for all commands.' });
    expect(failure('/timelin 2022').hint).toContain('Did you mean /timeline?');
    expect(failure('/glosary SPAK').hint).toContain('Did you mean /glossary?');
    expect(failure('/teleport')).toEqual({ error: "I don't know the command /teleport.", hint: 'Type /help for all commands.' });
  });

  it('asks for a command after a bare slash', () => {
    expect(failure('/').error).toContain('Type a command after the slash');
    expect(failure('   ').error).toContain('Type a command after the slash');
  });

  it('shows the usage and an example when a required option is missing', () => {
    const missing = failure('/actor');
    expect(missing.error).toBe('/actor needs a name.');
    const example = /^Usage: \/actor <name>\. Example: (\/actor .+)$/.exec(missing.hint)?.[1];
    expect(example, missing.hint).toBeDefined();
    // The example names an actor that exists in the pack.
    expect(parse(example!)).toMatchObject({ command: 'actor' });
    expect(testBot().services.briefing.actor(example!.replace('/actor ', '')).tone).toBe('info');
    expect(failure('/ask').error).toBe('/ask needs a question.');
    expect(failure('/actor ""').error).toBe('/actor needs a name.');
    expect(failure('/schedule add').hint).toMatch(/^Usage: \/schedule add <when> /);
  });

  it('uses "an" before a vowel in the missing-option message', () => {
    expect(failure('/schedule remove').error).toBe('/schedule remove needs an id.');
  });

  it('lists the subcommands when one is missing or unknown', () => {
    expect(failure('/schedule').error).toBe('/schedule needs one of: add, list, remove, pause, resume, preview.');
    expect(failure('/schedule frobnicate').error).toBe('/schedule has no "frobnicate".');
    expect(failure('/schedule frobnicate').hint).toContain('/schedule list');
  });

  it('refuses a value outside the choices and names them', () => {
    expect(failure('/brief length:long')).toEqual({ error: 'length must be one of: short, standard.', hint: 'Usage: /brief [topic] [short|standard]. Example: /brief' });
    expect(parse('/brief attribution SHORT')).toEqual({ command: 'brief', args: { topic: 'attribution', length: 'short' } });
  });

  it('refuses a value that is too long, counting characters rather than UTF-16 units', () => {
    expect(parse(`/glossary ${'x'.repeat(100)}`)).toMatchObject({ command: 'glossary' });
    expect(failure(`/glossary ${'x'.repeat(101)}`).error).toBe('That term is too long: at most 100 characters, please.');
    expect(parse(`/actor ${'😀'.repeat(100)}`)).toMatchObject({ command: 'actor' });
    expect(failure(`/actor ${'😀'.repeat(101)}`).error).toContain('too long');
  });

  it('refuses extra words a command does not take', () => {
    const r = failure('/schedule list now please');
    expect(r.error).toBe('/schedule list got more than it expects: "now please".');
    expect(r.hint).toBe('Usage: /schedule list. Example: /schedule list');
    expect(failure('/brief attribution short extra').error).toBe('/brief got more than it expects: "extra".');
  });

  it('quotes user text safely in errors', () => {
    const r = failure('/schedule @everyone');
    expect(`${r.error} ${r.hint}`).not.toMatch(/@everyone|<!/);
    expect(failure('/<!here>').error).not.toMatch(/<!/);
  });
});

describe('checkArgs', () => {
  const spec: CommandSpec = {
    name: 'demo',
    description: 'A demo',
    access: 'everyone',
    examples: ['/demo x'],
    options: [
      { name: 'name', description: 'A name', type: 'string', required: true, maxLength: 5 },
      { name: 'kind', description: 'A kind', type: 'string', choices: ['a', 'b'] },
      { name: 'count', description: 'A count', type: 'integer', min: 1, max: 3 },
    ],
  };

  it('trims strings, lowercases choices and converts integers from text or numbers', () => {
    expect(checkArgs(spec, { name: '  abc ', kind: 'B', count: '2' })).toEqual({ ok: true, args: { name: 'abc', kind: 'b', count: 2 } });
    expect(checkArgs(spec, { name: 'abc', count: 3 })).toEqual({ ok: true, args: { name: 'abc', count: 3 } });
  });

  it('drops unknown and empty optional values', () => {
    expect(checkArgs(spec, { name: 'abc', kind: '', other: 'x' })).toEqual({ ok: true, args: { name: 'abc' } });
  });

  it('refuses a blank required value, a non-integer or out-of-range integer, and a long string', () => {
    const error = (raw: Args) => {
      const r = checkArgs(spec, raw);
      return r.ok ? 'ok' : bodyText(r.error);
    };
    expect(error({ name: '   ' })).toContain('/demo needs a name.');
    expect(error({ name: 'abc', count: '2.5' })).toContain('count must be a whole number from 1 to 3.');
    expect(error({ name: 'abc', count: 4 })).toContain('from 1 to 3');
    expect(error({ name: 'abc', count: 0 })).toContain('from 1 to 3');
    expect(error({ name: 'abcdef' })).toContain('That name is too long: at most 5 characters');
    expect(error({ name: 'abc', kind: 'c' })).toContain('kind must be one of: a, b.');
  });

  it('names the subcommand in messages when given a prefix', () => {
    const r = checkArgs(spec, {}, 'tool ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(bodyText(r.error)).toContain('/tool demo needs a name.');
  });
});
