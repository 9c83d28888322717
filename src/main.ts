import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConsoleAdapter } from './adapters/console/console.js';
import { Bot } from './bot.js';
import { ConfigError, loadConfig } from './config.js';
import { loadPack } from './core/content/load.js';
import { PackError } from './core/content/problems.js';
import { createLogger } from './logger.js';
import { createServices } from './services.js';

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
const services = createServices(pack);
const bot = new Bot(services, log);

if (!config.slack && !config.discord) {
  await new ConsoleAdapter(bot).run();
  process.exit(0);
}
fail('Slack and Discord adapters are not available in this build yet; unset their variables to use the console.');
