import { vi } from 'vitest';
import type { CommandDef } from '../../src/commands/types.js';
import { reply } from '../../src/core/briefing/document.js';

/** A command that answers only when the test releases it, to hold a request in flight. */
export function slowCommand() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const started = vi.fn();
  const slow: CommandDef = {
    name: 'slow',
    description: 'Answers when released',
    access: 'everyone',
    examples: ['/slow'],
    options: [],
    run: async () => {
      started();
      await released;
      return reply({ blocks: [{ type: 'paragraph', text: 'slow answer' }] });
    },
  };
  return { slow, release, started };
}
