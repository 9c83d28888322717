import MiniSearch, { type SearchResult } from 'minisearch';
import { stripMarkers } from '../content/citations.js';
import type { Pack } from '../content/pack.js';
import type { Briefing } from '../briefing/briefing.js';
import { Citer } from '../briefing/citer.js';
import { reply, type Block, type Citation, type Reply } from '../briefing/document.js';
import { normalize } from '../briefing/names.js';
import { buildDocuments, entitiesOf, EntityMatcher, sentencesOf, type Entity, type QaDoc } from './documents.js';
import { ConversationMemory, type Turn } from './memory.js';
import { asksForMore, asksWhatHappened, findPeriod, findRelative, refersBack, whType, type TextPeriod, type Wh } from './question.js';
import { isMostlyNonLatin, isOffTopic } from './scope.js';
import { contentTerms, processTerm } from './text.js';
import { Vocabulary } from './vocabulary.js';

export type Confidence = 'high' | 'medium' | 'low' | 'none';

export interface QaResult {
  question: string;
  answer: string;
  abstained: boolean;
  /** Declined as outside the case (a kind of abstention). */
  declined: boolean;
  confidence: Confidence;
  citations: Citation[];
  related: string[];
}

export interface Asker {
  platform: string;
  userId: string;
  channelId: string;
}

interface Sentence {
  text: string;
  sources: string[];
}

const MAX_QUESTION = 1000;
const MAX_SENTENCES = 4;
const MAX_ANSWER_CHARS = 900;

/**
 * Answers plain-language questions from the pack only, with citations, and says
 * so when the pack does not support an answer. Retrieval is MiniSearch with the
 * pack's names and aliases as synonyms; everything else is choosing and citing sentences.
 */
export class QaEngine {
  private readonly docs: QaDoc[];
  private readonly byId: Map<string, QaDoc>;
  private readonly index: MiniSearch<QaDoc>;
  private readonly matcher: EntityMatcher;
  private readonly entities: Map<string, Entity>;
  private readonly vocab: Vocabulary;
  private readonly memory: ConversationMemory;
  private readonly busiestYearForMonth = new Map<number, number>();

  constructor(
    private readonly pack: Pack,
    private readonly briefing?: Briefing,
    memory = new ConversationMemory(),
  ) {
    this.memory = memory;
    const ents = entitiesOf(pack);
    this.entities = new Map(ents.map((e) => [e.id, e]));
    this.matcher = new EntityMatcher(ents);
    this.docs = buildDocuments(pack, this.matcher);
    this.byId = new Map(this.docs.map((d) => [d.id, d]));
    this.vocab = new Vocabulary(this.docs);
    this.index = new MiniSearch<QaDoc>({
      fields: ['title', 'names', 'text', 'questions', 'entities'],
      storeFields: [],
      processTerm,
      extractField: (doc, field) => {
        const v = doc[field as keyof QaDoc];
        if (field === 'text') return stripMarkers(String(v ?? ''));
        if (field === 'entities') return String(v ?? '').replace(/[:-]/g, '_');
        return typeof v === 'string' ? v : '';
      },
      tokenize: (text, field) => (field === 'entities' ? text.split(' ') : MiniSearch.getDefault('tokenize')(text)),
      searchOptions: { boost: { names: 3, questions: 3, title: 1.5, text: 1, entities: 2.5 }, combineWith: 'OR' },
    });
    this.index.addAll(this.docs);
    const counts = new Map<string, number>();
    for (const e of pack.events) {
      if (e.start.month) counts.set(`${e.start.month}:${e.start.year}`, (counts.get(`${e.start.month}:${e.start.year}`) ?? 0) + 1);
    }
    for (const [key, n] of counts) {
      const [m, y] = key.split(':').map(Number) as [number, number];
      const best = this.busiestYearForMonth.get(m);
      if (best === undefined || n > (counts.get(`${m}:${best}`) ?? 0)) this.busiestYearForMonth.set(m, y);
    }
  }

  get documentCount(): number {
    return this.docs.length;
  }

  answer(asker: Asker, rawQuestion: string): { result: QaResult; reply: Reply } {
    const question = clean(rawQuestion);
    const key = `${asker.platform}:${asker.channelId}:${asker.userId}`;
    const result = this.think(key, question);
    return { result, reply: this.toReply(result) };
  }

  private think(key: string, question: string): QaResult {
    const c = new Citer(this.pack);
    if (!question) return this.abstain(question, 'Ask me a question about the case, for example: who was behind the July 2022 attack?', []);
    if (isMostlyNonLatin(question)) {
      return this.decline(question, `I can only answer questions in English for now. Try: "who attacked Albania?" or /help.`);
    }
    if (isOffTopic(question)) return this.decline(question);

    const last = this.memory.get(key);
    if (last && asksForMore(question)) return this.continueFrom(key, question, last, c);

    const wh = whType(question);
    let terms = contentTerms(question);
    let entities = this.matcher.find(question);
    const classes = terms.map((t) => ({ t, k: this.vocab.classify(t) }));
    const specific = classes.filter((x) => x.k === 'specific').map((x) => this.vocab.resolve(x.t)!);
    const unknown = classes.filter((x) => x.k === 'unknown' && !/^\d+$/.test(x.t)).map((x) => x.t);
    const period = findPeriod(question, (m) => this.busiestYearForMonth.get(m));

    // A follow-up leans on the previous question's subject.
    let followUp = false;
    if (last && !entities.length && specific.length <= 1 && refersBack(question)) {
      followUp = true;
      terms = [...new Set([...terms, ...last.terms])];
      entities = [...new Set(last.entities)];
    }

    const relative = findRelative(question);
    if (relative && !followUp) {
      const anchored = this.relativeEvents(relative.direction, relative.phrase);
      if (anchored) return this.remember(key, question, terms, entities, this.eventList(question, anchored.events, anchored.label, c, anchored.command));
    }

    if (period && (specific.length === 0 || (asksWhatHappened(question) && specific.length <= 1 && !entities.length))) {
      const events = this.eventsIn(period);
      if (!events.length) return this.abstain(question, `My timeline has nothing for ${period.label}.`, [`The whole timeline: /timeline`]);
      return this.remember(key, question, terms, entities, this.eventList(question, events, period.label, c, `/timeline ${period.command}`));
    }

    if (!followUp && !entities.length && !specific.length) {
      if (unknown.length || !terms.length) return this.decline(question);
      // Only very common case words ("what happened between iran and albania?"): the short overview.
      return this.remember(key, question, terms, entities, this.overviewAnswer(question, c));
    }
    if (!followUp && !entities.length && unknown.length > specific.length * 2) return this.decline(question);

    const results = this.search([...terms, ...entities.flatMap((e) => this.entityTerms(e))].join(' '), entities, wh, period);
    const top = results[0];
    if (!top) return this.abstain(question, "I don't have a sourced answer to that in my notes.", this.fallbackRelated());
    const topDoc = this.byId.get(top.id)!;
    const queryTerms = new Set([...specific, ...terms.map((t) => this.vocab.resolve(t) ?? t)]);
    const coverage = this.coverage(topDoc, queryTerms, entities);
    if (coverage < 0.34 && !entities.some((e) => topDoc.entities.includes(e))) {
      return this.abstain(question, "I don't have a sourced answer to that in my notes.", this.relatedFor(topDoc, entities));
    }

    const chosen = this.compose(topDoc, results, queryTerms, entities, wh);
    const answer = chosen.map((s) => c.citeIds(s.text, s.sources)).join(' ');
    const second = results[1]?.score ?? 0;
    const confidence: Confidence =
      topDoc.kind === 'card' || (coverage >= 0.75 && (top.score > second * 1.25 || entities.length > 0)) ? 'high' : coverage >= 0.5 ? 'medium' : 'low';
    const result: QaResult = {
      question,
      answer,
      abstained: false,
      declined: false,
      confidence,
      citations: c.citations(),
      related: this.relatedFor(topDoc, entities),
    };
    this.memory.set(key, {
      question,
      terms: contentTerms(question).length ? contentTerms(question) : terms,
      entities: entities.length ? entities : topDoc.entities.split(' ').filter(Boolean).slice(0, 3),
      topDoc: topDoc.id,
      shown: [topDoc.id],
      pending: results.slice(1, 8).map((r) => String(r.id)),
    });
    return result;
  }

  private search(query: string, entities: string[], wh: Wh, period?: TextPeriod): SearchResult[] {
    const entityTokens = new Set(entities.map((e) => e.replace(/[:-]/g, '_')));
    const q = [query, ...entityTokens].join(' ');
    return this.index.search(q, {
      fuzzy: (term) => (term.length >= 8 ? 0.25 : term.length >= 5 ? 0.2 : 0),
      prefix: (term) => term.length >= 4,
      boostDocument: (id) => {
        const d = this.byId.get(String(id));
        if (!d) return 1;
        let b = 1;
        if (d.kind === 'card') b *= 1.4;
        if (wh === 'when' && d.kind === 'event') b *= 1.6;
        if (wh === 'who' && (d.kind === 'actor' || d.kind === 'fact' || d.kind === 'card')) b *= 1.2;
        if ((wh === 'what' || wh === 'other') && (d.kind === 'term' || d.kind === 'malware' || d.kind === 'actor')) b *= 1.25;
        if (d.subject && entities.includes(d.subject)) b *= entities.length === 1 ? 1.5 : 1.2;
        if (period) {
          if (d.span) b *= d.span[1] >= period.from && d.span[0] <= period.to ? 1.8 : 0.6;
        }
        return b;
      },
    });
  }

  /** How much of the question the passage speaks to: share of content words it contains. */
  private coverage(doc: QaDoc, terms: Set<string>, entities: string[]): number {
    const docTerms = new Set(contentTerms(`${doc.title} ${doc.names} ${stripMarkers(doc.text)} ${doc.questions}`).map((t) => this.vocab.resolve(t) ?? t));
    const meaningful = [...terms].filter((t) => this.vocab.classify(t) !== 'unknown' || !/^\d+$/.test(t));
    if (!meaningful.length) return entities.length ? 1 : 0;
    let hit = 0;
    for (const t of meaningful) if (docTerms.has(t) || [...docTerms].some((d) => d.length >= 5 && t.length >= 5 && (d.startsWith(t) || t.startsWith(d)))) hit++;
    const entityHit = entities.length ? entities.filter((e) => doc.entities.includes(e)).length / entities.length : 0;
    return Math.max(hit / meaningful.length, (hit / meaningful.length + entityHit) / 2);
  }

  /** One to four sentences: the best of the top passage, then what other passages add. */
  private compose(top: QaDoc, results: SearchResult[], terms: Set<string>, entities: string[], wh: Wh): Sentence[] {
    const entityWords = new Set(entities.flatMap((e) => this.entityTerms(e)).flatMap((n) => contentTerms(n)));
    const score = (s: string) => {
      const ts = new Set(contentTerms(s).map((t) => this.vocab.resolve(t) ?? t));
      let n = 0;
      for (const t of terms) if (ts.has(t)) n += 1;
      for (const t of entityWords) if (ts.has(t)) n += 0.5;
      if (wh === 'when' && /\b(19|20)\d{2}\b/.test(s)) n += 0.5;
      return n;
    };
    const fromDoc = (doc: QaDoc): Sentence[] => {
      const sentences = sentencesOf(doc);
      if (doc.kind === 'card') return sentences.slice(0, MAX_SENTENCES);
      if (doc.kind === 'event') {
        const first = sentences.slice(0, 2);
        return first.map((s, i) => (i === 0 ? { ...s, text: `${doc.when}: ${s.text}` } : s));
      }
      const scored = sentences.map((s, i) => ({ s, i, n: score(s.text) }));
      const best = [...scored].sort((a, b) => b.n - a.n || a.i - b.i)[0];
      if (!best) return [];
      const picked = [best];
      // Definitions read better with their opening sentence; short picks with the next one.
      if ((doc.kind === 'term' || doc.kind === 'malware' || doc.kind === 'actor') && best.i > 0) picked.unshift(scored[0]!);
      const next = scored[best.i + 1];
      if (next && (best.s.text.length < 120 || next.n >= best.n * 0.6) && next.n > 0) picked.push(next);
      return picked.slice(0, 3).map((p) => p.s);
    };
    const out: Sentence[] = fromDoc(top);
    const covered = new Set(out.flatMap((s) => contentTerms(s.text)));
    for (const r of results.slice(1, 4)) {
      if (out.length >= MAX_SENTENCES || out.reduce((n, s) => n + s.text.length, 0) > MAX_ANSWER_CHARS * 0.6) break;
      if (r.score < (results[0]?.score ?? 0) * 0.75) break;
      const doc = this.byId.get(String(r.id))!;
      const extra = fromDoc(doc)[0];
      if (!extra) continue;
      const fresh = contentTerms(extra.text).filter((t) => terms.has(t) && !covered.has(t));
      if (!fresh.length) continue;
      out.push(extra);
      contentTerms(extra.text).forEach((t) => covered.add(t));
    }
    let total = 0;
    return out.slice(0, MAX_SENTENCES).filter((s) => (total += s.text.length) <= MAX_ANSWER_CHARS || total === s.text.length);
  }

  private continueFrom(key: string, question: string, last: Turn, c: Citer): QaResult {
    const top = last.topDoc ? this.byId.get(last.topDoc) : undefined;
    // First the rest of the same passage's family (the next paragraphs or facts), then the next-ranked passages.
    const family = top?.parent ? this.docs.filter((d) => d.parent === top.parent && !last.shown.includes(d.id)) : [];
    const candidates = [...family, ...last.pending.map((id) => this.byId.get(id)).filter((d): d is QaDoc => !!d && !last.shown.includes(d.id))];
    const next = candidates[0];
    if (!next) return this.abstain(question, "That's all I have on it. Try /brief for the whole story, or ask about another part.", top ? this.relatedFor(top, last.entities) : []);
    const sentences = sentencesOf(next).slice(0, 3);
    const text = sentences.map((s, i) => c.citeIds(i === 0 && next.kind === 'event' ? `${next.when}: ${s.text}` : s.text, s.sources)).join(' ');
    this.memory.set(key, { ...last, topDoc: next.id, shown: [...last.shown, next.id], pending: last.pending.filter((id) => id !== next.id) });
    return { question, answer: text, abstained: false, declined: false, confidence: 'medium', citations: c.citations(), related: this.relatedFor(next, last.entities) };
  }

  private eventsIn(p: { from: number; to: number }): QaDoc[] {
    return this.docs.filter((d) => d.kind === 'event' && d.span && d.span[1] >= p.from && d.span[0] <= p.to);
  }

  private relativeEvents(direction: 'after' | 'before', phrase: string): { events: QaDoc[]; label: string; command: string } | undefined {
    const terms = contentTerms(phrase);
    if (!terms.length) return undefined;
    const hits = this.index.search(terms.join(' '), { fuzzy: 0.2, prefix: true, filter: (r) => this.byId.get(String(r.id))?.kind === 'event' });
    const anchor = hits[0] ? this.byId.get(String(hits[0].id)) : undefined;
    if (!anchor?.span || this.coverage(anchor, new Set(terms), []) < 0.5) return undefined;
    const events = this.docs.filter((d) => d.kind === 'event' && d.span && (direction === 'after' ? d.span[0] > anchor.span![1] : d.span[1] < anchor.span![0]));
    const picked = direction === 'after' ? events.slice(0, 4) : events.slice(-4);
    const month = String(Math.floor(anchor.span[0] / 100));
    return { events: picked, label: `${direction} ${anchor.title.replace(/\.$/, '')} (${anchor.when})`, command: `/timeline ${month.slice(0, 4)}-${month.slice(4)}` };
  }

  private eventList(question: string, events: QaDoc[], label: string, c: Citer, command: string): QaResult {
    const shown = events.slice(0, 4);
    const lines = shown.map((d) => {
      const first = sentencesOf(d)[0];
      return c.citeIds(`${d.when}: ${first?.text ?? d.title}`, first?.sources ?? []);
    });
    const more = events.length > shown.length ? ` (${events.length} events in all; the rest are in the timeline.)` : '';
    return {
      question,
      answer: `${shown.length === 1 ? 'One event' : `Key events`} ${label.startsWith('after') || label.startsWith('before') ? label : `in ${label}`}: ${lines.join(' ')}${more}`,
      abstained: false,
      declined: false,
      confidence: 'high',
      citations: c.citations(),
      related: [`See the timeline: ${command}`],
    };
  }

  private overviewAnswer(question: string, c: Citer): QaResult {
    const text = c.cite(this.pack.overview.short);
    return { question, answer: text, abstained: false, declined: false, confidence: 'medium', citations: c.citations(), related: ['The full overview: /brief', 'Key dates: /timeline', 'All commands: /help'] };
  }

  private remember(key: string, question: string, terms: string[], entities: string[], result: QaResult): QaResult {
    this.memory.set(key, { question, terms, entities, shown: [], pending: [] });
    return result;
  }

  private entityTerms(id: string): string[] {
    const e = this.entities.get(id);
    return e ? [e.name] : [];
  }

  private relatedFor(doc: QaDoc, entities: string[]): string[] {
    const out: string[] = [];
    if (doc.more) out.push(`${doc.more.label}: ${doc.more.command}`);
    for (const id of entities) {
      const e = this.entities.get(id);
      if (e && !out.some((o) => o.endsWith(e.command))) out.push(`More on ${e.name}: ${e.command}`);
    }
    const section = doc.parent?.startsWith('section:') ? doc.parent.slice(8) : undefined;
    if (section) out.push(`Sources for this topic: /sources ${section}`);
    return out.slice(0, 3);
  }

  private fallbackRelated(): string[] {
    return ['The overview: /brief', 'Key dates: /timeline', 'All commands: /help'];
  }

  private abstain(question: string, message: string, related: string[]): QaResult {
    const pointers = related.length ? related : this.fallbackRelated();
    return { question, answer: message, abstained: true, declined: false, confidence: 'none', citations: [], related: pointers.slice(0, 3) };
  }

  private decline(question: string, message?: string): QaResult {
    return {
      question,
      answer: message ?? `That's outside what I cover: I brief on ${this.pack.meta.title.replace(/^The /, 'the ')} and answer questions about it, with sources.`,
      abstained: true,
      declined: true,
      confidence: 'none',
      citations: [],
      related: ['Try: who was behind the July 2022 attack?', 'The overview: /brief', 'All commands: /help'],
    };
  }

  private toReply(r: QaResult): Reply {
    const blocks: Block[] = [{ type: 'paragraph', text: r.answer }];
    if (!r.abstained) blocks.push({ type: 'context', text: `Confidence: ${r.confidence}` });
    if (r.related.length) blocks.push({ type: 'list', items: r.related.map((text) => ({ text })) });
    const actions = r.related
      .map((rel) => /: (\/\S.*)$/.exec(rel))
      .filter((m): m is RegExpExecArray => !!m)
      .slice(0, 2)
      .map((m) => ({ kind: 'more' as const, label: m.input.slice(0, m.index).slice(0, 70), command: m[1]! }));
    return reply({ tone: r.abstained ? 'notice' : 'answer', blocks, citations: r.citations, actions });
  }
}

/** Control characters out, whitespace folded, length bounded. */
function clean(q: string): string {
  const t = q.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, ' ').replace(/\s+/g, ' ').trim();
  return [...t].slice(0, MAX_QUESTION).join('');
}

export { normalize };
