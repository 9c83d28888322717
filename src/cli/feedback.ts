import { existsSync } from 'node:fs';
import { configFromEnvironment } from '../config.js';
import { openDatabase } from '../core/store/db.js';
import { FeedbackStore } from '../core/store/feedback.js';

/** `npm run feedback`: the 👍/👎 counts people gave each command, from the database. */
const config = configFromEnvironment();
if (config.databasePath !== ':memory:' && !existsSync(config.databasePath)) {
  console.log(`No database at ${config.databasePath} yet: no feedback recorded.`);
  process.exit(0);
}
const db = openDatabase(config.databasePath);
const counts = new FeedbackStore(db).counts();
db.close();
if (!counts.length) console.log('No feedback recorded yet.');
for (const c of counts) console.log(`${c.command.padEnd(14)} 👍 ${String(c.up).padStart(5)}   👎 ${String(c.down).padStart(5)}`);
