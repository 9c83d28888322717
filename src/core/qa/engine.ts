import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { citedSentences } from '../content/citations.js';
import type { Pack } from '../content/pack.js';
import { Citer } from '../briefing/citer.js';
import { reply, type Block, type Citation, type Reply } from '../briefing/document.js';
import { normalize } from '../briefing/names.js';
import { monthIndex } from '../content/dates.js';
import { buildDocuments, entitiesOf, EntityMatcher, type Entity, type QaDoc } from './documents.js';
import { ConversationMemory, type Turn } from './memory.js';
import { answerKind, asksForMore, asksOtherNames, comparisonAsked, datesIn, detailNotGiven, withoutIdioms, asksWhatHappened, findPeriod, findRelative, attackTarget, hasAnswerKind, intervalAsked, officeAsked, plainQuestion, refersBack, saysOffice, speakerPhrase, whType, type AnswerKind, type TextPeriod, type Wh } from './question.js';
import { asksAboutUnknownThing, asksForOpinion, asksForOverview, isMostlyNonLatin, isOtherLanguage, isOffTopic, smallTalk } from './scope.js';
import { expand } from './synonyms.js';
import { isEnglishTypo, isEnglishWord } from './english.js';
import { contentTerms, processTerm, stem, TextMemo, words } from './text.js';
import { Vocabulary } from './vocabulary.js';
import { PhrasingIndex, type Concepts, type PhrasingMatch } from './phrasings.js';
import { compactDocs, expandDocs, fingerprint, readSnapshot, writeSnapshot } from './snapshot.js';
import { addAllOnce } from './search-index.js';

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

export interface QaEngineOptions {
  /** A directory for a snapshot of the built index, so later starts with the same pack load it instead of building it. */
  cacheDir?: string;
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

interface Analysis {
  question: string;
  wh: Wh;
  terms: string[];
  /** Terms remembered from the conversation, weighted lower. */
  carried: string[];
  /** The previous question's own words, when this one follows up on it. */
  previous: string[];
  expansions: string[];
  /** Each word of an everyday phrase understood ("blamed"), with the analysts' words it stands for ("attributed"). */
  standsFor: Map<string, string[]>;
  /** A clause that only says when ("after ties were cut"), and its words. */
  relative?: { direction: 'after' | 'before'; phrase: string };
  when: Set<string>;
  entities: string[];
  specific: string[];
  unknown: string[];
  period?: TextPeriod;
  followUp: boolean;
  /** The kind of detail asked for ("how long": a duration), when the wording says. */
  kind?: AnswerKind;
  /** Whether the period was written in this question rather than kept from the last. */
  ownPeriod: boolean;
  /** The names the question itself uses: exactly, and with small typos too. */
  named: { exact: string[]; all: string[] };
  /** Who the question asks to have spoken or reacted ("how did tehran react"), as speaker concepts. */
  speakers: string[];
}

const MAX_QUESTION = 1000;
const MAX_SENTENCES = 4;
const MAX_ANSWER_CHARS = 900;
/** An entity named in more than this share of passages (the countries at the heart of a case) is not a clue. */
const GENERIC_ENTITY_SHARE = 0.25;
/** Words in about a third of the pack's entries or more. */
const COMMON_WEIGHT = Math.log(3) + 0.1;
/** Words this common (in about one entry in eight or more: "iran", "attack") make a question about the whole case. */
const BROAD_WEIGHT = 2.2;
/** How closely a question must match a card's phrasing to be answered by the card. */
const CARD_MATCH = 0.45;
/** Words people use for the incident itself: a "hack" in a question is an "attack" in a headline. */
const INCIDENT = new Set(['hack', 'attack', 'cyberattack', 'breach', 'intrusion']);
const SMALL_TALK = {
  hello: 'Hello! I brief on this case and answer questions about it with sources. Ask me something like "who was behind the July 2022 attack?", or try /brief for the overview.',
  thanks: "You're welcome. Ask me anything else about the case, or try /timeline for the key dates.",
};
/** A word this rare in a phrasing and not in the question ("second") means the phrasing asks something narrower. */
const PHRASING_OWN_WEIGHT = 3;
/** A phrasing this close says nearly all the question asks: one odd word more ("back in iraq") does not make it another question. */
const CARD_CLOSE = 0.8;
/** Question words that ask for different things: a reason is not a date, a person or a place. */
const OTHER_QUESTION = new Set(['when', 'who', 'where'].flatMap((w) => [`wh:why wh:${w}`, `wh:${w} wh:why`]));
/** Question words a reason does not answer. */
const ASKS_OTHER_THAN_WHY = new Set<Wh>(['what', 'when', 'who', 'where']);
/** A question word this rare (in roughly one entry in twenty or fewer) is telling enough that a card must speak to it. */
const CARD_TELLING_WEIGHT = 3;

/**
 * Answers plain-language questions from the pack only, with citations, and says
 * so when the pack does not support an answer. Retrieval is MiniSearch over
 * sentences, with the pack's names and aliases as synonyms; the rest is choosing
 * which sentences answer and citing them.
 */
export class QaEngine {
  private readonly docs: QaDoc[];
  private readonly byId: Map<string, QaDoc>;
  private readonly byEntry = new Map<string, QaDoc[]>();
  private readonly index: MiniSearch<QaDoc>;
  private readonly matcher: EntityMatcher;
  private readonly entities: Map<string, Entity>;
  private readonly genericEntities = new Set<string>();
  private readonly vocab: Vocabulary;
  private readonly memory: ConversationMemory;
  private readonly busiestYearForMonth = new Map<number, number>();
  /** The days and months each entry dates things to, worked out when a question asks about a day or a month. */
  private readonly entryDates = new Map<string, [number, number][]>();
  /** For each card, what its phrasings name: things ("actor:mek") and whose reactions they ask about ("speaker:actor:iran"). */
  private readonly cardNames = new Map<string, Set<string>>();
  /** Cards whose own question asks why ("why was albania hit a second time?"): their answer is a reason. */
  private readonly askedWhy = new Set<string>();
  /** Each phrasing of each question card, as the concepts it asks about. */
  private readonly phrasings: PhrasingIndex;
  private readonly conceptKeys = new Map<string, string>();
  private readonly people: Set<string>;
  /** The words of the case's own title ("iranian", "cyberattack", "albania"): what "it" means when nothing came before. */
  private readonly caseTerms: string[];
  /** The one-word names of the entities common enough to be no clue (the case's countries), as terms. */
  private readonly countryWords = new Map<string, Set<string>>();
  /** Whether the index came from a snapshot rather than being built. */
  readonly fromSnapshot: boolean;
  /** How long each part of building took, in milliseconds, for the benchmark. */
  readonly buildTimes: { passages: number; vocabulary: number; searchIndex: number; cardPhrasings: number } = { passages: 0, vocabulary: 0, searchIndex: 0, cardPhrasings: 0 };

  constructor(
    private readonly pack: Pack,
    memory = new ConversationMemory(),
    options: QaEngineOptions = {},
  ) {
    this.memory = memory;
    this.people = new Set(pack.actors.filter((a) => a.kind === 'person').map((a) => `actor:${a.id}`));
    const ents = entitiesOf(pack);
    this.entities = new Map(ents.map((e) => [e.id, e]));
    this.matcher = new EntityMatcher(ents);
    const print = options.cacheDir ? fingerprint(pack) : undefined;
    const snap = print ? readSnapshot(options.cacheDir!, print) : undefined;
    this.fromSnapshot = !!snap;
    const memo = new TextMemo();
    let started = performance.now();
    const lap = (part: keyof QaEngine['buildTimes']) => {
      const now = performance.now();
      this.buildTimes[part] = now - started;
      started = now;
    };
    this.docs = snap ? expandDocs(snap.docs) : buildDocuments(pack, this.matcher, memo);
    lap('passages');
    this.byId = new Map(this.docs.map((d) => [d.id, d]));
    for (const d of this.docs) {
      const list = this.byEntry.get(d.entry) ?? [];
      list.push(d);
      this.byEntry.set(d.entry, list);
    }
    const entityDf = new Map<string, number>();
    const entryPassages = [...this.byEntry.values()];
    const entries = entryPassages.map((l) => l[0]!);
    for (const d of entries) {
      const ids = d.entities.split(' ');
      // Indexed, as below: this runs once a build, unoptimized, where a for-of leaves an iterator result per step.
      for (let k = 0; k < ids.length; k++) if (ids[k]) entityDf.set(ids[k]!, (entityDf.get(ids[k]!) ?? 0) + 1);
    }
    for (const [e, n] of entityDf) if (n > entries.length * GENERIC_ENTITY_SHARE) this.genericEntities.add(e);
    for (const e of this.genericEntities) {
      this.countryWords.set(e, new Set((this.entities.get(e)?.names ?? []).filter((n) => !n.includes(' ')).flatMap((n) => contentTerms(n))));
    }
    // Less the countries' names, which every passage shares: "how did they get in?" is about the cyberattack, not about Iran.
    const countryTerms = new Set([...this.genericEntities].flatMap((e) => this.nameTerms(e)));
    this.caseTerms = contentTerms(pack.meta.title).filter((t) => !/^\d+$/.test(t) && !countryTerms.has(t)).map((t) => (INCIDENT.has(t) ? 'attack' : t));
    started = performance.now();
    this.vocab = snap ? new Vocabulary(new Map(snap.vocabulary.df), snap.vocabulary.total) : Vocabulary.fromEntries(entryPassages, memo);
    lap('vocabulary');
    for (const d of this.docs) {
      d.years = yearsIn(d.text);
      d.subjectKeys = (d.subjectNames ?? []).map(normalize).filter((k) => k.length > 1);
    }
    const indexOptions: Options<QaDoc> = {
      fields: ['title', 'names', 'text', 'questions'],
      storeFields: [],
      // Passages are indexed with the terms already worked out for them; questions go through the same steps.
      processTerm: (term) => term,
      extractField: (doc, field) => {
        const v = doc[field as keyof QaDoc];
        // Labels go with an entry's first sentence only: on every sentence they would outweigh what each one says, and cost time.
        if ((field === 'names' || field === 'title') && doc.pos > 0) return '';
        // An actor's names or a section's keywords go with its first entry only, not with each fact or paragraph after it.
        if (field === 'names' && (doc.kind === 'fact' || (doc.kind === 'section' && !doc.entry.endsWith(':0')))) return '';
        return typeof v === 'string' ? v : '';
      },
      tokenize: (text) => memo.terms(text),
      searchOptions: { tokenize: MiniSearch.getDefault('tokenize'), processTerm, boost: { names: 2.5, questions: 3, title: 1.5, text: 1.3 }, combineWith: 'OR' },
    };
    started = performance.now();
    if (snap) this.index = MiniSearch.loadJS(snap.index, indexOptions);
    else {
      this.index = new MiniSearch<QaDoc>(indexOptions);
      addAllOnce(this.index, this.docs);
    }
    lap('searchIndex');
    // Entities that share a name get the same concept key: the first of them, in id order.
    const byName = new Map<string, string[]>();
    for (const e of ents) for (const n of new Set(e.names.map(normalize))) byName.set(n, [...(byName.get(n) ?? []), e.id]);
    for (const e of ents) {
      const same = new Set(e.names.map(normalize).flatMap((n) => byName.get(n) ?? []));
      this.conceptKeys.set(e.id, [...same].sort()[0] ?? e.id);
    }
    const phrasings: [number, Concepts][] =
      snap?.phrasings ??
      this.docs.flatMap((d, i) =>
        d.kind === 'card'
          ? d.questions.split(' · ').map((q): [number, Concepts] => {
              // The pack's own phrasings are spelled as meant: only questions need typo-tolerant names.
              const exact = this.matcher.find(q);
              return [i, [...this.concepts(q, { exact, all: exact })]];
            })
          : [],
      );
    // A phrasing left with only the case's commonest words ("what did the us call the albania attack" is "albania attack")
    // would match every broad question; the card's other phrasings still find it.
    const telling = ([, concepts]: [number, Concepts]) => concepts.some(([k, w]) => w >= BROAD_WEIGHT || k.includes(':'));
    this.phrasings = new PhrasingIndex(this.docs, phrasings.filter(telling));
    for (const [i, concepts] of phrasings) {
      const id = this.docs[i]!.id;
      const names = this.cardNames.get(id) ?? new Set<string>();
      // Indexed: run once a build, this loop is not optimized, and a for-of leaves an iterator result per step.
      for (let c = 0; c < concepts.length; c++) {
        const k = concepts[c]![0];
        if (k.includes(':') && !k.startsWith('wh:')) names.add(k);
      }
      this.cardNames.set(id, names);
    }
    for (const d of this.docs) if (d.kind === 'card' && whType(d.title) === 'why') this.askedWhy.add(d.id);
    lap('cardPhrasings');
    memo.clear();
    // Written before any question is asked: passages gain worked-out fields as they are used.
    if (print && !snap) writeSnapshot(options.cacheDir!, print, { docs: compactDocs(this.docs), vocabulary: this.vocab.counts(), index: this.index.toJSON(), phrasings });
    const counts = new Map<string, number>();
    for (const e of pack.events) if (e.start.month) counts.set(`${e.start.month}:${e.start.year}`, (counts.get(`${e.start.month}:${e.start.year}`) ?? 0) + 1);
    for (const [key, n] of counts) {
      const [m, y] = key.split(':').map(Number) as [number, number];
      const best = this.busiestYearForMonth.get(m);
      if (best === undefined || n > (counts.get(`${m}:${best}`) ?? 0)) this.busiestYearForMonth.set(m, y);
    }
  }

  /**
   * Answers a question nobody asked and forgets it: the first real question then finds the code compiled and
   * the English word list loaded, instead of paying for both.
   */
  warmUp(): void {
    const key = 'warm-up::';
    this.think(key, 'how did the attackers get in, and who said so?');
    this.think(key, 'what happened in the teh second attack?');
    this.memory.forget(key);
  }

  get documentCount(): number {
    return this.docs.length;
  }

  answer(asker: Asker, rawQuestion: string): { result: QaResult; reply: Reply } {
    const question = plainQuestion(clean(rawQuestion));
    const key = `${asker.platform}:${asker.channelId}:${asker.userId}`;
    const result = this.think(key, question);
    return { result, reply: this.toReply(result) };
  }

  private think(key: string, question: string): QaResult {
    const c = new Citer(this.pack);
    if (!question) return this.abstain(question, 'Ask me a question about the case, for example: who was behind the July 2022 attack?', []);
    if (isMostlyNonLatin(question) || isOtherLanguage(question)) return this.decline(question, 'I can only answer questions in English for now. Try: "who attacked Albania?" or /help.');
    if (isOffTopic(question)) return this.decline(question);
    if (asksForOpinion(question)) {
      return this.decline(question, "I stick to what the sources say, so I don't give opinions or predictions. I can tell you what happened, who said what and when: try /brief or ask about a part of the case.");
    }

    // "thanks!", "hi": said, not asked, in a conversation or out of one.
    const said = smallTalk(question);
    if (said) return this.abstain(question, SMALL_TALK[said], this.fallbackRelated());

    const last = this.memory.get(key);
    if (last && asksForMore(question)) return this.continueFrom(key, question, last, c);

    const a = this.analyse(question, last);
    // "how long between the july attack and albania cutting ties?": the two events' dates, and the time between them.
    const between = intervalAsked(question);
    const interval = between && this.intervalBetween(question, between, c);
    if (interval) return this.remember(key, a, interval.result, interval.said);
    const strong = a.entities.filter((e) => !this.genericEntities.has(e));
    // Glossary words ("ransomware") do not make a question about another incident one about this case; its actors and malware do.
    const namesCaseThing = strong.some((e) => !e.startsWith('term:'));
    if (asksAboutUnknownThing(question, (t) => contentTerms(t).every((x) => this.vocab.classify(x) === 'unknown')) && !namesCaseThing && !a.followUp) return this.decline(question);
    // A name the pack has never heard of ("estonia", "aramco") and nothing of this case's: another story.
    const strange = a.followUp ? [] : this.namesUnknownHere(question, a.unknown);
    if (strange.length && !namesCaseThing) return this.decline(question);
    // "predatory sparrow's attack on iranian steel plants": a target the pack never mentions is another incident.
    if (!a.followUp && this.targetUnknownHere(question)) return this.decline(question);
    const relative = !a.followUp && !strong.length && asksWhatHappened(question) ? a.relative : undefined;
    if (relative) {
      const anchored = this.relativeEvents(relative.direction, relative.phrase);
      if (anchored) return this.remember(key, a, this.eventList(question, anchored.events, anchored.label, c, anchored.command));
    }

    const broad = a.terms.every((t) => /^\d+$/.test(t) || monthIndex(t) !== undefined || this.vocab.weight(t) < BROAD_WEIGHT);
    // "who attacked albania in july 2022?" asks who, not what happened that month.
    const asksWhoOrWhy = (a.wh === 'who' || a.wh === 'why') && !asksWhatHappened(question);
    if (a.period && a.ownPeriod && !asksWhoOrWhy && ((broad && !strong.length) || (asksWhatHappened(question) && a.specific.length <= 1 && !strong.length))) {
      const events = this.eventsIn(a.period);
      if (!events.length) return this.abstain(question, `My timeline has nothing for ${a.period.label}.`, ['The whole timeline: /timeline']);
      return this.remember(key, a, this.eventList(question, events, a.period.label, c, `/timeline ${a.period.command}`));
    }

    if (a.followUp && a.kind && a.kind !== 'reason' && (last?.topDoc || last?.said?.length)) {
      const previous = last.topDoc ? this.byId.get(last.topDoc) : undefined;
      if (a.wh === 'when' && previous?.kind === 'event' && !a.specific.length) return this.answerWith(key, a, c, previous, [], 'high');
      // "when was that?", "how long did it last?": the first sentence just said that holds a date (a duration…) and says what was asked.
      const fit = this.sentenceSaying(last.said ?? [], a.terms, a.kind);
      if (fit) return this.retell(key, question, last, fit, c);
    }
    // "tell me about the second attack" then "what was hit?": the sentence just said that says it, if one does.
    // (Not when that sentence was all that was said: the question then asks for more than it.)
    if (a.followUp && !a.kind && a.wh !== 'why' && a.terms.length && last?.said && last.said.length > 1 && !strong.some((e) => !last.entities.includes(e))) {
      const fit = this.sentenceSaying(last.said, a.terms);
      if (fit) return this.retell(key, question, last, fit, c);
    }

    // In "what does microsoft call it now?" the thing renamed is "it", from the conversation; Microsoft only names it.
    const renamed = /\b(it|them|that)\b/i.test(question) && last?.entities.length ? last.entities[0] : undefined;
    const aliasesOf = asksOtherNames(question) ? (renamed ?? strong[0]) : undefined;
    if (aliasesOf) {
      const named = this.otherNames(key, question, a, aliasesOf, c);
      if (named) return named;
    }

    // A named thing the pack has never heard of rules out the shortcuts: only a close passage may answer.
    // A follow-up with words of its own ("how did iran react to that?") may still be a card's question.
    const found = (a.followUp && !a.terms.length) || strange.length ? undefined : this.cardFor(question, a);
    const definition = strange.length ? undefined : this.definitionOf(a, strong);
    // "what's CISA?" wants CISA's own entry, not a card that mentions it; "who is <a person>?" wants their profile,
    // which says who they are (for a group or a persona a card may say more).
    const oneThing = new Set(strong.map((e) => this.conceptOf(e))).size === 1;
    const whoIs = /^\W*who('s|s| is| was| are| were)\s/i.test(question) && strong.some((e) => this.people.has(e));
    const ownEntry = definition && oneThing && (found?.score ?? 0) < (whoIs ? Infinity : CARD_CLOSE);
    // A follow-up's card must be about what the conversation is about, and in a conversation about a period
    // ("anything in dec 2023?" then "what malware was used?") dated within it.
    const offPeriod = found && a.followUp && a.period && !a.ownPeriod && !this.datedIn(found.card, a.period);
    // "who's iran's foreign minister": not a card about Albania's.
    const office = officeAsked(question);
    const otherOffice = found && office && !saysOffice(office, found.card.text);
    const card = (found && a.followUp && !this.relatesTo(found.card, a, last)) || ownEntry || offPeriod || otherOffice ? undefined : found?.card;
    // "when was the tims attack?": an event whose headline says all that was asked dates it better than a card asked otherwise.
    const headlined = a.kind === 'date' && !a.followUp && (!found || found.score < CARD_CLOSE) ? this.headlineEvent(a) : undefined;
    if (headlined) return this.answerWith(key, a, c, headlined, [], 'high');
    if (card) return this.answerWith(key, a, c, card, [], 'high');
    // "what's the difference between ransomware and a wiper", "roadsweep vs zerocleare": what each one is, side by side.
    const compared = a.followUp ? undefined : this.comparison(question, c);
    if (compared) return this.remember(key, a, compared.result, compared.said);

    if (definition) {
      const result = this.answerWith(key, a, c, definition, [], 'high');
      const spelledOut = this.spelledOut(question, definition, result.answer);
      return spelledOut ? { ...result, answer: `${spelledOut} ${result.answer}` } : result;
    }

    // "when did the attack happen?", asked of the case as a whole: the date of its main incident.
    const broadly = a.terms.every((t) => this.vocab.weight(t) < BROAD_WEIGHT || INCIDENT.has(t));
    if (a.wh === 'when' && !a.followUp && !strong.length && !a.period && !a.expansions.length && broadly && a.terms.some((t) => INCIDENT.has(t))) {
      const main = this.mainIncident();
      if (main) return this.answerWith(key, a, c, main, [], 'high');
    }

    if (!a.followUp && !strong.length && !a.specific.length) {
      // Nothing but "brief me", "what happened?", "give me the gist": the short overview.
      if (!a.terms.length && !a.unknown.length && asksForOverview(question)) return this.overviewAnswer(key, a, c);
      // "what did the us do?": nothing asked but the country named, so what the pack says of it.
      const profile = !a.terms.length && !a.unknown.length && a.named.exact.length === 1 ? this.byEntry.get(a.named.exact[0]!)?.[0] : undefined;
      if (profile) return this.answerWith(key, a, c, profile, [], 'medium');
      // Words the pack never uses, and no everyday phrasing it understands ("why would iran care"): another subject.
      if ((a.unknown.length && !a.expansions.length) || !a.terms.length) return this.decline(question);
      // Only the case's most common words ("what happened between iran and albania?"): the short overview.
      // Words for the incident itself ("cyberattack", "hack") are as broad, however the pack happens to spell it.
      if (a.wh !== 'when' && !a.expansions.length && broadly) return this.overviewAnswer(key, a, c);
    }

    let results = this.search(a, strong);
    if (a.wh === 'when') {
      // A "when" question wants a dated event when one answers it.
      // Of close candidates, the event whose headline says what was asked is the event asked about.
      // "when was that?" asks about what the last question asked, not about every word of the last answer.
      const wanted = a.terms.length || !a.previous.length ? [...this.wantedTerms(a)] : a.previous.map((t) => this.vocab.resolve(t) ?? t);
      // "what day of the week…": an event that names the weekday says more than one that only dates it.
      const kind = a.kind === 'weekday' ? 'weekday' : 'date';
      const headline = (r: SearchResult) => {
        const doc = this.byId.get(String(r.id))!;
        const said = wanted.filter((t) => this.headlineSays(doc, t)).length;
        return kind === 'weekday' && hasAnswerKind(doc.text, kind) ? said + 1 : said;
      };
      const dated = results
        .filter((r) => this.byId.get(String(r.id))?.kind === 'event' && r.score >= (results[0]?.score ?? 0) * 0.75)
        .sort((x, y) => headline(y) - headline(x));
      // Failing a close one, the event whose headline says most of what was asked, the higher ranked on a tie.
      const events = results.filter((r) => this.byId.get(String(r.id))?.kind === 'event');
      const pick = dated[0] ?? events.reduce<SearchResult | undefined>((best, r) => (!best || headline(r) > headline(best) ? r : best), undefined);
      const best = pick ? this.byId.get(String(pick.id)) : undefined;
      const first = results[0] && this.byId.get(String(results[0].id));
      // A card that opens with a date already answers "when": only an event whose headline says what was asked replaces it.
      const datedCard = first?.kind === 'card' && hasAnswerKind(this.entrySentences(first)[0]?.text ?? '', kind);
      if (best && (!datedCard || headline(pick!) > 0) && pick!.score >= (results[0]?.score ?? 0) * 0.5 && this.coverage(best, this.wantedTerms(a), strong) >= 0.5) {
        results = [pick!, ...results.filter((r) => r !== pick)];
      }
    }
    // A follow-up that asks something the last answer did not say ("how did iran react to that?") wants another passage.
    if (a.followUp && last?.topDoc && results.length > 1) {
      const lastEntry = this.byId.get(last.topDoc)?.entry;
      const said = new Set(last.context);
      if (a.terms.some((t) => !said.has(t)) && this.byId.get(String(results[0]!.id))?.entry === lastEntry) {
        results = [...results.filter((r) => this.byId.get(String(r.id))?.entry !== lastEntry), ...results.filter((r) => this.byId.get(String(r.id))?.entry === lastEntry)];
      }
    }
    // The first passage that speaks of the office asked about, if any does; without one the answer says the sources do not name them.
    const holder = office && results.find((r) => saysOffice(office, this.byId.get(String(r.id))!.text));
    if (holder) results = [holder, ...results.filter((r) => r !== holder)];
    const top = results[0];
    if (!top) return this.abstain(question, "I don't have a sourced answer to that in my notes.", this.fallbackRelated());
    const topDoc = this.byId.get(String(top.id))!;
    const wanted = this.wantedTerms(a);
    const coverage = this.coverage(topDoc, wanted, strong, a.expansions);
    const outsideCase = () => this.abstain(question, "I don't have a sourced answer to that in my notes; it may be outside this case.", this.relatedFor(topDoc, strong));
    // Words the pack has never used ("aramco", "estonia") mean the question is probably about something else:
    // answer only when the passage covers nearly everything else that was asked.
    // A place or target the pack has never heard of ("…do in montenegro", "…against aramco") is another story however
    // well the rest matches.
    const folded = normalize(question);
    const elsewhere = [...new Set(strange)].some((w) => new RegExp(`\\b(in|to|against|on|at|into)\\s+(the\\s+)?${w}\\b`).test(folded));
    if (strange.length && (coverage < 0.75 || elsewhere)) {
      return outsideCase();
    }
    if (coverage < 0.34 && !strong.some((e) => topDoc.entities.includes(e))) {
      return this.abstain(question, "I don't have a sourced answer to that in my notes.", this.relatedFor(topDoc, strong));
    }
    // "…in the 2020 US election": a passage never dated in the year asked, with a word the pack never uses, is another story.
    // (A question asking when names a date only as a guess: "I assumed it was right before july 2022".)
    const unknown = a.unknown.filter((t) => monthIndex(t) === undefined);
    if (a.ownPeriod && a.wh !== 'when' && a.kind !== 'date' && unknown.length && !this.datedIn(topDoc, a.period!)) {
      return outsideCase();
    }
    // "what did iranian hackers do to israel's water facilities?": a passage that does not speak of what was attacked
    // answers another question, and most likely another incident.
    const target = a.followUp ? undefined : attackTarget(question);
    if (target && !this.speaksOf(topDoc, target)) {
      return outsideCase();
    }
    // Half the question in words the pack never uses ("how do vaccines work"), and nothing of the case named: another subject.
    if (!a.followUp && !strong.length && coverage < 0.75 && a.terms.length <= 3 && a.unknown.length * 2 >= a.terms.length) return this.decline(question);
    const second = results.find((r) => this.byId.get(String(r.id))?.entry !== topDoc.entry)?.score ?? 0;
    const confidence: Confidence =
      topDoc.kind === 'card' || (coverage >= 0.75 && (top.score > second * 1.25 || strong.length > 0)) ? 'high' : coverage >= 0.5 ? 'medium' : 'low';
    return this.answerWith(key, a, c, topDoc, results, confidence);
  }

  private analyse(question: string, last: Turn | undefined): Analysis {
    const wh = whType(question);
    const kind = answerKind(question);
    // "how long" asks for a duration and "what date" for a date: the words name the kind of answer, not its content.
    let terms = contentTerms(withoutIdioms(question).replace(/\bhow (long|far)\b|\b(what|which) day of the week\b|\b(what|which|exact)? ?(date|day|year)s?\b/gi, ' '));
    // "how long did it last/take": the verb only says that a duration is asked for.
    if (kind === 'duration') terms = terms.filter((t) => !['last', 'take', 'took', 'taken'].includes(t));
    const exact = this.matcher.find(question);
    const named = { exact, all: [...exact, ...this.matcher.findFuzzy(question, exact, this.knownWord)] };
    let entities = named.all;
    const classes = terms.map((t) => ({ t, k: this.vocab.classify(t) }));
    const specific = classes.filter((x) => x.k === 'specific').map((x) => this.vocab.resolve(x.t)!);
    const unknown = classes.filter((x) => x.k === 'unknown' && !/^\d+$/.test(x.t)).map((x) => x.t);
    const period = findPeriod(question, (m) => this.busiestYearForMonth.get(m));
    const strong = entities.filter((e) => !this.genericEntities.has(e));
    let carried: string[] = [];
    let previous: string[] = [];
    let followUp = false;
    // A follow-up ("who was behind it?") leans on the previous question's subject.
    const short = terms.length <= 2 && question.split(/\s+/).length <= 6;
    // "what did he say about the US?": a person spoken of as "he" or "she" is the last answer's, whatever else is named.
    const aboutSomeoneSaid = !!last?.entities.some((e) => e.startsWith('actor:')) && /\b(he|she|him|his|her)\b/i.test(question);
    // "what happened on 7 september 2022?", asked after anything, is about that day, not about what was asked before it.
    const onlyADate = !!period && asksWhatHappened(question) && !refersBack(question) && terms.every((t) => /^\d+$/.test(t) || monthIndex(t) !== undefined);
    if (last && !onlyADate && (!strong.length || aboutSomeoneSaid) && specific.length <= 2 && (refersBack(question) || short)) {
      followUp = true;
      // The last question's words, then the most telling words of the last answer.
      const telling = last.context.filter((t) => this.vocab.classify(t) === 'specific').slice(0, 8);
      carried = [...new Set([...last.terms, ...telling])].filter((t) => !terms.includes(t));
      previous = last.terms;
      entities = [...new Set([...entities, ...last.entities])];
    }
    // With nothing said before, "when did it happen?" and "how did they get in?" are about the case itself.
    if (!followUp && !strong.length && !terms.length && /\b(it|they|them|this|that)\b/i.test(question)) terms = [...this.caseTerms];
    // "anything in dec 2023?" then "what malware was used?": still December 2023.
    const asked = period ?? (followUp ? last?.period : undefined);
    const pairs = expand(question);
    // Everyday words we understand ("behind", "kicked out") are not unknown, even if the pack never uses them.
    const understood = new Set(pairs.flatMap(([phrase]) => contentTerms(phrase)));
    const unknownLeft = unknown.filter((t) => !understood.has(t));
    const standsFor = new Map<string, string[]>();
    for (const [phrase, words] of pairs) {
      for (const t of contentTerms(phrase)) standsFor.set(this.vocab.resolve(t) ?? t, words.map((w) => processTerm(w) ?? w));
    }
    // "…after ties were cut": words that only say when need not be in a card's answer.
    const relative = findRelative(question);
    const when = new Set(relative ? contentTerms(relative.phrase).map((t) => this.vocab.resolve(t) ?? t) : []);
    const speakers = this.speakersIn(question);
    return { question, wh, terms, carried, previous, expansions: pairs.flatMap(([, words]) => words), standsFor, relative, when, entities, specific, unknown: unknownLeft, period: asked, followUp, kind, ownPeriod: !!period, named, speakers };
  }

  private wantedTerms(a: Analysis): Set<string> {
    const own = a.terms.map((t) => this.vocab.resolve(t) ?? t).filter((t) => !/^\d+$/.test(t) || a.wh !== 'when');
    if (own.length) return new Set(own);
    // "how did they get in?": the words of the phrase understood say more than the last answer's.
    const understood = a.expansions.map((t) => processTerm(t) ?? t);
    return new Set(understood.length ? understood : a.previous.length ? a.previous.map((t) => this.vocab.resolve(t) ?? t) : a.carried);
  }

  /** What a question asks about, each with its weight: its words (typos resolved), the names in it, its question word. */
  private concepts(text: string, found?: { exact: string[]; all: string[] }): Map<string, number> {
    const exact = found?.exact ?? this.matcher.find(text);
    const all = found?.all ?? [...exact, ...this.matcher.findFuzzy(text, exact, this.knownWord)];
    const out = new Map<string, number>();
    // One concept per thing named, however many entries describe it (an actor and its glossary term).
    for (const e of all) if (!this.genericEntities.has(e)) out.set(this.conceptOf(e), 3);
    for (const t of contentTerms(text)) {
      const k = this.vocab.resolve(t) ?? t;
      out.set(k, Math.max(out.get(k) ?? 0, this.vocab.weight(t)));
    }
    const wh = whType(text);
    if (wh !== 'other' && wh !== 'what') out.set(`wh:${wh}`, 1.5);
    // Who reacts or speaks ("how did tehran react") is a concept of its own: Iran reacting is not the UK reacting to Iran.
    for (const k of this.speakersIn(text)) out.set(k, 2);
    return out;
  }

  /** Who a text asks to have spoken or reacted ("how did tehran react": Iran), as concepts of their own. */
  private speakersIn(text: string): string[] {
    const said = speakerPhrase(text);
    return said ? this.matcher.find(said).map((id) => `speaker:${this.conceptOf(id)}`) : [];
  }

  /** Words of the question that the pack never uses and that are not ordinary English either: names of other things. */
  private namesUnknownHere(question: string, unknown: string[]): string[] {
    if (!unknown.length) return [];
    const odd = new Set(unknown);
    // A day of the month ("the 15th") is a date, not a name.
    return words(question).filter((w) => w.length >= 4 && odd.has(stem(w)) && !/^\d+(st|nd|rd|th)$/.test(w) && !isEnglishWord(w) && !isEnglishWord(stem(w)) && !isEnglishTypo(w));
  }

  private readonly knownWord = (w: string): boolean => this.vocab.has(stem(w));

  private targetUnknownHere(question: string): boolean {
    const target = attackTarget(question);
    return !!target && contentTerms(target).some((t) => !/^\d+$/.test(t) && this.vocab.classify(t) === 'unknown');
  }

  /** Whether a passage's entry says most of the words of a phrase ("israel's water facilities"), typos forgiven. */
  private speaksOf(doc: QaDoc, phrase: string): boolean {
    const terms = contentTerms(phrase).filter((t) => !/^\d+$/.test(t)).map((t) => this.vocab.resolve(t) ?? t);
    const said = this.entryTerms(doc);
    return terms.filter((t) => said.has(t)).length * 3 >= terms.length * 2;
  }

  /** Whether every word the question asks is a word of the names it uses ("who's HLJ", "rama?"). */
  private asksOnlyNames(a: Pick<Analysis, 'terms' | 'named'>): boolean {
    const names = new Set(a.named.all.flatMap((id) => this.nameTerms(id)));
    return a.terms.every((t) => names.has(t));
  }

  /** The words of all of an entity's names, as terms. */
  private nameTerms(entityId: string): string[] {
    return (this.entities.get(entityId)?.names ?? []).flatMap((n) => contentTerms(n));
  }

  /** Entities that share a name (MOIS the actor, MOIS the term) count as one concept. */
  private conceptOf(entityId: string): string {
    return this.conceptKeys.get(entityId) ?? entityId;
  }

  /** A curated card whose phrasings ask what this question asks, closely enough to answer with it. */
  private cardFor(question: string, a: Pick<Analysis, 'kind' | 'named' | 'standsFor' | 'when' | 'period' | 'terms'>): PhrasingMatch | undefined {
    const { kind, named } = a;
    const q = this.concepts(question, named);
    if (q.size === 0) return undefined;
    // "how did iran react?": a card about someone else's reaction does not answer, however common Iran is in the pack.
    const countries = named.exact.filter((e) => this.genericEntities.has(e));
    const speakers = [...q.keys()].filter((k) => k.startsWith('speaker:'));
    const asks = [...q.keys()].find((k) => k.startsWith('wh:'));
    const months = [...q.keys()].filter((k) => monthIndex(k) !== undefined);
    const telling = [...q].some(([k, w]) => w >= BROAD_WEIGHT && !k.startsWith('wh:'));
    const fits = ({ card, concepts, score }: PhrasingMatch) =>
      this.cardCovers(card, q, concepts, a, score >= CARD_CLOSE, this.opensWith(card, kind) && score >= 0.5 ? 1 : 0) &&
      // "what was the albania cyberattack" is not "was there a second albania cyberattack": a telling word of the phrasing's own
      // that the question lacks makes it another question, unless they agree closely anyway.
      (score >= 0.5 || concepts.every(([k, w]) => w < PHRASING_OWN_WEIGHT || k.includes(':') || q.has(k))) &&
      // A question of only the commonest words ("how did albania find out it was iran") shares nothing telling with
      // a phrasing that has telling words of its own ("…get into albania's network").
      (telling || concepts.every(([k, w]) => w < BROAD_WEIGHT || k.includes(':') || q.has(k))) &&
      // "…the september attack" is not the card asked as "…the july attack".
      (!months.length || concepts.every(([k]) => monthIndex(k) === undefined || months.includes(k))) &&
      // Nor, in a conversation about December 2023, a card asked about July 2022.
      (!a.period || concepts.every(([k]) => fitsPeriod(k, a.period!))) &&
      // "when was tims hit" is not "why did they hit tims": a phrasing asking with another question word asks something else.
      (score >= CARD_CLOSE || !asks || concepts.every(([k]) => !OTHER_QUESTION.has(`${k} ${asks}`))) &&
      // "how did tehran react?": only a card asked, in this phrasing or another, as Iran's own reaction answers it.
      (!speakers.length || speakers.some((k) => this.cardNames.get(card.id)?.has(k))) &&
      // …unless the phrasing itself names the country ("e-albania outage date").
      countries.every((e) => card.entities.split(' ').includes(e) || concepts.some(([k]) => this.countryWords.get(e)?.has(k))) &&
      // "when…", "how long…": a card whose answer opens without a date or a duration answers something else.
      // (A count or a sum may come after the lead: "…about ten people left".)
      (!kind || kind === 'reason' || score >= 0.9 || (kind === 'count' || kind === 'amount' ? this.entrySentences(card) : this.entrySentences(card).slice(0, 1)).some((x) => hasAnswerKind(x.text, kind))) &&
      // "when… after 2022": a lead sentence dated 2022 answers another time.
      (kind !== 'date' || !a.period || yearsIn(this.entrySentences(card)[0]?.text ?? '').some((y) => fitsPeriod(String(y), a.period!)));
    const matches = this.phrasings.matches(q, CARD_MATCH);
    const best = matches.find(fits);
    // "who's HLJ": nothing asked but the name, so a card that says who or what it is, not one about whom it attacked.
    if (best && a.terms.length && this.asksOnlyNames(a) && !this.isProfile(best.card)) {
      const profile = matches.find((m) => m.score >= best.score - 0.1 && this.isProfile(m.card) && fits(m));
      if (profile) return profile;
    }
    // "did nato invoke article 5 for albania?": of two cards about as close, the one asked the same way (yes or no,
    // not "how many times") answers it.
    const wh = (m: PhrasingMatch) => m.concepts.find(([k]) => k.startsWith('wh:'))?.[0];
    if (!best || !asks || !wh(best) || wh(best) === asks) return best;
    return matches.find((m) => m.card !== best.card && m.score >= best.score - 0.05 && wh(m) === asks && fits(m)) ?? best;
  }

  /**
   * What the question asks beyond the phrasing it matched ("which bank" on top of "what is HLJ")
   * must be in the card's answer: a telling word or a name the card never mentions means another answer.
   * `close`: the phrasing matched so closely that only names, not words, must be in the card.
   * `slack`: how many telling words the card may leave unsaid (a card that opens with the very detail asked can leave one).
   */
  private cardCovers(card: QaDoc, asked: Map<string, number>, phrasing: Concepts, { standsFor, when }: Pick<Analysis, 'standsFor' | 'when'>, close: boolean, slack = 0): boolean {
    const terms = this.entryTerms(card);
    const named = new Set(card.entities.split(' ').filter(Boolean).map((e) => this.conceptOf(e)));
    // "blamed" is answered by a card that says "attributed".
    const says = (c: string) => terms.has(c) || !!standsFor.get(c)?.some((w) => terms.has(w));
    let unsaid = 0;
    for (const [c, w] of asked) {
      if (c.startsWith('wh:') || when.has(c) || phrasing.some(([p]) => p === c)) continue;
      if (this.entities.has(c) && !named.has(c)) return false;
      if (!this.entities.has(c) && !close && w >= CARD_TELLING_WEIGHT && !says(c) && ++unsaid > slack) return false;
    }
    return true;
  }

  /** Whether a passage speaks of the last turn's subject: its names, or the last question's words. */
  private relatesTo(doc: QaDoc, a: Analysis, last: Turn | undefined): boolean {
    if (!last) return true;
    const terms = this.entryTerms(doc);
    const names = doc.entities.split(' ');
    return last.entities.some((e) => names.includes(e)) || a.previous.some((t) => terms.has(this.vocab.resolve(t) ?? t));
  }

  /** The first of the sentences that says every word asked (typos resolved) and, if a kind of detail is asked, holds one. */
  private sentenceSaying(said: Sentence[], terms: string[], kind?: AnswerKind): Sentence | undefined {
    const own = terms.map((t) => this.vocab.resolve(t) ?? t);
    return said.find((s) => {
      if (kind && !hasAnswerKind(s.text, kind)) return false;
      const says = this.termSet(s.text);
      return own.every((t) => says.has(t));
    });
  }

  /** Says again one sentence of the last answer, the one that answers a follow-up. */
  private retell(key: string, question: string, last: Turn, s: Sentence, c: Citer): QaResult {
    const top = last.topDoc ? this.byId.get(last.topDoc) : undefined;
    // What was just said comes first for the next follow-up: "was he sanctioned?" then "when?" dates the sanction.
    this.memory.set(key, { ...last, question, said: [s, ...(last.said ?? []).filter((x) => x !== s)] });
    // Out of its answer, "It was hit…" needs its subject again.
    const subject = top?.subjectName ?? (last.entities[0] ? this.entities.get(last.entities[0])?.name : undefined);
    // Retold to another question, a card's "Yes:" answers nothing asked.
    const said = whType(question) === 'yesno' ? s.text : withoutYesNo(s.text);
    const text = subject && /^(It|They|This|He|She|Its|Their)\b/.test(said) ? `${subject}: ${said}` : said;
    return { question, answer: c.citeIds(text, s.sources), abstained: false, declined: false, confidence: 'high', citations: c.citations(), related: top ? this.relatedFor(top, last.entities) : [] };
  }

  /** "what does microsoft call DEV-0842 now?", "aka?": every name the pack knows for the thing, then what it is. */
  private otherNames(key: string, question: string, a: Analysis, id: string, c: Citer): QaResult | undefined {
    const entity = this.entities.get(id);
    const profile = this.byEntry.get(id)?.[0];
    if (!entity || !profile) return undefined;
    const others = [...new Set(entity.names)].filter((n) => !` ${normalize(entity.name)} `.includes(` ${normalize(n)} `));
    if (!others.length) return undefined;
    const list = others.length === 1 ? others[0]! : `${others.slice(0, -1).join(', ')} and ${others.at(-1)}`;
    const result = this.answerWith(key, a, c, profile, [], 'high');
    return { ...result, answer: `${entity.name} is also known as ${list}. ${result.answer}` };
  }

  /**
   * "what does OFAC stand for?", and "what's OFAC?" when the answer never says: the long name among the
   * entry's names whose initials make the short one.
   */
  private spelledOut(question: string, doc: QaDoc, answer: string): string | undefined {
    if (!doc.subjectNames) return undefined;
    const asked = /\b(stands?|short) for\b|\b(acronym|abbreviation|initials|full name|spelled out)\b/i.test(question);
    // Unasked, only for "what's OFAC?" itself.
    if (!asked && !/^\W*(what|who)('s|s| is| are| was| were)\s+(the |an? )?[\w-]+\W*$|^\W*[\w-]+\W*$/i.test(question)) return undefined;
    const short = doc.subjectNames.find((n) => /^[A-Z][A-Z0-9&-]{1,7}$/.test(n) && new RegExp(`\\b${n}\\b`, 'i').test(question));
    if (!short) return undefined;
    const initials = (n: string) => n.split(/[\s-]+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('');
    const long = doc.subjectNames.find((n) => n.includes(' ') && initials(n) === short.replace(/[^A-Z]/g, ''));
    const squeezed = (t: string) => t.replace(/\s+/g, '').toLowerCase();
    if (!long || (!asked && squeezed(answer).includes(squeezed(long)))) return undefined;
    return `${short} stands for ${long}.`;
  }

  /** "who is X", "what is X", "X?": the entity's own description. */
  private definitionOf(a: Analysis, strong: string[]): QaDoc | undefined {
    if (a.followUp || strong.length < 1 || !['who', 'what', 'other'].includes(a.wh)) return undefined;
    const names = strong.flatMap((id) => this.entities.get(id)?.names ?? []).map(normalize);
    let rest = ` ${normalize(a.question)} `;
    for (const n of names.sort((x, y) => y.length - x.length)) rest = rest.replace(` ${n} `, ' ');
    // "what role did the FBI play?", "what was Microsoft's part?" ask for the profile too.
    const left = contentTerms(rest).filter((t) => !['anyway', 'exactly', 'actually', 'again', 'mean', 'stand', 'role', 'play', 'part', 'involv', 'involvement'].includes(t));
    if (left.length > 0) return undefined;
    const prefer = a.wh === 'who' ? ['actor', 'term', 'malware'] : a.wh === 'what' ? ['malware', 'term', 'actor'] : ['actor', 'malware', 'term'];
    const asked = normalize(a.question.replace(/^(who|what)('s|s| is| are| was| were)?\s+(the |a |an )?/i, '').replace(/\?+$/, ''));
    // The entity whose own name is what was asked beats one that merely lists it as an alias.
    const fit = (id: string) => {
      const e = this.entities.get(id);
      if (!e) return 3;
      if (normalize(id.split(':')[1]!) === asked || normalize(e.name) === asked) return 0;
      return e.names.some((n) => normalize(n) === asked) ? 1 : 2;
    };
    const ranked = [...strong].sort((x, y) => fit(x) - fit(y) || prefer.indexOf(x.split(':')[0]!) - prefer.indexOf(y.split(':')[0]!));
    const id = ranked[0]!;
    const [kind, key] = id.split(':') as [string, string];
    return this.byEntry.get(`${kind}:${key}`)?.[0];
  }

  private search(a: Analysis, strong: string[]): SearchResult[] {
    const understood = a.expansions.map((t) => processTerm(t) ?? t);
    const own = new Set([...a.terms, ...understood]);
    // A year the question names is handled by the period boost; as a search word it matches half the pack.
    const years = a.period ? (t: string) => /^(19|20)\d{2}$/.test(t) : () => false;
    // Words in a third or more of the pack ("albania", "attack") barely rank anything but make every search walk most
    // of it; the second pass still weighs them. The rarest words stay, so a question of only common words still searches.
    const asked = [...new Set([...a.terms, ...understood, ...a.carried])].filter((t) => !years(t));
    const rare = asked.filter((t) => this.vocab.weight(t) >= COMMON_WEIGHT);
    const query = (rare.length >= 2 ? rare : [...asked].sort((x, y) => this.vocab.weight(y) - this.vocab.weight(x)).slice(0, 2)).join(' ');
    const typed = new Set(a.terms);
    const carried = new Set(a.carried);
    const previous = new Set(a.previous);
    // "how long did it last?": words this common say little; the conversation's subject says more.
    const ownWeight = a.expansions.length > 0 || a.terms.some((t) => this.vocab.weight(t) >= BROAD_WEIGHT);
    const expansions = new Set(understood);
    // "how did rama announce the break?" asks one thing about Rama: his whole profile answers it less well than the passage that says it.
    const bare = this.asksOnlyNames(a);
    const raw = this.index.search(query, {
      // Typos and word endings are only searched for what the person typed and the pack does not spell that way;
      // a known word matches exactly, which also keeps searches fast.
      fuzzy: (term) => (!typed.has(term) || this.vocab.has(term) ? false : term.length >= 8 ? 0.25 : term.length >= 5 ? 0.2 : false),
      prefix: (term) => typed.has(term) && term.length >= 4 && !this.vocab.has(term),
      boostTerm: (term) => (own.has(term) && !expansions.has(term) ? 1 : carried.has(term) ? (ownWeight ? 0.3 : previous.has(term) || !previous.size ? 0.7 : 0.3) : expansions.has(term) ? 0.5 : 1),
    });
    // Document boosts applied once per result, not once per matching term inside the search.
    const boost = (d: QaDoc) => {
      let b = 1;
      if (d.kind === 'card') b *= !bare && this.isProfile(d) ? 1.1 : 1.3;
      if (d.kind === 'actor' && !bare) b *= 0.9;
      if (d.kind === 'overview') b *= 0.8;
      if (a.wh === 'when' && d.kind === 'event') b *= 1.5;
      if (a.wh === 'who' && (d.kind === 'actor' || d.kind === 'fact')) b *= 1.15;
      if (d.subject && strong.includes(d.subject)) b *= a.followUp ? 1.6 : 1.4;
      else if (strong.length && strong.some((e) => d.entities.includes(e))) b *= a.followUp ? 1.4 : 1.15;
      if (a.period) {
        if (d.span) b *= overlaps(d.span, a.period) ? 1.8 : 0.6;
        else b *= (d.years ?? []).some((y) => overlaps([y * 10000 + 101, y * 10000 + 1231], a.period!)) ? 1.3 : 0.75;
      }
      return b;
    };
    // Boosts change a score by a factor of five at most: far down the first ranking, nothing can climb into the top forty.
    const scored = raw.slice(0, 200).map((h) => ({ h, score: h.score * boost(this.byId.get(String(h.id))!) }));
    scored.sort((x, y) => y.score - x.score);
    return this.rerank(scored.slice(0, 40).map(({ h, score }) => ({ ...h, score })), a, strong);
  }

  /**
   * Second pass over the best candidates: how much of what was asked the sentence
   * itself says (rare words weigh more), blended with the first-pass score, so a
   * sentence that answers beats a long paragraph that merely mentions the words.
   */
  private rerank(hits: SearchResult[], a: Analysis, strong: string[]): SearchResult[] {
    const top = hits[0]?.score ?? 0;
    if (!top) return hits;
    const wanted = [...this.wantedTerms(a)];
    const weights = wanted.map((t) => this.vocab.weight(t));
    const total = weights.reduce((n, w) => n + w, 0) + strong.length * 3;
    if (!total) return hits;
    const rescored = hits.map((h) => {
      const d = this.byId.get(String(h.id))!;
      const own = this.ownTerms(d);
      let got = 0;
      wanted.forEach((t, i) => {
        if (own.has(t)) got += weights[i]!;
        // "react" said in the analysts' words ("said", "response") counts, if for less than the word itself.
        else if (a.standsFor.get(t)?.some((x) => own.has(x))) got += weights[i]! / 2;
      });
      for (const e of strong) if (d.subject === e || d.entities.includes(e)) got += 3;
      // A sentence holding the kind of detail asked for (a duration for "how long") is more likely the answer.
      const fits = a.kind && hasAnswerKind(d.text, a.kind) ? 0.12 : 0;
      const elsewhen = a.period && this.datedElsewhen(d, a.period, a.wh !== 'who' && a.wh !== 'why') ? 0.8 : 1;
      // "how did israel react?": a card asked as someone else's reaction (Iran's denial), or what an actor's profile says
      // that actor did, answers another question.
      const otherVoice = a.speakers.length ? this.voiceFits(d, a.speakers) : 1;
      // "what was hit on 9 september": a card asking why gives a reason, not what, when, who or where.
      const reason = this.askedWhy.has(d.id) && ASKS_OTHER_THAN_WHY.has(a.wh) && a.kind !== 'reason' ? 0.9 : 1;
      return { ...h, score: (0.2 * (h.score / top) + 0.8 * (got / total) + fits) * elsewhen * otherVoice * reason };
    });
    return rescored.sort((x, y) => y.score - x.score);
  }

  /**
   * How well a passage can say how the party asked about reacted ("how did israel react?"), as a factor on its score:
   * not at all if it is a card asked as someone else's reaction or an actor's profile of another actor; less if it is a
   * card never asked about that party.
   */
  private voiceFits(d: QaDoc, speakers: string[]): number {
    if (d.kind !== 'card') return d.subject?.startsWith('actor:') && !speakers.includes(`speaker:${this.conceptOf(d.subject)}`) ? 0.5 : 1;
    const names = this.cardNames.get(d.id) ?? new Set<string>();
    const heard = [...names].filter((k) => k.startsWith('speaker:'));
    if (heard.length) return speakers.some((k) => names.has(k)) ? 1 : 0.5;
    return speakers.some((k) => names.has(k.slice('speaker:'.length))) ? 1 : 0.75;
  }

  /** Whether a card's lead sentence holds a duration, a count or an amount asked for ("About 14 months: …"). */
  private opensWith(card: QaDoc, kind: AnswerKind | undefined): boolean {
    return (kind === 'duration' || kind === 'count' || kind === 'amount') && hasAnswerKind(this.entrySentences(card)[0]?.text ?? '', kind);
  }

  /**
   * Whether a passage is dated only outside the period asked about ("in dec 2023"), so answers another time:
   * by its years, and for a day or a month by the days and months its entry names when `byDay`. (Who did
   * something in July, or why, is said in September: not by day, then.)
   */
  private datedElsewhen(d: QaDoc, period: TextPeriod, byDay: boolean): boolean {
    const years = this.entryYears(d);
    if (years.length && !years.some((y) => fitsPeriod(String(y), period))) return true;
    if (!byDay || period.to - period.from >= 100) return false;
    let dates = this.entryDates.get(d.entry);
    if (!dates) this.entryDates.set(d.entry, (dates = datesIn(d.context)));
    return dates.length > 0 && !dates.some((span) => overlaps(span, period));
  }

  /** Whether a passage's entry is an event within the period, or names a year or month within it. */
  private datedIn(doc: QaDoc, period: TextPeriod): boolean {
    if (doc.span) return overlaps(doc.span, period);
    return this.entryYears(doc).some((y) => fitsPeriod(String(y), period));
  }

  /** The years an entry's text names. */
  private entryYears(doc: QaDoc): number[] {
    return this.byEntry.get(doc.entry)?.flatMap((d) => d.years ?? []) ?? [];
  }

  /** Whether a passage's headline holds the word, counting any word for the incident itself ("hack", "attack") as one. */
  private headlineSays(doc: QaDoc, term: string): boolean {
    const title = this.titleTerms(doc);
    return title.has(term) || (INCIDENT.has(term) && [...INCIDENT].some((x) => title.has(x)));
  }

  /** The one event whose headline holds every word asked (an "attack" for a "hack"), if exactly one does. */
  private headlineEvent(a: Analysis): QaDoc | undefined {
    const wanted = [...this.wantedTerms(a)].filter((t) => !/^\d+$/.test(t) && monthIndex(t) === undefined);
    if (wanted.length < 2) return undefined;
    const hits = this.docs.filter((d) => {
      if (d.kind !== 'event' || (a.period && d.span && !overlaps(d.span, a.period))) return false;
      return wanted.every((t) => this.headlineSays(d, t));
    });
    return hits.length === 1 ? hits[0] : undefined;
  }

  /** The case's main incident: of the events whose headline names an attack, the one the most sources report. */
  private mainIncident(): QaDoc | undefined {
    let best: QaDoc | undefined;
    for (const d of this.docs) {
      if (d.kind !== 'event' || !this.headlineSays(d, 'attack')) continue;
      if (!best || d.sources.length > best.sources.length) best = d;
    }
    return best;
  }

  /** A card that answers "who is X?" or "what is X?" and nothing more. */
  private isProfile(card: QaDoc): boolean {
    if (card.profile === undefined) {
      const title = card.title.replace(/^\W*(who|what)('s|s| is| are| was| were)\s+(the |an? )?/i, '');
      const names = this.matcher.find(title).flatMap((id) => this.nameTerms(id));
      card.profile = title !== card.title && contentTerms(title).every((t) => names.includes(t));
    }
    return card.profile;
  }

  /** The words of an entry's labels (title, names, card phrasings), in the pack's spelling. Worked out when first needed: most passages never are. */
  private labelTerms(doc: QaDoc): Set<string> {
    const first = this.byEntry.get(doc.entry)![0]!;
    return (first.labelTerms ??= this.termSet(`${first.title} ${first.names} ${first.questions}`));
  }

  private titleTerms(doc: QaDoc): Set<string> {
    return (doc.titleTerms ??= this.termSet(doc.title));
  }

  /** The passage's own words and its labels; for a card, its phrasings and its answer's lead sentence, not every detail it adds. */
  private ownTerms(doc: QaDoc): Set<string> {
    return (doc.ownTerms ??= new Set([...this.labelTerms(doc), ...this.termSet(doc.text)]));
  }

  /** The words of the passage's whole entry and its labels. */
  private entryTerms(doc: QaDoc): Set<string> {
    const first = this.byEntry.get(doc.entry)![0]!;
    return (first.entryTerms ??= new Set([...this.labelTerms(doc), ...this.termSet(first.context)]));
  }

  private termSet(text: string): Set<string> {
    return new Set(contentTerms(text).map((t) => this.vocab.resolve(t) ?? t));
  }

  /** How much of the question the passage speaks to: the share of its words found in the passage or its entry. */
  private coverage(doc: QaDoc, terms: Set<string>, strong: string[], expansions: string[] = []): number {
    const docTerms = this.entryTerms(doc);
    const list = [...terms];
    if (!list.length) return strong.length ? 1 : 0;
    let hit = 0;
    for (const t of list) {
      if (docTerms.has(t)) hit++;
      else if (t.length >= 5 && [...docTerms].some((d) => d.length >= 5 && (d.startsWith(t) || t.startsWith(d)))) hit++;
    }
    // The analysts' word for what was asked ("attributed" for "behind") counts once.
    if (hit < list.length && expansions.some((e) => docTerms.has(processTerm(e) ?? e))) hit++;
    const share = hit / list.length;
    const entityHit = strong.length ? strong.filter((e) => doc.entities.includes(e)).length / strong.length : 0;
    return strong.length ? Math.max(share, (share + entityHit) / 2) : share;
  }

  private answerWith(key: string, a: Analysis, c: Citer, top: QaDoc, results: SearchResult[], confidence: Confidence): QaResult {
    const composed = this.compose(top, results, this.wantedTerms(a), a);
    // A card's "Yes:" answers its own yes-or-no phrasing; to "what was the summit?" it would answer nothing asked.
    const chosen = a.wh === 'yesno' || a.wh === 'other' || !composed[0] ? composed : [{ ...composed[0], text: withoutYesNo(composed[0].text) }, ...composed.slice(1)];
    const strong = a.entities.filter((e) => !this.genericEntities.has(e));
    // A detail the sources would state outright (a birth date, a hash, a sum paid) is either in the answer or not known.
    const missing = a.wh === 'yesno' || a.kind === 'duration' ? undefined : detailNotGiven(a.question, chosen.map((x) => x.text));
    if (missing) return this.abstain(a.question, `My sources don't give ${missing}.`, this.relatedFor(top, strong));
    const answer = chosen.map((s) => c.citeIds(s.text, s.sources)).join(' ');
    const shownEntries = new Set([top.entry]);
    const pending = results.map((r) => this.byId.get(String(r.id))!).filter((d) => d && !shownEntries.has(d.entry));
    this.memory.set(key, {
      question: a.question,
      // A follow-up keeps the subject it followed up on: "how long did it last?" is still about the deployment.
      terms: a.followUp ? [...new Set([...a.terms, ...a.previous])].slice(0, 12) : a.terms.length ? a.terms : a.carried,
      context: contentTerms(chosen.map((x) => x.text).join(' ')).slice(0, 30),
      said: chosen,
      period: a.period,
      entities: strong.length ? strong : top.entities.split(' ').filter((e) => e && !this.genericEntities.has(e)).slice(0, 2),
      topDoc: top.id,
      shown: [...new Set(results.slice(0, 4).map((r) => this.byId.get(String(r.id))?.entry).filter((e): e is string => !!e && chosen.length > 0)), top.entry],
      pending: [...new Set(pending.map((d) => d.entry))].slice(0, 10),
    });
    return { question: a.question, answer, abstained: false, declined: false, confidence, citations: c.citations(), related: this.relatedFor(top, strong) };
  }

  /** The sentences of a whole entry, with the event date or the subject's name where they need it. */
  private entrySentences(doc: QaDoc): Sentence[] {
    return (doc.sentences ??= this.splitEntry(doc));
  }

  private splitEntry(doc: QaDoc): Sentence[] {
    const sentences = doc.raw ? citedSentences(doc.raw) : (this.byEntry.get(doc.entry) ?? [doc]).map((d) => ({ text: d.text, sources: d.sources }));
    return sentences.map((s, i) => (i === 0 && doc.kind === 'event' ? { ...s, text: `${doc.when}: ${s.text}` } : s));
  }

  private withSubject(doc: QaDoc, s: Sentence): Sentence {
    if (!doc.subjectName || doc.kind === 'event') return s;
    const text = ` ${normalize(s.text)} `;
    const named = (doc.subjectKeys ?? []).some((k) => text.includes(` ${k} `));
    if (named) return s;
    const shown = doc.subjectRole && !normalize(s.text).includes(normalize(doc.subjectRole)) ? doc.subjectRole : undefined;
    // "Edi Rama, Prime Minister of Albania (Socialist Party):" reads better than brackets within brackets.
    const role = !shown ? '' : shown.includes('(') || doc.subjectName.includes('(') ? `, ${shown}` : ` (${shown})`;
    return { ...s, text: `${doc.subjectName}${role}: ${s.text}` };
  }

  /** One to four sentences: the best of the top passage and its neighbour, then what other passages add. */
  private compose(top: QaDoc, results: SearchResult[], terms: Set<string>, a: Analysis): Sentence[] {
    const score = (s: string) => {
      const ts = new Set(contentTerms(s).map((t) => this.vocab.resolve(t) ?? t));
      let n = 0;
      for (const t of terms) if (ts.has(t)) n += 1;
      for (const t of a.expansions) if (ts.has(processTerm(t) ?? t)) n += 0.3;
      if (a.kind && hasAnswerKind(s, a.kind)) n += 0.5;
      return n;
    };
    const pick = (doc: QaDoc, max: number): Sentence[] => {
      if (doc.kind === 'card') return this.entrySentences(doc).slice(0, MAX_SENTENCES);
      if (doc.kind === 'event') return this.entrySentences(doc).slice(0, Math.min(2, max));
      const all = this.entrySentences(doc);
      const i = doc.pos;
      const out: { s: Sentence; i: number }[] = [{ s: all[i]!, i }];
      const isDefinition = doc.kind === 'actor' || doc.kind === 'term' || doc.kind === 'malware';
      if (isDefinition && i > 0 && (a.wh === 'who' || a.wh === 'what')) out.unshift({ s: all[0]!, i: 0 });
      const next = all[i + 1];
      if (out.length < max && next && (all[i]!.text.length < 110 || score(next.text) > 0)) out.push({ s: next, i: i + 1 });
      return out.slice(0, max).map((o) => this.withSubject(doc, o.s));
    };
    const out: Sentence[] = pick(top, 3);
    const used = new Set([top.entry]);
    const covered = new Set(out.flatMap((s) => contentTerms(s.text)));
    const topScore = results[0]?.score ?? 0;
    for (const r of results.slice(1, 6)) {
      if (out.length >= MAX_SENTENCES || out.reduce((n, s) => n + s.text.length, 0) > MAX_ANSWER_CHARS * 0.55) break;
      if (r.score < topScore * 0.7) break;
      const doc = this.byId.get(String(r.id))!;
      if (used.has(doc.entry) || doc.kind === 'overview') continue;
      const extra = pick(doc, 1)[0];
      if (!extra) continue;
      const fresh = contentTerms(extra.text).filter((t) => terms.has(t) && !covered.has(t));
      if (!fresh.length) continue;
      used.add(doc.entry);
      out.push(extra);
      contentTerms(extra.text).forEach((t) => covered.add(t));
    }
    let total = 0;
    return out.slice(0, MAX_SENTENCES).filter((s, i) => (total += s.text.length) <= MAX_ANSWER_CHARS || i === 0);
  }

  private continueFrom(key: string, question: string, last: Turn, c: Citer): QaResult {
    const top = last.topDoc ? this.byId.get(last.topDoc) : undefined;
    const shown = new Set(last.shown);
    // First the rest of the same family (the section's next paragraphs, the actor's other facts), then the next-ranked passages.
    const family = top ? [...this.byEntry.keys()].filter((e) => this.byEntry.get(e)![0]!.family === top.family && !shown.has(e) && e !== top.entry) : [];
    const after = top ? family.filter((e) => e > top.entry) : [];
    // After a card or a definition, the profile and dated events of what was asked about.
    const about = last.entities.flatMap((id) => [
      ...[...this.byEntry.keys()].filter((e) => this.byEntry.get(e)![0]!.family === id),
      ...[...this.byEntry.values()].filter((l) => l[0]!.kind === 'event' && l[0]!.entities.split(' ').includes(id)).map((l) => l[0]!.entry),
    ]);
    const candidates = [...after, ...family, ...last.pending, ...about].filter((e) => !shown.has(e) && e !== top?.entry);
    const nextEntry = candidates[0];
    const next = nextEntry ? this.byEntry.get(nextEntry)?.[0] : undefined;
    if (!next) return this.abstain(question, "That's all I have on it. Try /brief for the whole story, or ask about another part.", top ? this.relatedFor(top, last.entities) : []);
    const sentences = this.entrySentences(next).slice(0, 3).map((s) => this.withSubject(next, s));
    const text = sentences.map((s) => c.citeIds(s.text, s.sources)).join(' ');
    this.memory.set(key, { ...last, topDoc: next.id, shown: [...last.shown, next.entry], pending: last.pending.filter((e) => e !== next.entry) });
    return { question, answer: text, abstained: false, declined: false, confidence: 'medium', citations: c.citations(), related: this.relatedFor(next, last.entities) };
  }

  private eventsIn(p: TextPeriod): QaDoc[] {
    return this.docs.filter((d) => d.kind === 'event' && d.span && overlaps(d.span, p));
  }

  /** The dated event a phrase names ("the embassy closed", "the july attack"), if one covers most of its words. */
  private eventNamed(phrase: string): QaDoc | undefined {
    const terms = contentTerms(phrase);
    if (!terms.length) return undefined;
    const hits = this.index.search(terms.join(' '), { fuzzy: 0.2, prefix: true, filter: (r) => this.byId.get(String(r.id))?.kind === 'event' });
    const wanted = new Set(terms.map((t) => this.vocab.resolve(t) ?? t));
    // Of the closest few that say most of it, the most widely reported: "the july attack" is the attack, not a note on its date.
    const close = hits
      .slice(0, 3)
      .map((h) => this.byId.get(String(h.id))!)
      .filter((d) => d.span && this.coverage(d, wanted, []) >= 0.6);
    return close.reduce<QaDoc | undefined>((best, d) => (!best || d.sources.length > best.sources.length ? d : best), undefined);
  }

  private intervalBetween(question: string, [one, other]: [string, string], c: Citer): { result: QaResult; said: Sentence[] } | undefined {
    const x = this.eventNamed(one);
    const y = this.eventNamed(other);
    if (!x?.span || !y?.span || x === y) return undefined;
    const [first, second] = x.span[0] <= y.span[0] ? [x, y] : [y, x];
    const days = Math.round((dayOf(second.span![0]) - dayOf(first.span![0])) / 86_400_000);
    // Dates given to the day compare to the day; a month or a year only roughly.
    const exact = first.span![0] === first.span![1] && second.span![0] === second.span![1];
    const rough = days < 60 ? `${Math.round(days / 7)} weeks` : days < 730 ? `${Math.round(days / 30.44)} months` : `${Math.round(days / 365.25)} years`;
    const lead = !exact ? `About ${rough} passed between them.` : days === 0 ? 'Both happened on the same day.' : days === 1 ? 'One day passed between them.' : `${days} days${days < 14 ? '' : `, about ${rough},`} passed between them.`;
    const said: Sentence[] = [
      { text: lead, sources: [] },
      { text: `${first.when}: ${first.title.replace(/\.$/, '')}.`, sources: first.sources },
      { text: `${second.when}: ${second.title.replace(/\.$/, '')}.`, sources: second.sources },
    ];
    const answer = said.map((s) => (s.sources.length ? c.citeIds(s.text, s.sources) : s.text)).join(' ');
    const result: QaResult = { question, answer, abstained: false, declined: false, confidence: 'high', citations: c.citations(), related: this.relatedFor(first, []) };
    return { result, said };
  }

  /** Two named things compared: the opening sentence of each one's own entry, cited. */
  private comparison(question: string, c: Citer): { result: QaResult; said: Sentence[] } | undefined {
    const parts = comparisonAsked(question);
    if (!parts) return undefined;
    const [x, y] = parts.map((p) => this.matcher.find(p).find((e) => !this.genericEntities.has(e) && this.byEntry.has(e)));
    if (!x || !y || this.conceptOf(x) === this.conceptOf(y)) return undefined;
    const entries = [this.byEntry.get(x)![0]!, this.byEntry.get(y)![0]!];
    const said = entries.flatMap((d) => this.entrySentences(d).slice(0, 1).map((s) => this.withSubject(d, s)));
    if (said.length < 2) return undefined;
    const answer = said.map((s) => c.citeIds(s.text, s.sources)).join(' ');
    const related = [x, y].map((id) => this.entities.get(id)!).map((e) => `More on ${e.name}: ${e.command}`);
    return { result: { question, answer, abstained: false, declined: false, confidence: 'high', citations: c.citations(), related }, said };
  }

  private relativeEvents(direction: 'after' | 'before', phrase: string): { events: QaDoc[]; label: string; command: string } | undefined {
    const anchor = this.eventNamed(phrase);
    if (!anchor?.span) return undefined;
    const events = this.docs.filter((d) => d.kind === 'event' && d.span && (direction === 'after' ? d.span[0] > anchor.span![1] : d.span[1] < anchor.span![0]));
    const picked = direction === 'after' ? events.slice(0, 4) : events.slice(-4);
    const month = String(Math.floor(anchor.span[0] / 100));
    return { events: picked, label: `${direction} "${anchor.title.replace(/\.$/, '')}" (${anchor.when})`, command: `/timeline ${month.slice(0, 4)}-${month.slice(4)}` };
  }

  private eventList(question: string, events: QaDoc[], label: string, c: Citer, command: string): QaResult {
    // Before or after a point, the events closest to it matter most; within a period, the most widely reported
    // (most sources), told in date order.
    const relative = /^(before|after|since)\b/.test(label);
    const shown = relative
      ? /^before\b/.test(label)
        ? events.slice(-4)
        : events.slice(0, 4)
      : events
          .map((d, i) => ({ d, i }))
          .sort((x, y) => y.d.sources.length - x.d.sources.length || x.i - y.i)
          .slice(0, 4)
          .sort((x, y) => x.i - y.i)
          .map((x) => x.d);
    const lines = shown.map((d) => {
      const first = this.entrySentences(d)[0];
      return c.citeIds(first?.text ?? d.title, first?.sources ?? d.sources);
    });
    const more = events.length > shown.length ? ` (${events.length} events in all; the rest are in the timeline.)` : '';
    const intro = /^(after|before|since)\b/.test(label) ? label : /^(Christmas|New Year)/.test(label) ? `around ${label}` : /^\d{1,2} /.test(label) ? `on ${label}` : `in ${label}`;
    return {
      question,
      answer: `${shown.length === 1 ? 'One event' : 'Key events'} ${intro}: ${lines.join(' ')}${more}`,
      abstained: false,
      declined: false,
      confidence: 'high',
      citations: c.citations(),
      related: [`See the timeline: ${command}`],
    };
  }

  /** The short overview, remembered with the sentences it said, so "when?" after it dates what it said. */
  private overviewAnswer(key: string, a: Analysis, c: Citer): QaResult {
    const text = c.cite(this.pack.overview.short);
    const result: QaResult = { question: a.question, answer: text, abstained: false, declined: false, confidence: 'medium', citations: c.citations(), related: ['The full overview: /brief', 'Key dates: /timeline', 'All commands: /help'] };
    return this.remember(key, a, result, citedSentences(this.pack.overview.short));
  }

  /** `said`: the sentences answered, for follow-ups ("when?" after the overview dates what it said). */
  private remember(key: string, a: Analysis, result: QaResult, said?: Sentence[]): QaResult {
    this.memory.set(key, { question: a.question, terms: a.terms, context: [], entities: a.entities.filter((e) => !this.genericEntities.has(e)), shown: [], pending: [], period: a.period, said });
    return result;
  }

  private relatedFor(doc: QaDoc, entities: string[]): string[] {
    const out: string[] = [];
    if (doc.more) out.push(`${doc.more.label}: ${doc.more.command}`);
    for (const id of entities) {
      const e = this.entities.get(id);
      if (e && !out.some((o) => o.endsWith(e.command))) out.push(`More on ${e.name}: ${e.command}`);
    }
    const section = doc.family.startsWith('section:') ? doc.family.slice(8) : undefined;
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
      related: ['The overview: /brief', 'Key dates: /timeline', 'All commands: /help'],
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

/** A date written as 20220715, as a time. */
function dayOf(date: number): number {
  return Date.UTC(Math.floor(date / 10000), (Math.floor(date / 100) % 100) - 1, date % 100);
}

/** Made once: a pattern written in a function is a new object at every call. */
const YEAR = /\b(19|20)\d{2}\b/g;

function yearsIn(text: string): number[] {
  return (text.match(YEAR) ?? []).map(Number);
}

/** Chat mention syntax, which says whom a message is for, not what it asks: Slack's <@U…>, <!here>, <#C…|name>; Discord's <@…>, <#…>, @everyone. */
const MENTIONS = /<[@#!][^<>\s]{0,80}>|(?<![\w.])@(everyone|here|channel)\b/gi;

/** Control characters and mentions out, whitespace folded, length bounded. */
function clean(q: string): string {
  const t = q
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, ' ')
    .replace(MENTIONS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...t].slice(0, MAX_QUESTION).join('');
}

/** Whether a span of dates written as 20220715 shares a day with the period. */
function overlaps([from, to]: readonly [number, number], period: TextPeriod): boolean {
  return to >= period.from && from <= period.to;
}

/** Whether a word that names a year or a month ("2022", "july") can fall within the period; other words always do. */
function fitsPeriod(word: string, period: TextPeriod): boolean {
  const from = Math.floor(period.from / 10000);
  const to = Math.floor(period.to / 10000);
  if (/^(19|20)\d{2}$/.test(word)) return Number(word) >= from && Number(word) <= to;
  const m = monthIndex(word);
  if (m === undefined) return true;
  for (let y = from; y <= to; y++) if (overlaps([y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31], period)) return true;
  return false;
}

/** "Yes, it was postponed: …" → "It was postponed: …"; "No: the declaration…" → "The declaration…". */
function withoutYesNo(text: string): string {
  // The word alone, then a comma, a colon or a dash: "No-Justice is…" is a name and "No ransom demand was…" says no, not answers.
  const rest = text.replace(/^(yes|no)(?:[,:]|\s+[—–-])\s+(as far as is known[:,]\s*)?/i, '');
  return rest === text || !rest ? text : rest[0]!.toUpperCase() + rest.slice(1);
}
