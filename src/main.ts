import { resolve } from 'node:path';
import { startApp } from './app.js';
import { configFromEnvironment } from './config.js';
import { loadPack } from './core/content/load.js';
import { PackError } from './core/content/problems.js';
import { createLogger, scrubText } from './logger.js';
import { handleSignals } from './ops/shutdown.js';

function fail(message: string): never {
  // Error messages can quote a URL or path with a token in it; this line bypasses the logger.
  process.stderr.write(`${scrubText(message)}\n`);
  process.exit(1);
}

const config = configFromEnvironment();
let pack;
try {
  pack = loadPack(resolve(config.contentPack));
} catch (err) {
  if (err instanceof PackError) fail(`casebrief will not start on a broken content pack.\n${err.message}`);
  throw err;
}

const log = createLogger(config.logLevel);
let app;
try {
  app = await startApp(config, pack, log);
} catch (err) {
  log.fatal({ err }, 'could not start');
  fail(`casebrief could not start: ${err instanceof Error ? err.message : String(err)}`);
}

handleSignals({ stop: (ms) => app.stop(ms), timeoutMs: config.shutdownTimeoutMs, log });

if (app.console) {
  await app.console.run();
  // End of input: a normal stop (the same one a signal would have started, if one did).
  await app.stop(config.shutdownTimeoutMs);
  process.exit(0);
}
log.info({ adapters: app.adapters.map((a) => a.name) }, 'casebrief is running');
