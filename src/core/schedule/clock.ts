/** Time as the scheduler sees it; tests and the benchmark substitute their own. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending briefing should not keep the process alive on its own.
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Node timers overflow past 2^31-1 ms; we also wake at least this often to notice clock jumps. */
export const MAX_SLEEP_MS = 60_000;
