import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_EVENTS, slackManifest } from '../../../src/adapters/slack/manifest.js';
import { catalogue } from '../../../src/commands/catalogue.js';
import { ROOT } from '../../helpers.js';

type Manifest = {
  display_information: { name: string; description: string; long_description: string };
  features: { slash_commands: Array<{ command: string; description: string; usage_hint?: string; url?: string }>; bot_user: { display_name: string } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean; request_url?: string }; event_subscriptions: { request_url?: string; bot_events: string[] } };
};

describe('Slack app manifest', () => {
  it('has every catalogue command as a slash command, within Slack limits', () => {
    const m = slackManifest(catalogue, { socket: true }) as unknown as Manifest;
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(catalogue.map((c) => `/${c.name}`));
    for (const c of m.features.slash_commands) {
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(100);
      expect(c.url).toBeUndefined();
    }
    expect(m.features.slash_commands.find((c) => c.command === '/timeline')!.usage_hint).toBe('[from] [to] [phase]');
    expect(m.features.slash_commands.find((c) => c.command === '/schedule')!.usage_hint).toContain('add <when>');
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
    expect(m.display_information.long_description.length).toBeGreaterThanOrEqual(174);
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS]);
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:history', 'app_mentions:read', 'users:read']));
  });

  it('points commands, events and interactivity at the request URL in HTTP mode', () => {
    const m = slackManifest(catalogue, { socket: false, requestUrl: 'https://bot.example.org' }) as unknown as Manifest;
    expect(m.settings.socket_mode_enabled).toBe(false);
    const url = 'https://bot.example.org/slack/events';
    expect(m.settings.event_subscriptions.request_url).toBe(url);
    expect(m.settings.interactivity.request_url).toBe(url);
    for (const c of m.features.slash_commands) expect(c.url).toBe(url);
    const custom = slackManifest(catalogue, { socket: false, requestUrl: 'https://bot.example.org/custom/path' }) as unknown as Manifest;
    expect(custom.settings.event_subscriptions.request_url).toBe('https://bot.example.org/custom/path');
  });

  it('the CLI writes the manifest to a file or stdout, and refuses unclear flags', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'manifest-')), 'manifest.json');
    const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/slack-manifest.ts', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    run('--http', 'https://bot.example.org', '--out', out);
    const written = JSON.parse(readFileSync(out, 'utf8')) as Manifest;
    expect(written.features.slash_commands).toHaveLength(catalogue.length);
    const printed = JSON.parse(run('--socket')) as Manifest;
    expect(printed.settings.socket_mode_enabled).toBe(true);
    expect(() => run()).toThrow();
    expect(() => run('--socket', '--http', 'https://x.example')).toThrow();
  });
});
