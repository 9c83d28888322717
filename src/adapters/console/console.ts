import { createInterface } from 'node:readline';
import type { Bot } from '../../bot.js';
import type { Context } from '../../commands/types.js';
import type { Reply } from '../../core/briefing/document.js';
import { renderText } from './render.js';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  interactive?: boolean;
}

export const consoleContext: Context = {
  platform: 'console',
  userId: 'console',
  channelId: 'console',
  isDirect: true,
  canManageSchedules: true,
};

/**
 * The terminal as a chat: a prompt on a terminal, one reply per input line otherwise
 * (so `printf '/brief\n' | npm start` works in scripts), ending at end of input.
 */
export class ConsoleAdapter {
  private readonly output: NodeJS.WritableStream;
  private readonly colour: boolean;
  private readonly interactive: boolean;

  constructor(
    private readonly bot: Bot,
    private readonly opts: ConsoleOptions = {},
  ) {
    this.output = opts.output ?? process.stdout;
    this.interactive = opts.interactive ?? Boolean(process.stdin.isTTY && process.stdout.isTTY);
    this.colour = this.interactive && !process.env.NO_COLOR;
  }

  /** Prints a reply that was not asked for (a scheduled post). */
  post(reply: Reply, label?: string): void {
    this.output.write(`${label ? `${label}\n` : ''}${renderText(reply, this.colour)}\n\n`);
  }

  async run(): Promise<void> {
    const rl = createInterface({ input: this.opts.input ?? process.stdin, terminal: this.interactive, output: this.interactive ? this.output : undefined });
    if (this.interactive) {
      this.output.write(`casebrief — ${this.bot.services.briefing.pack.meta.title}\nType /help for commands, or ask a question. Type quit (or press Ctrl+D) to leave.\n\n`);
      rl.setPrompt('casebrief> ');
      rl.prompt();
    }
    for await (const line of rl) {
      if (!this.interactive && !line.trim()) continue;
      // In a terminal people type "quit" or "exit" to leave, not to ask about someone quitting.
      if (/^\s*\/?(quit|exit|bye)\s*$/i.test(line)) break;
      const reply = await this.bot.handleLine(consoleContext, line);
      this.output.write(`${renderText(reply, this.colour)}\n\n`);
      if (this.interactive) rl.prompt();
    }
  }
}
