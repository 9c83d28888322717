import type { EventEmitter } from 'node:events';

export interface ShutdownLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ShutdownOptions {
  /** Stops the app; given SHUTDOWN_TIMEOUT for what is in flight. */
  stop(timeoutMs: number): Promise<void>;
  timeoutMs: number;
  log: ShutdownLogger;
  /** Beyond `timeoutMs`, how long closing connections and the database may take before we give up. */
  marginMs?: number;
  /** Injected for tests; process.exit and process by default. */
  exit?: (code: number) => void;
  emitter?: EventEmitter;
  signals?: readonly NodeJS.Signals[];
}

/** Exit codes for a second signal, by shell convention (128 + signal number). */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

/**
 * SIGTERM or SIGINT: a graceful stop, then exit 0 (1 if stopping failed or overran the
 * bound). A second signal while stopping exits at once, non-zero: whoever sent it is waiting.
 * Returns the shutdown function, which can also be called directly (for example at the end
 * of console input) and is idempotent in the same way.
 */
export function handleSignals(opts: ShutdownOptions): (signal: NodeJS.Signals) => Promise<void> {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const emitter = opts.emitter ?? process;
  const marginMs = opts.marginMs ?? 5_000;
  let received = 0;

  async function shutdown(signal: NodeJS.Signals): Promise<void> {
    if (++received > 1) {
      opts.log.warn({ signal }, 'second signal: exiting at once');
      exit(SIGNAL_EXIT[signal] ?? 1);
      return;
    }
    opts.log.info({ signal, timeoutMs: opts.timeoutMs }, 'shutting down: finishing what is in flight');
    // Should something hang past the bound, exit anyway rather than wait for a SIGKILL.
    const watchdog = setTimeout(() => {
      opts.log.error({ timeoutMs: opts.timeoutMs }, 'shutdown took too long; exiting');
      exit(1);
    }, opts.timeoutMs + marginMs);
    watchdog.unref();
    try {
      await opts.stop(opts.timeoutMs);
    } catch (err) {
      clearTimeout(watchdog);
      opts.log.error({ err }, 'shutdown failed');
      exit(1);
      return;
    }
    clearTimeout(watchdog);
    opts.log.info({}, 'stopped');
    exit(0);
  }

  for (const signal of opts.signals ?? (['SIGTERM', 'SIGINT'] as const)) emitter.on(signal, () => void shutdown(signal));
  return shutdown;
}
