import type { Context, Services } from './commands/types.js';
import { catalogue } from './commands/catalogue.js';
import { localizeCatalogue } from './commands/localize.js';
import { Briefing } from './core/briefing/briefing.js';
import type { Pack } from './core/content/pack.js';
import { QaEngine, type QaEngineOptions } from './core/qa/engine.js';

/** Wires the core services for one content pack. */
export function createServices(pack: Pack, options: QaEngineOptions = {}): Services {
  const briefing = new Briefing(pack);
  const qa = new QaEngine(pack, undefined, options);
  // Soon after start-up, off the path of any request; unref'd so it never holds a process open.
  setTimeout(() => {
    try {
      qa.warmUp();
    } catch {
      // Only an optimisation: the first real question would pay what it saves.
    }
  }, 50).unref();
  return { briefing, qa: { ask: (ctx: Context, q: string) => qa.answer(ctx, q).reply }, catalogue: localizeCatalogue(catalogue, briefing) };
}
