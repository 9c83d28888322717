import type { FeedbackSink } from '../../bot.js';
import type { Context } from '../../commands/types.js';
import type { Db } from './db.js';

export interface FeedbackCount {
  command: string;
  up: number;
  down: number;
}

/** 👍/👎 on replies, kept to see which commands serve people well. */
export class FeedbackStore implements FeedbackSink {
  private readonly q;

  constructor(
    readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.q = {
      insert: db.prepare<[string, string, string, string, number, string]>('INSERT INTO feedback (platform, user, channel, command, vote, at) VALUES (?, ?, ?, ?, ?, ?)'),
      // Grouped by the command's name ("/brief"), not the whole line with its options.
      counts: db.prepare<[], FeedbackCount>(
        `SELECT CASE WHEN instr(command, ' ') > 0 THEN substr(command, 1, instr(command, ' ') - 1) ELSE command END AS command,
                sum(vote = 1) AS up, sum(vote = -1) AS down
         FROM feedback GROUP BY 1 ORDER BY 1`,
      ),
    };
  }

  recordFeedback(ctx: Context, command: string, vote: 1 | -1): void {
    this.q.insert.run(ctx.platform, ctx.userId, ctx.channelId, command.trim().slice(0, 500) || '(none)', vote, new Date(this.now()).toISOString());
  }

  counts(): FeedbackCount[] {
    return this.q.counts.all();
  }
}
