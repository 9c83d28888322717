import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleSignals } from '../../src/ops/shutdown.js';

function setup(stop: (ms: number) => Promise<void>, timeoutMs = 1000) {
  const emitter = new EventEmitter();
  const exit = vi.fn<(code: number) => void>();
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const stopSpy = vi.fn(stop);
  handleSignals({ stop: stopSpy, timeoutMs, log, exit, emitter, marginMs: 500 });
  return { emitter, exit, log, stop: stopSpy };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('handleSignals', () => {
  it('stops gracefully with SHUTDOWN_TIMEOUT, then exits 0', async () => {
    const d = deferred();
    const { emitter, exit, stop } = setup(() => d.promise, 7000);
    emitter.emit('SIGTERM');
    expect(stop).toHaveBeenCalledWith(7000);
    await Promise.resolve();
    expect(exit).not.toHaveBeenCalled();
    d.resolve();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('treats SIGINT the same way', async () => {
    const { emitter, exit } = setup(() => Promise.resolve());
    emitter.emit('SIGINT');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
  });

  it('exits at once, non-zero, on a second signal while stopping', async () => {
    const d = deferred();
    const { emitter, exit, stop } = setup(() => d.promise);
    emitter.emit('SIGTERM');
    emitter.emit('SIGTERM');
    expect(exit).toHaveBeenCalledWith(143);
    emitter.emit('SIGINT');
    expect(exit).toHaveBeenLastCalledWith(130);
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it('exits 1 when stopping fails', async () => {
    const { emitter, exit, log } = setup(() => Promise.reject(new Error('database busy')));
    emitter.emit('SIGTERM');
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'shutdown failed');
  });

  it('exits 1 if stopping hangs past the bound and its margin', async () => {
    vi.useFakeTimers();
    const { emitter, exit } = setup(() => new Promise<void>(() => {}), 1000);
    emitter.emit('SIGTERM');
    vi.advanceTimersByTime(1499);
    expect(exit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
  });
});
