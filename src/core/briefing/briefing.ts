import { markersIn } from '../content/citations.js';
import { dateSpan, formatDate, formatShortDate } from '../content/dates.js';
import type { Pack, Section, TimelineEvent } from '../content/pack.js';
import type { ActorEntry, MalwareEntry, Reliability, SourceEntry, TermEntry } from '../content/schema.js';
import { Citer } from './citer.js';
import { errorReply, reply, type Action, type Block, type Reply } from './document.js';
import { NameIndex, normalize } from './names.js';
import { paginate, paginateBlocks } from './paging.js';
import { quoteUser } from './sanitize.js';
import { parsePeriod } from './periods.js';

export type Length = 'short' | 'standard';

export interface TimelineQuery {
  from?: string;
  to?: string;
  phase?: string;
  page?: number;
}

const RELIABILITY_ORDER: Reliability[] = ['primary', 'major-news', 'specialist', 'secondary-repost', 'partisan', 'low'];
const RELIABILITY_LABEL: Record<Reliability, string> = {
  primary: 'Primary',
  'major-news': 'Major news',
  specialist: 'Specialist',
  'secondary-repost': 'Secondary copy',
  partisan: 'Partisan',
  low: 'Low reliability',
};

function pageNote(page: number, pages: number): Block[] {
  return pages > 1 ? [{ type: 'context', text: `Page ${page} of ${pages}` }] : [];
}

function quoted(names: string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

/** Composes the case's briefings as platform-neutral replies. Knows nothing specific to any case. */
export class Briefing {
  readonly topics: NameIndex<Section>;
  readonly actors: NameIndex<ActorEntry>;
  readonly terms: NameIndex<TermEntry | MalwareEntry>;
  readonly phases: NameIndex<{ id: string; label: string }>;

  constructor(readonly pack: Pack) {
    this.topics = new NameIndex(pack.sections.map((s) => ({ item: s, names: [s.id, s.title, s.id.replace(/-/g, ' ')] })));
    this.actors = new NameIndex(pack.actors.map((a) => ({ item: a, names: [a.id, a.name, ...a.aliases] })));
    this.terms = new NameIndex<TermEntry | MalwareEntry>([
      ...pack.glossary.map((t) => ({ item: t as TermEntry | MalwareEntry, names: [t.id, t.term, ...t.aliases] })),
      ...pack.malware.map((m) => ({ item: m as TermEntry | MalwareEntry, names: [m.id, m.name, ...m.aliases] })),
    ]);
    this.phases = new NameIndex(pack.meta.phases.map((p) => ({ item: p, names: [p.id, p.label, p.id.replace(/-/g, ' ')] })));
  }

  overview(length: Length = 'standard'): Reply {
    const c = new Citer(this.pack);
    const texts = length === 'short' ? [this.pack.overview.short] : this.pack.overview.standard;
    const first = this.pack.sections[0];
    const actions: Action[] = [
      { kind: 'sources', label: 'Sources', command: '/sources' },
      ...(length === 'short' ? [{ kind: 'more' as const, label: 'Full overview', command: '/brief overview standard' }] : []),
      ...(first ? [{ kind: 'more' as const, label: `Part 1: ${first.title}`, command: `/brief ${first.id}` }] : []),
    ];
    return reply({
      title: this.pack.overview.title,
      blocks: [
        ...texts.map((t) => ({ type: 'paragraph' as const, text: c.cite(t) })),
        { type: 'context', text: `Topics: ${this.pack.sections.map((s) => s.id).join(', ')}. Ask for one with /brief <topic>.` },
      ],
      citations: c.citations(),
      actions,
    });
  }

  /** `/brief [topic] [length]`: the overview, or one topic section, paged. */
  brief(topic?: string, length: Length = 'standard', page = 1): Reply {
    const t = topic?.trim();
    if (!t || ['overview', 'summary', 'all'].includes(normalize(t))) return this.overview(length);
    const found = this.topics.lookup(t);
    if (!found.found) return this.unknown('topic', t, found.suggestions.map((s) => s.id), this.pack.sections.map((s) => s.id), '/brief');
    return this.section(found.found, length, page);
  }

  section(s: Section, length: Length = 'standard', page = 1): Reply {
    const c = new Citer(this.pack);
    const texts = length === 'short' ? s.paragraphs.slice(0, 1) : s.paragraphs;
    const p = paginateBlocks(texts.map((t) => ({ type: 'paragraph', text: t })), page);
    const blocks: Block[] = p.items.map((b) => (b.type === 'paragraph' ? { ...b, text: c.cite(b.text) } : b));
    const next = this.pack.sections[s.order];
    const actions: Action[] = [];
    if (p.page < p.pages) actions.push({ kind: 'next', label: 'Next page', command: `/brief ${s.id} ${length} page:${p.page + 1}` });
    if (length === 'short' && s.paragraphs.length > 1) actions.push({ kind: 'more', label: 'Read all', command: `/brief ${s.id}` });
    else if (next) actions.push({ kind: 'more', label: `Next: ${next.title}`, command: `/brief ${next.id}` });
    actions.push({ kind: 'sources', label: 'Sources', command: `/sources ${s.id}` });
    return reply({
      title: `Part ${s.order} of ${this.pack.sections.length}: ${s.title}`,
      blocks: [...blocks, ...pageNote(p.page, p.pages)],
      citations: c.citations(),
      actions,
    });
  }

  timeline(q: TimelineQuery): Reply {
    let phase: { id: string; label: string } | undefined;
    let from = q.from?.trim() || undefined;
    let to = q.to?.trim() || undefined;
    if (q.phase?.trim()) {
      const found = this.phases.lookup(q.phase);
      if (!found.found) return this.unknown('phase', q.phase, found.suggestions.map((p) => p.id), this.pack.meta.phases.map((p) => p.id), '/timeline phase:');
      phase = found.found;
    } else if (from && !to && !/\d/.test(from)) {
      // "/timeline escalation": a lone word that is not a date names a phase.
      const found = this.phases.lookup(from);
      if (found.found) {
        phase = found.found;
        from = undefined;
      }
    }
    let period = parsePeriod(from, to);
    if ('error' in period && from && to) {
      // "September 2022" typed without quotes arrives as two words.
      const whole = parsePeriod(`${from} ${to}`);
      if (!('error' in whole)) {
        period = whole;
        from = `${from} ${to}`;
        to = undefined;
      }
    }
    if ('error' in period) return errorReply(period.error, `Examples: ${this.timelineExamples().join(' · ')}`);
    const events = this.pack.events.filter((e) => {
      const [a] = dateSpan(e.start);
      const b = dateSpan(e.until ?? e.start)[1];
      return b >= period.from && a <= period.to && (!phase || e.phase === phase.id);
    });
    const scope = [phase?.label, period.label !== 'all dates' ? period.label : undefined].filter(Boolean).join(', ') || 'all dates';
    if (!events.length) {
      const first = this.pack.events[0];
      const last = this.pack.events[this.pack.events.length - 1];
      return reply({
        tone: 'notice',
        title: `Timeline: ${scope}`,
        blocks: [
          { type: 'paragraph', text: `No events in the timeline for ${scope}.` },
          ...(first && last ? [{ type: 'context' as const, text: `The timeline runs from ${formatDate(first.start)} to ${formatDate(last.start)}. Try /timeline ${last.start.year}.` }] : []),
        ],
      });
    }
    const c = new Citer(this.pack);
    const p = paginate(events, (e) => e.title.length + e.text.length + 24, q.page ?? 1);
    const blocks: Block[] = [
      {
        type: 'list',
        items: p.items.map((e) => ({
          label: `${formatShortDate(e.start)}${e.until ? ` – ${formatShortDate(e.until)}` : ''}`,
          text: `${e.title}. ${c.cite(e.text)}`,
        })),
      },
      { type: 'context', text: `${events.length} event${events.length === 1 ? '' : 's'}${p.pages > 1 ? ` · page ${p.page} of ${p.pages}` : ''}` },
    ];
    const quote = (v: string) => (/\s/.test(v) ? `"${v}"` : v);
    const args = [from, to].filter((v): v is string => !!v).map(quote).join(' ') + (phase ? ` phase:${phase.id}` : '');
    const actions: Action[] = [];
    if (p.page < p.pages) actions.push({ kind: 'next', label: 'Next page', command: `/timeline ${args} page:${p.page + 1}`.replace(/\s+/g, ' ') });
    return reply({ title: `Timeline: ${scope}`, blocks, citations: c.citations(), actions });
  }

  actor(name: string): Reply {
    if (!name.trim()) return errorReply('Which actor? Give a name or alias.', `For example: /actor ${this.pack.actors[0]?.aliases[0] ?? this.pack.actors[0]?.name ?? 'name'}`);
    const found = this.actors.lookup(name);
    if (!found.found) return this.unknown('actor', name, found.suggestions.map((a) => a.name), [], '/actor');
    const a = found.found;
    const c = new Citer(this.pack);
    const events = this.pack.eventsByActor.get(a.id) ?? [];
    const blocks: Block[] = [
      { type: 'fields', fields: [{ name: 'Role', value: a.role }, { name: 'Kind', value: a.kind.replace(/-/g, ' ') }, ...(a.aliases.length ? [{ name: 'Also known as', value: a.aliases.join(', ') }] : [])] },
      { type: 'paragraph', text: c.cite(a.summary) },
    ];
    if (a.facts.length) blocks.push({ type: 'list', items: a.facts.map((f) => ({ text: c.cite(f) })) });
    if (events.length) {
      const shown = events.slice(0, 8);
      blocks.push({ type: 'list', items: shown.map((e) => ({ label: formatShortDate(e.start), text: c.citeIds(`${e.title}.`, markersIn(e.text)) })) });
      if (events.length > shown.length) blocks.push({ type: 'context', text: `Part of ${events.length} timeline events; ${shown.length} shown.` });
    }
    const page = paginateBlocks(blocks, 1, 3800);
    return reply({
      title: a.name,
      blocks: page.items,
      citations: c.citations(),
      actions: [{ kind: 'sources', label: 'Sources', command: `/sources ${a.id}` }],
    });
  }

  glossary(term: string): Reply {
    if (!term.trim()) return errorReply('Which term? Give a term or abbreviation.', `For example: /glossary ${this.pack.glossary[0]?.term ?? 'term'}`);
    const found = this.terms.lookup(term);
    if (!found.found) {
      const actor = this.actors.lookup(term);
      if (actor.found) return this.actor(term);
      return this.unknown('term', term, found.suggestions.map((t) => ('term' in t ? t.term : t.name)), [], '/glossary');
    }
    const t = found.found;
    const c = new Citer(this.pack);
    if ('term' in t) {
      const blocks: Block[] = [{ type: 'paragraph', text: c.cite(t.definition) }];
      if (t.aliases.length) blocks.push({ type: 'context', text: `Also: ${t.aliases.join(', ')}` });
      return reply({ title: t.term, blocks, citations: c.citations() });
    }
    const blocks: Block[] = [
      { type: 'fields', fields: [{ name: 'Kind', value: t.kind }, ...(t.aliases.length ? [{ name: 'Also known as', value: t.aliases.join(', ') }] : [])] },
      { type: 'paragraph', text: c.cite(t.summary) },
    ];
    if (t.facts.length) blocks.push({ type: 'list', items: t.facts.map((f) => ({ text: c.cite(f) })) });
    return reply({ title: t.name, blocks: paginateBlocks(blocks, 1, 3800).items, citations: c.citations() });
  }

  /** `/sources [topic]`: what a topic cites, or the whole case's sources, best first. */
  sources(topic?: string, page = 1): Reply {
    let ids: string[];
    let scope: string;
    const t = topic?.trim();
    if (!t || normalize(t) === 'all') {
      ids = [...this.pack.sources.keys()];
      scope = this.pack.meta.shortTitle;
    } else if (normalize(t) === 'overview') {
      ids = markersIn([this.pack.overview.short, ...this.pack.overview.standard].join(' '));
      scope = 'overview';
    } else {
      const s = this.topics.lookup(t);
      const a = s.found ? undefined : this.actors.lookup(t);
      const m = s.found || a?.found ? undefined : this.terms.lookup(t);
      if (s.found) {
        ids = markersIn(s.found.paragraphs.join(' '));
        scope = s.found.title;
      } else if (a?.found) {
        const actor = a.found;
        ids = markersIn([actor.summary, ...actor.facts].join(' '));
        scope = actor.name;
      } else if (m?.found) {
        const e = m.found;
        ids = markersIn('term' in e ? e.definition : [e.summary, ...e.facts].join(' '));
        scope = 'term' in e ? e.term : e.name;
      } else {
        return this.unknown('topic', t, s.suggestions.map((x) => x.id), this.pack.sections.map((x) => x.id), '/sources');
      }
    }
    const unique = [...new Set(ids)]
      .map((id) => this.pack.sources.get(id))
      .filter((s): s is SourceEntry => !!s)
      .sort((a, b) => RELIABILITY_ORDER.indexOf(a.reliability) - RELIABILITY_ORDER.indexOf(b.reliability) || a.date.localeCompare(b.date));
    const p = paginate(unique, (s) => s.title.length + s.publisher.length + (s.url?.length ?? 0) + 40, page, 2400);
    const items = p.items.map((s) => ({
      label: s.id,
      text: `${s.title} — ${s.publisher}, ${s.date}${s.url ? ` — ${s.url}` : ''} (${RELIABILITY_LABEL[s.reliability]})`,
    }));
    const actions: Action[] = [];
    if (p.page < p.pages) actions.push({ kind: 'next', label: 'Next page', command: `/sources ${t ?? 'all'} page:${p.page + 1}` });
    return reply({
      title: `Sources: ${scope}`,
      blocks: [{ type: 'list', items }, { type: 'context', text: `${unique.length} sources, most reliable first${p.pages > 1 ? ` · page ${p.page} of ${p.pages}` : ''}` }],
      actions,
    });
  }

  /** Working timeline examples drawn from this pack's own dates and phases. */
  timelineExamples(): string[] {
    const dated = this.pack.events.filter((e) => e.start.month);
    const mid = dated[Math.floor(dated.length / 2)] ?? this.pack.events[0];
    const out = ['/timeline'];
    if (mid) {
      const y = mid.start.year;
      out.push(mid.start.month ? `/timeline ${y}-${String(mid.start.month).padStart(2, '0')}` : `/timeline ${y}`);
      out.push(`/timeline ${y}-01-01 ${y}-12-31`);
    }
    const phase = this.pack.meta.phases[Math.min(1, this.pack.meta.phases.length - 1)];
    if (phase) out.push(`/timeline phase:${phase.id}`);
    return out;
  }

  /** A polite "not found" with the closest names, or the valid ones. */
  unknown(what: string, asked: string, suggestions: string[], valid: string[], command: string): Reply {
    const safe = quoteUser(asked, 60);
    const example = (v: string) => (command.endsWith(':') ? `${command}${v}` : `${command} ${v}`);
    const hint = suggestions.length
      ? `Did you mean ${quoted(suggestions)}? For example: ${example(suggestions[0]!)}`
      : valid.length
        ? `Known ${what}s: ${valid.join(', ')}.`
        : `Try a shorter name, or ask a question with /ask.`;
    return errorReply(`I don't know the ${what} "${safe}".`, hint);
  }
}

export type { TimelineEvent };
