import { randomBytes } from 'node:crypto';
import type { Action, ActionKind } from '../../core/briefing/document.js';

export const CUSTOM_ID_MAX = 100;
const KINDS: readonly ActionKind[] = ['more', 'sources', 'next', 'share', 'feedback-up', 'feedback-down'];
const DIRECT = 'cb|';
const STORED = 'cb#';

export type ButtonPress = { kind: ActionKind; command: string } | { kind: ActionKind; expired: true };

/**
 * A button's custom_id carries the command it runs, so buttons keep working after a
 * restart. Commands too long for Discord's 100 characters are kept in a bounded map
 * and referenced by a short token instead; those expire with the process.
 */
export class ButtonCodec {
  private readonly stored = new Map<string, string>();
  private readonly byCommand = new Map<string, string>();

  constructor(private readonly max = 5_000) {}

  encode(action: Pick<Action, 'kind' | 'command'>): string {
    const direct = `${DIRECT}${action.kind}|${action.command}`;
    if (direct.length <= CUSTOM_ID_MAX) return direct;
    return `${STORED}${action.kind}#${this.tokenFor(action.command)}`;
  }

  decode(customId: string): ButtonPress | undefined {
    if (customId.startsWith(DIRECT)) {
      const rest = customId.slice(DIRECT.length);
      const bar = rest.indexOf('|');
      const kind = asKind(rest.slice(0, bar));
      return bar > 0 && kind ? { kind, command: rest.slice(bar + 1) } : undefined;
    }
    if (customId.startsWith(STORED)) {
      const [rawKind = '', token = ''] = customId.slice(STORED.length).split('#');
      const kind = asKind(rawKind);
      if (!kind) return undefined;
      const command = this.stored.get(token);
      return command === undefined ? { kind, expired: true } : { kind, command };
    }
    return undefined;
  }

  private tokenFor(command: string): string {
    const known = this.byCommand.get(command);
    if (known !== undefined && this.stored.has(known)) return known;
    const token = randomBytes(9).toString('base64url');
    this.stored.set(token, command);
    this.byCommand.set(command, token);
    while (this.stored.size > this.max) {
      const [oldest, oldCommand] = this.stored.entries().next().value as [string, string];
      this.stored.delete(oldest);
      if (this.byCommand.get(oldCommand) === oldest) this.byCommand.delete(oldCommand);
    }
    return token;
  }
}

function asKind(text: string): ActionKind | undefined {
  return KINDS.find((k) => k === text);
}
