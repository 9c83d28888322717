/** What a conversation last talked about, so "who was behind it?" and "tell me more" make sense. */
export interface Turn {
  question: string;
  terms: string[];
  /** Words of the last answer, so "when was that?" can find what "that" was. */
  context: string[];
  /** The period the last question asked about, which a follow-up keeps unless it names its own. */
  period?: { from: number; to: number; label: string; command: string };
  /** The last answer's sentences, for "when was that?" when one of them is dated. */
  said?: { text: string; sources: string[] }[];
  entities: string[];
  topDoc?: string;
  /** Passages already shown, and the ranked ones not yet shown, for "tell me more". */
  shown: string[];
  pending: string[];
  at: number;
}

/** Per user and channel, bounded in size (least recently used go first) and in age. */
export class ConversationMemory {
  private readonly turns = new Map<string, Turn>();

  constructor(
    private readonly maxConversations = 5000,
    private readonly ttlMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): Turn | undefined {
    const t = this.turns.get(key);
    if (!t) return undefined;
    if (this.now() - t.at > this.ttlMs) {
      this.turns.delete(key);
      return undefined;
    }
    return t;
  }

  set(key: string, turn: Omit<Turn, 'at'>): void {
    this.turns.delete(key);
    this.turns.set(key, { ...turn, shown: turn.shown.slice(-50), pending: turn.pending.slice(0, 20), at: this.now() });
    while (this.turns.size > this.maxConversations) {
      const oldest = this.turns.keys().next().value;
      if (oldest === undefined) break;
      this.turns.delete(oldest);
    }
  }

  forget(key: string): void {
    this.turns.delete(key);
  }

  get size(): number {
    return this.turns.size;
  }
}
