import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REST } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commandDefinitions, type CommandJSON } from '../../../src/adapters/discord/definitions.js';
import { sameCommands, syncCommands } from '../../../src/adapters/discord/register.js';
import { catalogue } from '../../../src/commands/catalogue.js';
import { APP_ID, FakeDiscord, GUILD_ID } from '../../fakes/discord.js';
import { ROOT } from '../../helpers.js';

const definitions = commandDefinitions(catalogue);
const byName = (name: string) => definitions.find((d) => d.name === name)!;

describe('command definitions', () => {
  it('covers the catalogue with valid names and short descriptions', () => {
    expect(definitions.map((d) => d.name)).toEqual(catalogue.map((c) => c.name));
    const walk = (opts: CommandJSON['options'] = []): void => {
      for (const o of opts) {
        expect(o.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(o.description.length).toBeGreaterThan(0);
        expect(o.description.length).toBeLessThanOrEqual(100);
        if ('options' in o) walk(o.options as CommandJSON['options']);
      }
    };
    for (const d of definitions) {
      expect(d.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(d.description.length).toBeLessThanOrEqual(100);
      walk(d.options);
    }
  });

  it('types options, puts required ones first and leaves hidden ones out', () => {
    const timeline = byName('timeline');
    expect(timeline.options?.map((o) => o.name)).toEqual(['from', 'to', 'phase']);
    expect(timeline.options?.find((o) => o.name === 'phase')).toMatchObject({ type: 3, autocomplete: true, max_length: 60 });
    expect(byName('ask').options).toEqual([expect.objectContaining({ name: 'question', type: 3, required: true, max_length: 2000 })]);
    const brief = byName('brief');
    expect(brief.options?.find((o) => o.name === 'length')).toMatchObject({ choices: [{ name: 'short', value: 'short' }, { name: 'standard', value: 'standard' }] });
    expect(brief.options?.find((o) => o.name === 'length')).not.toHaveProperty('autocomplete');
    for (const d of definitions) {
      const opts = (d.options ?? []).filter((o) => o.type !== 1);
      const firstOptional = opts.findIndex((o) => !('required' in o && o.required));
      if (firstOptional >= 0) expect(opts.slice(firstOptional).some((o) => 'required' in o && o.required)).toBe(false);
    }
  });

  it('makes /schedule a command with subcommands behind Manage Channels by default', () => {
    const schedule = byName('schedule');
    expect(schedule.default_member_permissions).toBe('16');
    expect(schedule.options?.map((o) => [o.name, o.type])).toEqual([
      ['add', 1],
      ['list', 1],
      ['remove', 1],
      ['pause', 1],
      ['resume', 1],
      ['preview', 1],
    ]);
    const add = schedule.options?.find((o) => o.name === 'add') as { options: { name: string; required?: boolean; autocomplete?: boolean; choices?: unknown[] }[] };
    expect(add.options.map((o) => o.name)).toEqual(['when', 'timezone', 'kind']);
    expect(add.options[1]).toMatchObject({ autocomplete: true });
    expect(add.options[2]?.choices).toHaveLength(3);
    expect(byName('brief').default_member_permissions).toBeUndefined();
  });
});

describe('syncCommands', () => {
  let fake: FakeDiscord;
  let rest: REST;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    rest = new REST({ api: fake.apiUrl }).setToken('register-test-token-0123456789');
  });
  afterAll(async () => fake.close());
  beforeEach(() => {
    fake.calls.length = 0;
    fake.commands.clear();
  });

  const global = `/applications/${APP_ID}/commands`;
  const puts = () => fake.calls.filter((c) => c.method === 'PUT');

  it('registers once, sends nothing while unchanged, and exactly one PUT after a change', async () => {
    expect(await syncCommands(definitions, { rest, applicationId: APP_ID })).toBe('updated');
    expect(puts()).toHaveLength(1);
    expect(puts()[0]!.path).toBe(global);
    expect(puts()[0]!.headers.authorization).toBe('Bot register-test-token-0123456789');

    expect(await syncCommands(definitions, { rest, applicationId: APP_ID })).toBe('unchanged');
    expect(await syncCommands(commandDefinitions(catalogue), { rest, applicationId: APP_ID })).toBe('unchanged');
    expect(puts()).toHaveLength(1);
    expect(fake.calls.filter((c) => c.method === 'GET')).toHaveLength(3);

    const changed = definitions.map((d) => (d.name === 'help' ? { ...d, description: 'What casebrief can do' } : d));
    expect(await syncCommands(changed, { rest, applicationId: APP_ID })).toBe('updated');
    expect(puts()).toHaveLength(2);
    expect(await syncCommands(changed, { rest, applicationId: APP_ID })).toBe('unchanged');
    expect(puts()).toHaveLength(2);
  });

  it('registers in one server when a guild id is given', async () => {
    await syncCommands(definitions, { rest, applicationId: APP_ID, guildId: GUILD_ID });
    expect(puts().map((c) => c.path)).toEqual([`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
  });

  it('compares regardless of order and of what Discord adds, but notices real differences', () => {
    const discordSide = [...definitions].reverse().map((d) => ({ ...d, id: '1', version: '2', application_id: APP_ID, dm_permission: true, contexts: null, nsfw: false, default_member_permissions: d.default_member_permissions ?? null }));
    expect(sameCommands(discordSide, definitions)).toBe(true);
    const noMax = definitions.map((d) => (d.name === 'ask' ? { ...d, options: d.options?.map((o) => ({ ...o, max_length: 1000 })) } : d));
    expect(sameCommands(noMax, definitions)).toBe(false);
    expect(sameCommands(definitions.slice(1), definitions)).toBe(false);
    const noPermission = definitions.map((d) => (d.name === 'schedule' ? { ...d, default_member_permissions: undefined } : d));
    expect(sameCommands(noPermission, definitions)).toBe(false);
  });
});

describe('npm run discord:register', () => {
  it('registers through the configured API, then reports that nothing changed', async () => {
    const fake = await FakeDiscord.start();
    try {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DISCORD_TOKEN: 'cli-test-token-0123456789',
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_GUILD_ID: '',
        DISCORD_API_URL: fake.apiUrl,
      };
      const run = () => promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/discord-register.ts'], { cwd: ROOT, env });
      expect((await run()).stdout).toMatch(/Registered 8 commands globally/);
      expect((await run()).stdout).toMatch(/already up to date; nothing sent/);
      expect(fake.callsTo('PUT', `/applications/${APP_ID}/commands`)).toHaveLength(1);
    } finally {
      await fake.close();
    }
    // Two cold starts of tsx and discord.js.
  }, 60_000);
});
