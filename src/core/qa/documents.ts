import { citedSentences, markersIn, stripMarkers } from '../content/citations.js';
import { dateSpan, formatDate } from '../content/dates.js';
import type { Pack } from '../content/pack.js';
import { normalize } from '../briefing/names.js';
import { STOPWORDS, TextMemo, typoDistance, words } from './text.js';

export type DocKind = 'event' | 'actor' | 'fact' | 'malware' | 'term' | 'section' | 'card' | 'overview';

/** One retrievable sentence (an event or a card is one passage), with its entry's context. */
export interface QaDoc {
  id: string;
  /** The entry it belongs to: a section paragraph, an event, an actor's summary or one fact… */
  entry: string;
  /** Position within the entry. */
  pos: number;
  kind: DocKind;
  title: string;
  names: string;
  /** The sentence, plain. */
  text: string;
  sources: string[];
  /** The whole entry, plain, indexed lightly so words spread over sentences still count. */
  context: string;
  questions: string;
  entities: string;
  more?: { label: string; command: string };
  span?: [number, number];
  when?: string;
  /** The entity this passage describes, when it describes one. */
  subject?: string;
  /** The name to lead with when a sentence about an entity does not name it. */
  subjectName?: string;
  subjectNames?: string[];
  /** A short label of what the subject is ("Albania's prime minister"). */
  subjectRole?: string;
  /** Entries of the same family (a section, an actor), for "tell me more". */
  family: string;
  /** For whole entries (events, cards): the text with its markers, to cite sentence by sentence. */
  raw?: string;
  /** Worked out on first use: the passage's own words, its entry's, and its entry's labels. */
  ownTerms?: Set<string>;
  entryTerms?: Set<string>;
  labelTerms?: Set<string>;
  titleTerms?: Set<string>;
  /** The whole entry's sentences as answers quote them, worked out on first use. */
  sentences?: { text: string; sources: string[] }[];
  years?: number[];
  /** For a card: whether it answers "who is X?" and nothing more. Worked out on first use. */
  profile?: boolean;
  subjectKeys?: string[];
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
  /** Names word by word, so finding them in long text builds no strings. */
  private readonly trie: NameNode = { next: new Map() };
  /** One pattern for every short, case-sensitive name ("US", "EU"), as whole words. */
  private shortNames?: RegExp;
  /** Short names of three letters or more, in lower case ("mek", "fbi"): typed that way in chat they are still the names. */
  private readonly lowerShort = new Map<string, Set<string>>();
  /** Phrase keys by word count and first letter, for typo-tolerant matching. */
  private readonly buckets = new Map<string, string[]>();

  private readonly byId: Map<string, Entity>;

  constructor(readonly entities: Entity[]) {
    this.byId = new Map(entities.map((e) => [e.id, e]));
    for (const e of entities) {
      for (const n of e.names) {
        const key = normalize(n);
        if (!key) continue;
        if (key.replace(/ /g, '').length <= 3 || STOPWORDS.has(key)) {
          const raw = n.trim();
          if (/[A-Z]/.test(raw)) add(this.caseSensitive, raw, e.id);
          continue;
        }
        add(this.phrases, key, e.id);
        const ws = key.split(' ');
        const words = ws.length;
        let node = this.trie;
        for (const w of ws) {
          let child = node.next.get(w);
          if (!child) node.next.set(w, (child = { next: new Map() }));
          node = child;
        }
        node.ids = this.phrases.get(key);
        if (key.length >= 5) {
          const bucket = `${words}:${key[0]}`;
          const list = this.buckets.get(bucket) ?? [];
          if (!list.includes(key)) list.push(key);
          this.buckets.set(bucket, list);
        }
      }
    }
    this.compileShortNames();
  }

  private compileShortNames(): void {
    for (const w of new Set([...this.caseSensitive.keys()].flatMap((n) => normalize(n).split(' ')))) {
      let node = this.trie.next.get(w);
      if (!node) this.trie.next.set(w, (node = { next: new Map() }));
      node.short = true;
    }
    for (const [raw, ids] of this.caseSensitive) {
      const key = normalize(raw);
      if (/^[A-Z]{3}$/.test(raw) && !STOPWORDS.has(key)) for (const id of ids) add(this.lowerShort, key, id);
    }
    const names = [...this.caseSensitive.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.shortNames = names.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${names.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : undefined;
  }

  /**
   * Names written with a small typo ("esmail khatab", "roadswep"), for words no exact name covered.
   * `known`: words spelled as the pack spells them, which are no one's typo.
   */
  findFuzzy(text: string, exact: string[], known: (word: string) => boolean = () => false): string[] {
    const ws = normalize(text).split(' ').filter(Boolean);
    // A run of words each of which is a name's, a stopword or the pack's own spelling is no one's typo.
    const plain = ws.map((w) => STOPWORDS.has(w) || known(w));
    if (plain.every(Boolean)) return [];
    const covered = new Set(exact.flatMap((id) => this.byId.get(id)?.names.flatMap((n) => normalize(n).split(' ')) ?? []));
    ws.forEach((w, i) => (plain[i] ||= covered.has(w)));
    const found = new Set<string>();
    for (let n = Math.min(3, ws.length); n >= 1; n--) {
      for (let i = 0; i + n <= ws.length; i++) {
        if (plain.slice(i, i + n).every(Boolean)) continue;
        const phrase = ws.slice(i, i + n).join(' ');
        if (phrase.length < 5) continue;
        const allowed = phrase.length >= 9 ? 2 : 1;
        for (const key of this.buckets.get(`${n}:${phrase[0]}`) ?? []) {
          if (Math.abs(key.length - phrase.length) > allowed || key === phrase) continue;
          if (typoDistance(key, phrase) <= allowed) addEach(found, this.phrases.get(key));
        }
      }
    }
    return [...found];
  }

  /** `ws`: the text's words, when the caller already has them. */
  find(text: string, ws?: string[]): string[] {
    const found = new Set<string>();
    this.addFound(found, text, ws);
    return [...found];
  }

  /** Adds the entities named in a text to `found`, as `find` returns them. */
  addFound(found: Set<string>, text: string, ws = words(text)): void {
    let short = false;
    // The longest name starting at each word: "Storm-0842" is the actor, not also the "Storm" naming scheme
    // (though "ZeroCleare wiper" still holds "wiper", which starts later).
    for (let i = 0; i < ws.length; i++) {
      let node = this.trie.next.get(ws[i]!);
      if (!node) continue;
      short ||= node.short === true;
      let longest: Set<string> | undefined;
      for (let j = i + 1; node; j++) {
        if (node.ids) longest = node.ids;
        node = j < ws.length ? node.next.get(ws[j]!) : undefined;
      }
      addEach(found, longest);
    }
    // The pattern is costly on long text; most texts contain none of the short names, even in lower case.
    if (this.shortNames && short) {
      for (const m of text.matchAll(this.shortNames)) addEach(found, this.caseSensitive.get(m[1]!));
      // In lower case a short name counts after "the" only: "what did the us do" is the United States, "tell us" is not.
      for (let i = 1; i < ws.length; i++) {
        if (ws[i - 1] === 'the') addEach(found, this.caseSensitive.get(ws[i]!.toUpperCase()));
      }
      // A three-letter name in capitals ("MEK", "FBI") is the name typed in lower case too.
      for (const w of ws) addEach(found, this.lowerShort.get(w));
    }
  }
}

interface NameNode {
  /** The entities whose name ends at this word. */
  ids?: Set<string>;
  /** On a first word: a short name's word folded to lower case ("us", "eu"), so one lookup per word finds both kinds. */
  short?: boolean;
  next: Map<string, NameNode>;
}

/** Adds each of `ids` to `found`: a plain loop, where a callback would be a new closure for every name found. */
function addEach(found: Set<string>, ids: Set<string> | undefined): void {
  if (ids) for (const id of ids) found.add(id);
}

function add(map: Map<string, Set<string>>, key: string, id: string) {
  const set = map.get(key) ?? new Set<string>();
  set.add(id);
  map.set(key, set);
}

/** What the pack says about one entry, before it is cut into sentence passages. */
type EntryInput = Pick<QaDoc, 'entry' | 'kind' | 'title' | 'names' | 'text' | 'family'> &
  Partial<Pick<QaDoc, 'questions' | 'more' | 'span' | 'when' | 'subject' | 'subjectName' | 'subjectNames' | 'subjectRole'>> & {
    extraEntities?: string[];
    /** Keep the entry whole (events, cards): it is short and reads as one answer. */
    whole?: boolean;
  };

/** Turns the pack into sentence passages for retrieval. */
export function buildDocuments(pack: Pack, matcher: EntityMatcher, memo = new TextMemo()): QaDoc[] {
  const docs: QaDoc[] = [];
  const push = (e: EntryInput) => {
    const sentences = e.whole ? [{ text: stripMarkers(e.text), sources: markersIn(e.text) }] : citedSentences(e.text);
    const context = e.whole ? sentences[0]!.text : sentences.map((s) => s.text).join(' ');
    const found = new Set<string>();
    matcher.addFound(found, e.title);
    // Each sentence is folded once, for its names and its terms.
    for (const s of sentences) {
      const ws = words(s.text);
      matcher.addFound(found, s.text, ws);
      memo.terms(s.text, ws);
    }
    for (const id of e.extraEntities ?? []) found.add(id);
    const entities = [...found].join(' ');
    sentences.forEach((s, pos) => {
      // Every passage has every field, in one order: one object shape for all of them, which copying
      // an entry's fields over would not give.
      docs.push({
        id: `${e.entry}#${pos}`,
        entry: e.entry,
        pos,
        kind: e.kind,
        title: e.title,
        names: e.names,
        text: s.text,
        sources: [...new Set(s.sources)],
        context,
        questions: e.questions ?? '',
        entities,
        more: e.more,
        span: e.span,
        when: e.when,
        subject: e.subject,
        subjectName: e.subjectName,
        subjectNames: e.subjectNames,
        subjectRole: e.subjectRole,
        family: e.family,
        raw: e.whole ? e.text : undefined,
        ownTerms: undefined,
        entryTerms: undefined,
        labelTerms: undefined,
        titleTerms: undefined,
        sentences: undefined,
        years: undefined,
        profile: undefined,
        subjectKeys: undefined,
      });
    });
  };

  pack.overview.standard.forEach((p, i) =>
    push({ entry: `overview:${i}`, kind: 'overview', title: pack.overview.title, names: '', text: p, family: 'overview', more: { label: 'The overview', command: '/brief' } }),
  );
  for (const s of pack.sections) {
    s.paragraphs.forEach((p, i) =>
      push({
        entry: `section:${s.id}:${i}`,
        kind: 'section',
        title: s.title,
        names: s.keywords.join(' · '),
        text: p,
        family: `section:${s.id}`,
        more: { label: `Read "${s.title}"`, command: `/brief ${s.id}` },
      }),
    );
  }
  for (const e of pack.events) {
    const month = e.start.month ? `${e.start.year}-${String(e.start.month).padStart(2, '0')}` : String(e.start.year);
    push({
      entry: `event:${e.id}`,
      kind: 'event',
      title: e.title,
      names: '',
      text: e.text,
      family: `phase:${e.phase}`,
      whole: true,
      span: [dateSpan(e.start)[0], dateSpan(e.until ?? e.start)[1]],
      when: formatDate(e.start) + (e.until ? ` to ${formatDate(e.until)}` : ''),
      extraEntities: e.actors.map((a) => `actor:${a}`),
      more: { label: `The timeline for ${e.start.month ? formatDate({ ...e.start, day: undefined }) : e.start.year}`, command: `/timeline ${month}` },
    });
  }
  /** The fields every passage about one named entity shares. */
  const about = (id: string, name: string, aliases: string[], more: QaDoc['more'], extra: string[] = []) => ({
    title: name,
    names: [name, ...aliases].join(' · '),
    family: id,
    subject: id,
    subjectName: name,
    subjectNames: [name, ...aliases],
    more,
    extraEntities: [id, ...extra],
  });
  for (const a of pack.actors) {
    const base = { ...about(`actor:${a.id}`, a.name, a.aliases, { label: `Profile of ${a.name}`, command: `/actor ${a.name}` }), subjectRole: a.role };
    push({ ...base, entry: `actor:${a.id}`, kind: 'actor', names: `${base.names} · ${a.role}`, text: a.summary });
    a.facts.forEach((f, i) => push({ ...base, entry: `fact:${a.id}:${i}`, kind: 'fact', text: f }));
  }
  for (const m of pack.malware) {
    const base = about(`malware:${m.id}`, m.name, m.aliases, { label: `About ${m.name}`, command: `/glossary ${m.name}` }, m.actors.map((a) => `actor:${a}`));
    push({ ...base, entry: `malware:${m.id}`, kind: 'malware', names: `${base.names} · ${m.kind}`, text: m.summary });
    m.facts.forEach((f, i) => push({ ...base, entry: `mfact:${m.id}:${i}`, kind: 'fact', text: f }));
  }
  for (const t of pack.glossary) {
    push({ ...about(`term:${t.id}`, t.term, t.aliases, { label: `Glossary: ${t.term}`, command: `/glossary ${t.term}` }), entry: `term:${t.id}`, kind: 'term', text: t.definition });
  }

  for (const q of pack.questions) {
    push({ entry: `card:${q.id}`, kind: 'card', title: q.questions[0]!, names: '', text: q.answer, questions: q.questions.join(' · '), family: `card:${q.id}`, whole: true });
  }
  return docs;
}
