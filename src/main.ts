import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { loadPack } from './core/content/load.js';
import { PackError } from './core/content/problems.js';
import { createLogger } from './logger.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// A local .env fills in what the environment leaves unset.
if (existsSync('.env')) process.loadEnvFile('.env');

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}
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

let signals = 0;
async function shutdown(signal: string): Promise<void> {
  // A second signal means "now".
  if (++signals > 1) process.exit(1);
  log.info({ signal }, 'shutting down');
  await app!.stop(config!.shutdownTimeoutMs);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

if (app.console) {
  await app.console.run();
  await app.stop(config.shutdownTimeoutMs);
  process.exit(0);
}
log.info({ adapters: app.adapters.map((a) => a.name) }, 'casebrief is running');
