import type { ActionKind } from '../../core/briefing/document.js';

/** Slack's limit on a button's value. */
export const MAX_VALUE = 2000;

const KINDS: readonly ActionKind[] = ['more', 'sources', 'next', 'share', 'feedback-up', 'feedback-down'];

/** What a button carries: the action kind and the command line it stands for. */
export interface ButtonValue {
  k: ActionKind;
  c: string;
}

/**
 * `{"k":kind,"c":command}` within Slack's 2,000 characters. A command that does not fit is cut
 * at a word boundary, so the button still runs a sensible (shorter) command.
 */
export function encodeValue(kind: ActionKind, command: string): string {
  let c = command;
  let json = JSON.stringify({ k: kind, c });
  while (json.length > MAX_VALUE) {
    const over = json.length - MAX_VALUE;
    const chars = [...c];
    let cut = chars.slice(0, Math.max(0, chars.length - Math.max(over, 1))).join('');
    const space = cut.lastIndexOf(' ');
    if (space > cut.length / 2) cut = cut.slice(0, space);
    c = cut.trimEnd();
    json = JSON.stringify({ k: kind, c });
  }
  return json;
}

/** The value of a clicked button, or undefined if it is not one of ours. */
export function decodeValue(value: string | undefined): ButtonValue | undefined {
  if (!value || value.length > MAX_VALUE) return undefined;
  try {
    const v: unknown = JSON.parse(value);
    if (typeof v !== 'object' || v === null) return undefined;
    const { k, c } = v as Record<string, unknown>;
    if (typeof k !== 'string' || typeof c !== 'string' || !KINDS.includes(k as ActionKind)) return undefined;
    return { k: k as ActionKind, c };
  } catch {
    return undefined;
  }
}

/** Action ids: unique within a message, and routable by kind. */
export const ACTION_PREFIX = 'casebrief';
export const actionId = (kind: ActionKind, index: number) => `${ACTION_PREFIX}:${kind}:${index}`;
export const RUN_ACTIONS = /^casebrief:(more|next|sources):\d+$/;
export const SHARE_ACTIONS = /^casebrief:share:\d+$/;
export const FEEDBACK_ACTIONS = /^casebrief:feedback-(up|down):\d+$/;
