import { citedSentences, stripMarkers } from '../content/citations.js';
import { dateSpan, formatDate } from '../content/dates.js';
import type { Pack } from '../content/pack.js';
import { normalize } from '../briefing/names.js';
import { STOPWORDS } from './text.js';

export type DocKind = 'event' | 'actor' | 'fact' | 'malware' | 'term' | 'section' | 'card' | 'overview';

/** One retrievable passage of the pack. */
export interface QaDoc {
  id: string;
  kind: DocKind;
  title: string;
  names: string;
  text: string;
  questions: string;
  entities: string;
  /** Where the passage leads: a command to read more. */
  more?: { label: string; command: string };
  /** For events: the dates covered, as yyyymmdd numbers. */
  span?: [number, number];
  /** For events: the date as people read it. */
  when?: string;
  /** The entity this passage describes, when it describes one. */
  subject?: string;
  /** Which section paragraph or fact, to continue with "tell me more". */
  parent?: string;
  order: number;
}

export interface Entity {
  id: string;
  name: string;
  names: string[];
  command: string;
}

/** Every named thing users may ask about: actors, malware and glossary terms, keyed `actor:mois`. */
export function entitiesOf(pack: Pack): Entity[] {
  return [
    ...pack.actors.map((a) => ({ id: `actor:${a.id}`, name: a.name, names: [a.name, ...a.aliases], command: `/actor ${a.name}` })),
    ...pack.malware.map((m) => ({ id: `malware:${m.id}`, name: m.name, names: [m.name, ...m.aliases], command: `/glossary ${m.name}` })),
    ...pack.glossary.map((t) => ({ id: `term:${t.id}`, name: t.term, names: [t.term, ...t.aliases], command: `/glossary ${t.term}` })),
  ];
}

/**
 * Finds entity names in text by whole-word phrase match. Short names (up to three
 * letters, like "US" or "EU") count only when written in capitals, so "us" is not the United States.
 */
export class EntityMatcher {
  private readonly phrases = new Map<string, Set<string>>();
  private readonly caseSensitive = new Map<string, Set<string>>();
  private maxWords = 1;

  constructor(readonly entities: Entity[]) {
    for (const e of entities) {
      for (const n of e.names) {
        const key = normalize(n);
        if (!key) continue;
        const short = key.replace(/ /g, '').length <= 3;
        if (short || STOPWORDS.has(key)) {
          const raw = n.trim();
          if (!/[A-Z]/.test(raw)) continue;
          add(this.caseSensitive, raw, e.id);
          continue;
        }
        add(this.phrases, key, e.id);
        this.maxWords = Math.max(this.maxWords, key.split(' ').length);
      }
    }
  }

  find(text: string): string[] {
    const found = new Set<string>();
    const ws = normalize(text).split(' ').filter(Boolean);
    for (let i = 0; i < ws.length; i++) {
      for (let n = Math.min(this.maxWords, ws.length - i); n >= 1; n--) {
        const ids = this.phrases.get(ws.slice(i, i + n).join(' '));
        if (ids) ids.forEach((id) => found.add(id));
      }
    }
    for (const token of text.split(/[^\p{L}\p{N}.-]+/u)) {
      const ids = this.caseSensitive.get(token.replace(/[.]$/, ''));
      if (ids) ids.forEach((id) => found.add(id));
    }
    return [...found];
  }
}

function add(map: Map<string, Set<string>>, key: string, id: string) {
  const set = map.get(key) ?? new Set<string>();
  set.add(id);
  map.set(key, set);
}

/** Turns the pack into passages for retrieval. */
export function buildDocuments(pack: Pack, matcher: EntityMatcher): QaDoc[] {
  const docs: QaDoc[] = [];
  let order = 0;
  const push = (d: Omit<QaDoc, 'entities' | 'order' | 'questions'> & { questions?: string; extraEntities?: string[] }) => {
    const { extraEntities, ...rest } = d;
    const ents = new Set([...matcher.find(`${d.title} ${stripMarkers(d.text)}`), ...(extraEntities ?? [])]);
    docs.push({ questions: '', ...rest, entities: [...ents].join(' '), order: order++ });
  };

  pack.overview.standard.forEach((p, i) =>
    push({ id: `overview:${i}`, kind: 'overview', title: pack.overview.title, names: '', text: p, more: { label: 'The overview', command: '/brief' } }),
  );
  for (const s of pack.sections) {
    s.paragraphs.forEach((p, i) =>
      push({
        id: `section:${s.id}:${i}`,
        kind: 'section',
        title: s.title,
        names: s.keywords.join(' '),
        text: p,
        parent: `section:${s.id}`,
        more: { label: `Read "${s.title}"`, command: `/brief ${s.id}` },
      }),
    );
  }
  for (const e of pack.events) {
    const month = e.start.month ? `${e.start.year}-${String(e.start.month).padStart(2, '0')}` : String(e.start.year);
    push({
      id: `event:${e.id}`,
      kind: 'event',
      title: e.title,
      names: '',
      text: e.text,
      span: [dateSpan(e.start)[0], dateSpan(e.until ?? e.start)[1]],
      when: formatDate(e.start) + (e.until ? ` to ${formatDate(e.until)}` : ''),
      extraEntities: e.actors.map((a) => `actor:${a}`),
      more: { label: `The timeline for ${e.start.month ? formatDate({ ...e.start, day: undefined }) : e.start.year}`, command: `/timeline ${month}` },
    });
  }
  for (const a of pack.actors) {
    const more = { label: `Profile of ${a.name}`, command: `/actor ${a.name}` };
    push({ id: `actor:${a.id}`, kind: 'actor', title: a.name, names: [a.name, ...a.aliases, a.role].join(' · '), text: `${a.summary}`, subject: `actor:${a.id}`, more, extraEntities: [`actor:${a.id}`] });
    a.facts.forEach((f, i) =>
      push({ id: `fact:${a.id}:${i}`, kind: 'fact', title: a.name, names: [a.name, ...a.aliases].join(' · '), text: f, subject: `actor:${a.id}`, parent: `actor:${a.id}`, more, extraEntities: [`actor:${a.id}`] }),
    );
  }
  for (const m of pack.malware) {
    const more = { label: `About ${m.name}`, command: `/glossary ${m.name}` };
    push({ id: `malware:${m.id}`, kind: 'malware', title: m.name, names: [m.name, ...m.aliases, m.kind].join(' · '), text: m.summary, subject: `malware:${m.id}`, more, extraEntities: [`malware:${m.id}`] });
    m.facts.forEach((f, i) =>
      push({ id: `mfact:${m.id}:${i}`, kind: 'fact', title: m.name, names: [m.name, ...m.aliases].join(' · '), text: f, subject: `malware:${m.id}`, parent: `malware:${m.id}`, more, extraEntities: [`malware:${m.id}`] }),
    );
  }
  for (const t of pack.glossary) {
    push({ id: `term:${t.id}`, kind: 'term', title: t.term, names: [t.term, ...t.aliases].join(' · '), text: t.definition, subject: `term:${t.id}`, more: { label: `Glossary: ${t.term}`, command: `/glossary ${t.term}` }, extraEntities: [`term:${t.id}`] });
  }
  for (const q of pack.questions) {
    push({ id: `card:${q.id}`, kind: 'card', title: q.questions[0]!, names: '', text: q.answer, questions: q.questions.join(' · ') });
  }
  return docs;
}

/** Sentences of a passage with their sources, for composing short answers. */
export function sentencesOf(doc: QaDoc) {
  return citedSentences(doc.text);
}
