/**
 * Prints the Slack app manifest (JSON) generated from the command catalogue, to paste into
 * "Create an app → From a manifest" or to keep an app in step with the commands.
 *   npm run slack:manifest -- --socket                        Socket Mode (no public URL)
 *   npm run slack:manifest -- --http https://bot.example.org  HTTP mode, events at /slack/events
 *   add --out manifest.json to write a file, --name "Case bot" for another display name
 */
import { writeFileSync } from 'node:fs';
import { slackManifest, type ManifestMode } from '../adapters/slack/manifest.js';
import { catalogue } from '../commands/catalogue.js';

function fail(message: string): never {
  process.stderr.write(`${message}\nUsage: slack-manifest (--socket | --http <request-url>) [--out <file>] [--name <name>]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const value = (flag: string): string | undefined => {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) fail(`${flag} needs a value.`);
  return v;
};

const http = value('--http');
const socket = args.includes('--socket');
if (http && socket) fail('Choose one of --socket and --http.');
if (!http && !socket) fail('Choose --socket or --http <request-url>.');
let mode: ManifestMode;
try {
  mode = http ? { socket: false, requestUrl: new URL(http).toString() } : { socket: true };
  const json = `${JSON.stringify(slackManifest(catalogue, mode, value('--name')), null, 2)}\n`;
  const out = value('--out');
  if (out) {
    writeFileSync(out, json);
    process.stderr.write(`Wrote the Slack app manifest (${catalogue.length} commands) to ${out}.\n`);
  } else {
    process.stdout.write(json);
  }
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
