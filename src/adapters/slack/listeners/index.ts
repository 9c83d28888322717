import type { App } from '@slack/bolt';
import { FEEDBACK_ACTIONS, RUN_ACTIONS, SHARE_ACTIONS } from '../buttons.js';
import { feedback } from './actions/feedback.js';
import { runCommand } from './actions/run-command.js';
import { share } from './actions/share.js';
import { catalogueCommand } from './commands/catalogue-command.js';
import type { ListenerDeps } from './deps.js';
import { appMention } from './events/app-mention.js';
import { directMessage } from './events/direct-message.js';
import { redelivery } from './redelivery.js';

/** Every listener the Slack app has: one slash command per catalogue entry, two events, three kinds of button. */
export function registerListeners(app: App, deps: ListenerDeps): void {
  app.use(redelivery(deps));
  for (const command of deps.bot.catalogue) app.command(`/${command.name}`, catalogueCommand(command.name, deps));
  app.event('message', directMessage(deps));
  app.event('app_mention', appMention(deps));
  app.action(RUN_ACTIONS, runCommand(deps));
  app.action(SHARE_ACTIONS, share(deps));
  app.action(FEEDBACK_ACTIONS, feedback(deps));
}
