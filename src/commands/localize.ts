import type { Briefing } from '../core/briefing/briefing.js';
import type { CommandDef, CommandSpec } from './types.js';

/**
 * Fills the catalogue's example placeholders ({actor}, {term}, {month}…) from the
 * loaded pack, so help and usage hints show names that exist in this case.
 */
export function localizeCatalogue(catalogue: CommandDef[], briefing: Briefing): CommandDef[] {
  const pack = briefing.pack;
  const shortName = (names: string[]) => [...names].sort((a, b) => a.length - b.length)[0] ?? '';
  const actors = pack.actors.filter((a) => a.kind !== 'country' && (pack.eventsByActor.get(a.id)?.length ?? 0) > 0).sort((a, b) => (pack.eventsByActor.get(b.id)?.length ?? 0) - (pack.eventsByActor.get(a.id)?.length ?? 0));
  const [, month = '/timeline', range = '/timeline'] = briefing.timelineExamples().map((e) => e.replace('/timeline ', ''));
  const values: Record<string, string> = {
    actor: actors[0] ? shortName([actors[0].name, ...actors[0].aliases.filter((n) => n.length >= 3)]) : 'name',
    actor2: actors[1]?.name ?? actors[0]?.name ?? 'name',
    actor3: actors[2]?.name ?? actors[0]?.name ?? 'name',
    term: pack.glossary[0]?.term ?? 'term',
    term2: pack.glossary[1]?.term ?? pack.glossary[0]?.term ?? 'term',
    malware: pack.malware[0]?.name ?? pack.glossary[0]?.term ?? 'term',
    topic: pack.sections[Math.min(1, pack.sections.length - 1)]?.id ?? 'topic',
    topic2: pack.sections[Math.min(2, pack.sections.length - 1)]?.id ?? 'topic',
    month,
    range,
    phase: pack.meta.phases[Math.min(1, pack.meta.phases.length - 1)]?.id ?? 'phase',
    question: pack.questions[0]?.questions[0] ?? 'what happened?',
    question2: pack.questions[1]?.questions[0] ?? pack.questions[0]?.questions[0] ?? 'who was involved?',
  };
  const fill = <T extends CommandSpec>(spec: T): T => ({ ...spec, examples: spec.examples.map((e) => e.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m)) });
  return catalogue.map((c) => ({ ...fill(c), subcommands: c.subcommands?.map(fill) }));
}
