import type { Reply } from '../../core/briefing/document.js';
import type { Delivery } from '../../core/schedule/delivery.js';

/** Anything that can print an unsolicited reply: the ConsoleAdapter. */
export interface ConsolePoster {
  post(reply: Reply, label?: string): void;
}

/** Scheduled posts in the console: printed between prompts, labelled so they are not taken for an answer. */
export class ConsoleDelivery implements Delivery {
  readonly platform = 'console' as const;

  constructor(private readonly out: ConsolePoster) {}

  async post(channelId: string, reply: Reply): Promise<void> {
    this.out.post(reply, `— Scheduled briefing for #${channelId} —`);
  }
}
