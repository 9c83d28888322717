import { expect } from 'vitest';
import type { SlackMessage } from '../../../src/adapters/slack/blocks.js';
import { decodeValue } from '../../../src/adapters/slack/buttons.js';

/**
 * Slack's documented Block Kit limits (docs.slack.dev/reference/block-kit), written out here
 * rather than taken from the renderer, so the renderer is checked against Slack, not itself.
 */
const SLACK = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  /** chat.postMessage truncates `text` past 40,000 characters and recommends at most 4,000. */
  messageText: 4000,
} as const;

interface TextObject {
  type: string;
  text: string;
}
export interface AnyBlock {
  type: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: Array<Record<string, unknown>>;
}

/** Every Block Kit limit a rendered message must keep, or Slack rejects it. */
export function expectWithinSlackLimits(m: SlackMessage): void {
  const blocks = m.blocks as unknown as AnyBlock[];
  expect(blocks.length).toBeLessThanOrEqual(SLACK.blocks);
  expect(m.text.length).toBeGreaterThan(0);
  expect(m.text.length).toBeLessThanOrEqual(SLACK.messageText);
  const actionIds = new Set<string>();
  for (const b of blocks) {
    switch (b.type) {
      case 'header':
        expect(b.text!.type).toBe('plain_text');
        expect(b.text!.text.length).toBeGreaterThan(0);
        expect(b.text!.text.length).toBeLessThanOrEqual(SLACK.headerText);
        break;
      case 'section':
        expect(b.text !== undefined || (b.fields?.length ?? 0) > 0).toBe(true);
        if (b.text) {
          expect(b.text.text.length).toBeGreaterThan(0);
          expect(b.text.text.length).toBeLessThanOrEqual(SLACK.sectionText);
        }
        expect(b.fields?.length ?? 0).toBeLessThanOrEqual(SLACK.sectionFields);
        for (const f of b.fields ?? []) {
          expect(f.text.length).toBeGreaterThan(0);
          expect(f.text.length).toBeLessThanOrEqual(SLACK.fieldText);
        }
        break;
      case 'context':
        expect(b.elements!.length).toBeGreaterThan(0);
        expect(b.elements!.length).toBeLessThanOrEqual(SLACK.contextElements);
        for (const e of b.elements!) {
          expect(String(e.text).length).toBeGreaterThan(0);
          expect(String(e.text).length).toBeLessThanOrEqual(SLACK.contextText);
        }
        break;
      case 'actions':
        expect(b.elements!.length).toBeGreaterThan(0);
        expect(b.elements!.length).toBeLessThanOrEqual(SLACK.actionsElements);
        for (const e of b.elements!) {
          const text = (e.text as TextObject).text;
          expect(text.length).toBeGreaterThan(0);
          expect(text.length).toBeLessThanOrEqual(SLACK.buttonText);
          const value = String(e.value);
          expect(value.length).toBeLessThanOrEqual(SLACK.buttonValue);
          expect(decodeValue(value), 'a button value the app cannot read back').toBeDefined();
          const id = String(e.action_id);
          expect(id.length).toBeLessThanOrEqual(SLACK.actionId);
          expect(actionIds.has(id), `duplicate action_id ${id}`).toBe(false);
          actionIds.add(id);
        }
        break;
      default:
        throw new Error(`unexpected block type ${b.type}`);
    }
  }
}

/** Every text Slack reads as mrkdwn (and so could turn into a ping): sections, fields, contexts and the fallback. */
export function mrkdwnTexts(m: SlackMessage): string[] {
  const out = [m.text];
  for (const b of m.blocks as unknown as AnyBlock[]) {
    if (b.type === 'section' && b.text) out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    if (b.type === 'context') for (const e of b.elements ?? []) out.push(String(e.text));
  }
  return out;
}
