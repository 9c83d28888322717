import { expect } from 'vitest';
import type { DiscordMessage } from '../../../src/adapters/discord/embeds.js';

/**
 * Discord's documented message limits (discord.com/developers/docs/resources/message,
 * .../interactions/message-components), written out here so the renderer is checked against
 * Discord, not against its own constants.
 */
const DISCORD = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsTotal: 6000,
  rows: 5,
  perRow: 5,
  customId: 100,
  label: 80,
} as const;

/** Every Discord limit a rendered message must keep, or Discord rejects it. */
export function expectWithinDiscordLimits(m: DiscordMessage): void {
  // A message must carry something: content or an embed.
  expect((m.content?.length ?? 0) > 0 || m.embeds.length > 0).toBe(true);
  expect(m.content?.length ?? 0).toBeLessThanOrEqual(DISCORD.content);
  expect(m.embeds.length).toBeLessThanOrEqual(DISCORD.embeds);
  let total = 0;
  for (const e of m.embeds) {
    expect(e.title?.length ?? 0).toBeLessThanOrEqual(DISCORD.title);
    expect(e.description?.length ?? 0).toBeLessThanOrEqual(DISCORD.description);
    expect(e.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD.footer);
    // footer.text is required: Discord rejects an empty one ("Invalid Form Body") and with it the whole message.
    if (e.footer) expect(e.footer.text.length, 'an empty footer').toBeGreaterThan(0);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(DISCORD.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD.fieldValue);
    }
    const size = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(size, 'an empty embed').toBeGreaterThan(0);
    total += size;
  }
  // The 6,000 characters are counted across all embeds of one message.
  expect(total).toBeLessThanOrEqual(DISCORD.embedsTotal);
  expect(m.components.length).toBeLessThanOrEqual(DISCORD.rows);
  const ids = new Set<string>();
  for (const row of m.components) {
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(DISCORD.perRow);
    for (const b of row.components) {
      expect(b.label!.length).toBeGreaterThan(0);
      expect(b.label!.length).toBeLessThanOrEqual(DISCORD.label);
      expect(b.custom_id.length).toBeGreaterThan(0);
      expect(b.custom_id.length).toBeLessThanOrEqual(DISCORD.customId);
      expect(ids.has(b.custom_id), `duplicate custom_id ${b.custom_id}`).toBe(false);
      ids.add(b.custom_id);
    }
  }
}
