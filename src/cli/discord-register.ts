/**
 * Registers casebrief's slash commands with Discord: globally, or in DISCORD_GUILD_ID
 * when set (instant, for testing). Sends nothing when Discord already has them.
 *   npm run discord:register            register if changed
 *   npm run discord:register -- --print print the command JSON and exit
 */
import { discordRest } from '../adapters/discord/index.js';
import { commandDefinitions } from '../adapters/discord/definitions.js';
import { describeError } from '../adapters/discord/errors.js';
import { syncCommands } from '../adapters/discord/register.js';
import { catalogue } from '../commands/catalogue.js';
import { configFromEnvironment } from '../config.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const definitions = commandDefinitions(catalogue);
if (process.argv.includes('--print')) {
  process.stdout.write(`${JSON.stringify(definitions, null, 2)}\n`);
  process.exit(0);
}

const config = configFromEnvironment();
const discord = config.discord;
if (!discord) fail('DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set to register commands.');

const scope = discord.guildId ? `in server ${discord.guildId}` : 'globally';
try {
  const result = await syncCommands(definitions, { rest: discordRest(discord), applicationId: discord.applicationId, guildId: discord.guildId });
  process.stdout.write(
    result === 'updated'
      ? `Registered ${definitions.length} commands ${scope}.${discord.guildId ? '' : ' Global commands can take a few minutes to appear.'}\n`
      : `The ${definitions.length} commands ${scope} are already up to date; nothing sent.\n`,
  );
} catch (err) {
  const d = describeError(err, discord.token);
  fail(`Could not register the commands ${scope}: ${String(d.message)}${d.status ? ` (HTTP ${String(d.status)})` : ''}`);
}
