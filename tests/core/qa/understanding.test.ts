import { describe, expect, it } from 'vitest';
import { ConversationMemory } from '../../../src/core/qa/memory.js';
import { answerKind, attackTarget, asksOtherNames, comparisonAsked, datesIn, detailNotGiven, findPeriod, findRelative, hasAnswerKind, intervalAsked, officeAsked, saysOffice, speakerPhrase, plainQuestion, whType, withoutIdioms, withoutPreamble } from '../../../src/core/qa/question.js';
import { asksAboutUnknownThing, asksForOpinion, isOtherLanguage } from '../../../src/core/qa/scope.js';
import { contentTerms, stem, words } from '../../../src/core/qa/text.js';
import { normalize } from '../../../src/core/briefing/names.js';
import { expand } from '../../../src/core/qa/synonyms.js';
import { Vocabulary } from '../../../src/core/qa/vocabulary.js';
import { isEnglishTypo } from '../../../src/core/qa/english.js';

describe('question kinds', () => {
  it('reads what kind of detail a question wants', () => {
    expect(answerKind('how long did the diplomats have to leave?')).toBe('duration');
    expect(answerKind('how many services went offline')).toBe('count');
    expect(answerKind('how much did the recovery cost')).toBe('amount');
    expect(answerKind('how far is the camp from tirana')).toBe('distance');
    expect(answerKind('TIMS attack date')).toBe('date');
    expect(answerKind('what day of the week did it start')).toBe('weekday');
    expect(answerKind('why did they hit albania again')).toBe('reason');
    expect(answerKind('who is edi rama')).toBeUndefined();
  });

  it('recognises the detail in a sentence', () => {
    expect(hasAnswerKind('Staff had 24 hours to leave.', 'duration')).toBe(true);
    expect(hasAnswerKind('Staff left the building.', 'duration')).toBe(false);
    expect(hasAnswerKind('A backdoor used since at least 2012.', 'duration')).toBe(true);
    expect(hasAnswerKind('Once, after the attacks of 11 September 2001.', 'count')).toBe(true);
    expect(hasAnswerKind('Iran had had no ambassador in Tirana since 2017.', 'duration')).toBe(false);
    expect(hasAnswerKind('The camp lies about 30 km west of Tirana.', 'distance')).toBe(true);
    expect(hasAnswerKind('The camp lies west of Tirana.', 'distance')).toBe(false);
    expect(hasAnswerKind('It spent €186 million on tenders.', 'amount')).toBe(true);
    // A day of a month or a year is no count.
    expect(hasAnswerKind('About ten people left.', 'count')).toBe(true);
    expect(hasAnswerKind('On 7 September 2022 Rama spoke.', 'count')).toBe(false);
    expect(hasAnswerKind('It was likely retaliation for the break.', 'reason')).toBe(true);
  });

  it('treats date fragments as "when" questions', () => {
    expect(whType('e-albania outage date')).toBe('when');
    expect(whType('which year did the MEK move to albania')).toBe('when');
    expect(whType('who did it')).toBe('who');
    // A leading "why" outranks a "when" later in the question.
    expect(whType('why did the second attack happen when it did')).toBe('why');
    expect(answerKind('why did the second attack happen when it did')).toBe('reason');
    // As chat spells them.
    expect(whType('whos esmail khatib')).toBe('who');
    expect(whType('wat is hlj')).toBe('what');
    expect(whType('wen did albania cut ties')).toBe('when');
    expect(whType('were the hackers identified')).toBe('yesno');
  });

  it('gives a word and its inflections one term', () => {
    expect(stem('decided')).toBe(stem('decide'));
    expect(stem('reaction')).toBe(stem('reacted'));
    expect(stem('attribution')).toBe(stem('attributed'));
    // Five letters ending in "e": "blame" and "blamed", "state" and "stated".
    expect(stem('blame')).toBe(stem('blamed'));
    expect(stem('state')).toBe(stem('stated'));
    expect(stem('hits')).toBe(stem('hit'));
    expect(stem('plus')).toBe('plus');
    expect(stem('mois')).toBe('mois');
    expect(stem('attacks')).toBe('attack');
    expect(stem('iran')).toBe('iran');
  });

  it('drops set phrases and expands chat shorthand', () => {
    expect(withoutIdioms('how did they get in in the first place?')).not.toMatch(/first place/);
    expect(withoutIdioms('how long has chimneysweep been around')).not.toMatch(/around/);
    expect(contentTerms(withoutIdioms('what kind of malware was used'))).toEqual(['malware', 'used'].map(stem));
    expect(contentTerms('albania govt hack')).toContain('government');
    expect(contentTerms('wait so who did it lol')).toEqual([]);
    expect(contentTerms('did the uk sanction anyone')).toEqual(['uk', stem('sanction')]);
  });

  it('understands everyday phrasings in the analysts\' words', () => {
    expect(expand('who did washington pin it on').flatMap(([, words]) => words)).toContain('attributed');
    expect(expand('what is the MEK trying to achieve').flatMap(([, words]) => words)).toContain('aims');
    expect(expand('what did the MEK do in 2019')).toEqual([]);
    // Working again is a recovery; attacking again is a later wave.
    const words = (q: string) => expand(q).flatMap(([, w]) => w);
    expect(words('how long until e-albania was working again')).toContain('restored');
    expect(words('how long until e-albania was working again')).not.toContain('waves');
    expect(words('did they attack again')).toContain('waves');
    expect(expand('was russia involved').flatMap(([, words]) => words)).toContain('attribution');
    expect(expand("was akshi's boss fired").flatMap(([, words]) => words)).toEqual(expect.arrayContaining(['resigned', 'director']));
  });

  it('splits a long passage into the words folding gives', () => {
    const long = `${'The “Manëz” camp — near Durrës, ~30 km west; ÇA VA! '.repeat(5)}ایران 𝒜`;
    expect(long.length).toBeGreaterThan(160);
    expect(words(long)).toEqual(normalize(long).split(' '));
    expect(words('x'.repeat(200))).toEqual(['x'.repeat(200)]);
    expect(words(`${'-'.repeat(200)}`)).toEqual([]);
  });

  it('reads "2nd" before a noun as "second", and leaves dates alone', () => {
    expect(contentTerms('when was the 2nd attack')).toEqual(['second', 'attack']);
    expect(contentTerms('the 3RD wave')).toEqual(['third', 'wave']);
    expect(contentTerms('what happened on the 2nd of september')).toContain('2nd');
    expect(contentTerms('what happened sept 2nd')).toContain('2nd');
  });
});

describe('details the sources would state outright', () => {
  it('names what is missing only when it is asked for and absent', () => {
    expect(detailNotGiven('when was rama born?', ['Edi Rama was prime minister in 2022.'])).toBe('that personal detail');
    expect(detailNotGiven('when was rama born?', ['Edi Rama was born in 1964.'])).toBeUndefined();
    expect(detailNotGiven('how much did AKSHI spend on tenders?', ['AKSHI spent at least €186 million.'])).toBeUndefined();
    expect(detailNotGiven('md5 of the wiper', ['ZeroCleare abuses the RawDisk driver.'])).toBe('file hashes for that');
    expect(detailNotGiven('who did it?', ['Iran, according to the US.'])).toBeUndefined();
    expect(detailNotGiven('how many GB did they take?', ['Mostly email.'])).toBe('the amount of data taken');
    expect(detailNotGiven('how many GB did they take?', ['About 800 GB was offered for sale.'])).toBeUndefined();
    expect(detailNotGiven('exactly how many megabytes did they exfiltrate', ['Mostly email.'])).toBe('the amount of data taken');
    expect(detailNotGiven('what are the real names of the people behind homeland justice', ['HomeLand Justice is a persona.'])).toBe('the names of those people');
    expect(detailNotGiven('what was the password on the service account', ['A misconfigured service account.'])).toBe('passwords or other credentials');
    expect(detailNotGiven('did they use password spraying', ['They used Mimikatz.'])).toBeUndefined();
    expect(detailNotGiven('what are the other names of homeland justice', ['HLJ.'])).toBeUndefined();
    expect(detailNotGiven("what's the username of the service account", ['A service account.'])).toBe('passwords or other credentials');
    expect(detailNotGiven('what is the name of the hacker who wrote zerocleare', ['ZeroCleare is a wiper.'])).toBe('the names of those people');
    // The name of a thing the hackers did something to is not theirs.
    expect(detailNotGiven('what was the name of the albanian system the hackers broke into first', ['A SharePoint server.'])).toBeUndefined();
    expect(detailNotGiven('what was the exact time the first server went down', ['On 15 July 2022 systems went down.'])).toBe('the time of day');
    expect(detailNotGiven('what was the exact time the second attack began', ['It began on the evening of 9 September.'])).toBeUndefined();
    expect(detailNotGiven('how much did microsoft charge albania', ['Microsoft helped Albania.'])).toBe('a sourced figure for that');
    // Being in charge, or charged with a crime, is no fee.
    expect(detailNotGiven('who was in charge of akshi', ['AKSHI runs the government IT.'])).toBeUndefined();
    expect(detailNotGiven('were the hackers charged', ['No one was named.'])).toBeUndefined();
    expect(detailNotGiven('who is the ceo of microsoft', ['Microsoft named four clusters.'])).toBe('the name of the CEO of Microsoft');
    expect(detailNotGiven('what bank account did the hackers use', ['They used web shells.'])).toBe('financial details of that kind');
    expect(detailNotGiven('what was the exact number of mek members', ['About 3,000 members live there.'])).toBeUndefined();
    expect(detailNotGiven('what was the exact number of servers hit', ['Servers were hit in July 2022.'])).toBe('an exact figure for that');
    expect(detailNotGiven('name of the microsoft engineer who led it', ['Microsoft DART led it.'])).toBe('the names of those people');
  });

  it('reads a day written without its year as one in the year given for its month', () => {
    const busiest = () => 2022;
    expect(findPeriod('what happened on sept 7', busiest)).toMatchObject({ from: 20220907, to: 20220907, label: '7 September 2022' });
    expect(findPeriod('anything on the 9th of september?', busiest)).toMatchObject({ from: 20220909, to: 20220909 });
    expect(findPeriod('what happened on 9 september 2023', busiest)).toMatchObject({ from: 20230909 });
    expect(findPeriod('what happened on sept 7', () => undefined)).toBeUndefined();
    expect(findPeriod('what happened on sept 45', busiest)).toBeUndefined();
  });

  it('reads dates written in numbers, day or month first', () => {
    const months = (m: number) => (m === 7 || m === 9 ? 2022 : undefined);
    expect(findPeriod('which ministry was the target of the 9/9/2022 cyberattack', months)).toMatchObject({ from: 20220909, to: 20220909 });
    expect(findPeriod('who switched the systems off on 17.07.2022?', months)).toMatchObject({ from: 20220717, label: '17 July 2022' });
    // Only one reading is a date, or only one falls in a month the case has events in.
    expect(findPeriod('what happened on 7/15/2022', months)).toMatchObject({ from: 20220715 });
    expect(findPeriod('what happened on 3/7/22', months)).toMatchObject({ from: 20220703 });
    expect(findPeriod('what happened on 7/3/22', months)).toMatchObject({ from: 20220703 });
    expect(findPeriod('what happened on 31/31/2022', months)).toMatchObject({ label: '2022' });
  });

  it('reads a season of a year', () => {
    expect(findPeriod('how long did it take to get e-albania working again after the summer 2022 hack?', () => undefined)).toMatchObject({ from: 20220601, to: 20220831, label: 'summer 2022' });
    expect(findPeriod('anything in the autumn of 2023', () => undefined)).toMatchObject({ from: 20230901, to: 20231131 });
  });

  it('reads "before the 2022 hacks" as before that year', () => {
    expect(findPeriod('did albania expel iranian diplomats even BEFORE the 2022 hacks', () => undefined)).toMatchObject({ from: 0, to: 20211231, label: 'before 2022' });
    expect(findPeriod('what happened after the 2022 attacks', () => undefined)).toMatchObject({ from: 20220101, to: 20221231 });
  });

  it('finds the days and months a text dates things to', () => {
    expect(datesIn('On the evening of Friday 9 September 2022 a second attack hit; attacks on 24–25 December 2023 and in July 2022.')).toEqual([
      [20220909, 20220909],
      [20231224, 20231225],
      [20220701, 20220731],
    ]);
    expect(datesIn('In 2021 and on 31 February 2022.')).toEqual([]);
  });

  it('finds the two things a question compares', () => {
    expect(comparisonAsked("whats the difference between ransomware and a wiper?")).toEqual(['ransomware', 'a wiper']);
    expect(comparisonAsked('roadsweep vs zerocleare')).toEqual(['roadsweep', 'zerocleare']);
    expect(comparisonAsked('how is the MEK different from the PMOI?')).toEqual(['the MEK', 'the PMOI']);
    expect(comparisonAsked('compare mandiant and microsoft')).toEqual(['mandiant', 'microsoft']);
    expect(comparisonAsked('what happened between the july attack and the break')).toBeUndefined();
  });

  it('reads a question about the time between two things', () => {
    expect(intervalAsked('how long between the july attack and albania cuting ties')).toEqual(['the july attack', 'albania cuting ties']);
    expect(intervalAsked('how many days after the first attack did albania cut ties?')).toEqual(['the first attack', 'albania cut ties']);
    expect(intervalAsked('how long was it from the first attack to the sanctions')).toEqual(['the first attack', 'the sanctions']);
    expect(intervalAsked('how long did the attack last')).toBeUndefined();
  });

  it('reads who holds an office, and whether a sentence names that office in that place', () => {
    expect(officeAsked('who is the president of albania?')).toEqual({ office: 'president', place: 'albania' });
    expect(officeAsked("who's iran's foreign minister")).toEqual({ office: 'foreign minister', place: 'iran' });
    expect(officeAsked('who attacked albania')).toBeUndefined();
    const fm = officeAsked("who's iran's foreign minister")!;
    expect(saysOffice(fm, "Hossein Amir-Abdollahian, Iran's foreign minister, thanked Turkey.")).toBe(true);
    expect(saysOffice(fm, 'Roll called Albanian Foreign Minister Olta Xhaçka about Iran.')).toBe(false);
    expect(saysOffice(officeAsked('who is the prime minister of albania')!, 'Edi Rama was Albania’s prime minister.')).toBe(true);
    expect(detailNotGiven('who is the president of albania', ['President Masoud Pezeshkian retained Khatib.'])).toBe('the name of the president of Albania');
  });

  it('finds a clause that says when, but not an attack "going after" something', () => {
    expect(findRelative('what happened after the embassy closed?')).toEqual({ direction: 'after', phrase: 'the embassy closed' });
    expect(findRelative('HLJ went after a bank too')).toBeUndefined();
  });

  it('finds what an attack is said to have been on', () => {
    expect(attackTarget("predatory sparrow's attack on iranian steel plants")).toBe('iranian steel plants');
    expect(attackTarget("what did they do to israel's water facilities")).toBe("israel's water facilities");
    expect(attackTarget('who attacked albania')).toBeUndefined();
    expect(attackTarget("how did russia hack ukraine's power grid")).toBe("ukraine's power grid");
    // A date after the verb says when, not what.
    expect(attackTarget('which telecom company got hacked on 25 dec 2023')).toBeUndefined();
    expect(attackTarget('what was attacked on december 25')).toBeUndefined();
    expect(attackTarget('the attack on decorated websites')).toBe('decorated websites');
  });

  it('sets aside who is asking and why, but not the question', () => {
    expect(withoutPreamble("i'm a sysadmin at a ministry, what vulnerability did they exploit?")).toBe('what vulnerability did they exploit?');
    expect(withoutPreamble('for my thesis on cyber norms: who attributed the attack?')).toBe('who attributed the attack?');
    expect(withoutPreamble('students here: what is the MEK?')).toBe('what is the MEK?');
    expect(withoutPreamble('explain like im 12: what is NATO article 5')).toBe('what is NATO article 5');
    // A guess tacked on after the question only names a possibility.
    expect(plainQuestion('how did rama announce the break with iran, was it a speech in parliament?')).toBe('how did rama announce the break with iran?');
    expect(plainQuestion('who switched the systems off - was it the hackers themselves??')).toBe('who switched the systems off?');
    expect(plainQuestion('was it iran?')).toBe('was it iran?');
    expect(plainQuestion('how long was it down')).toBe('how long was it down');
    expect(withoutPreamble("eli5 - who is the MEK")).toBe('who is the MEK');
    expect(withoutPreamble('as a result of the attack, what went offline?')).toBe('as a result of the attack, what went offline?');
  });

  it('finds who is asked about as reacting or speaking', () => {
    expect(speakerPhrase('how did tehran react to being blamed')).toBe('tehran');
    // "The" stays: in lower case "the us" is the United States, "us" alone is not.
    expect(speakerPhrase('what did the UK say about it')).toBe('the UK');
    expect(speakerPhrase('what did the us do in response')).toBe('the us');
    expect(speakerPhrase('what did albania do in response')).toBe('albania');
    expect(plainQuestion('what did albania do about it')).toBe('what did albania do in response');
    expect(speakerPhrase("iran's reaction to the sanctions")).toBe('iran');
    expect(speakerPhrase('who did iran blame for the break')).toBe('iran');
    expect(speakerPhrase('who attacked albania')).toBeUndefined();
  });

  it('recognises questions about other names', () => {
    expect(asksOtherNames('what does microsoft call it now?')).toBe(true);
    expect(asksOtherNames('DEV-0842 aka?')).toBe(true);
    expect(asksOtherNames("what's microsoft calling it now")).toBe(true);
    expect(asksOtherNames('what did microsoft say about it?')).toBe(false);
  });
});

describe('questions about another incident', () => {
  const unknown = (w: string) => !['albania', 'july', 'attack', 'ransomware', 'was'].includes(w);
  it('takes an unknown word before an incident word as the name of another one, unless it is a slip of ordinary English', () => {
    expect(asksAboutUnknownThing('what was the solarwinds attack', unknown)).toBe(true);
    expect(asksAboutUnknownThing('tell me about the colonial pipeline attack', unknown)).toBe(true);
    expect(asksAboutUnknownThing('was the july albania attack actualy ransomware or something worse', unknown)).toBe(false);
  });
});

describe('opinions and predictions', () => {
  it.each(['will iran attack albania again next year?', 'what do you think of rama', 'should nato have invoked article 5', 'give me your prediction', 'which is better, crowdstrike or defender?', "rate iran's hackers vs russia's out of 10", 'who is more dangerous, iran or russia', 'who is the best hacker in the world'])(
    'spots %s',
    (q) => expect(asksForOpinion(q)).toBe(true),
  );

  it.each(['what did rama say about article 5', 'did albania invoke article 5?', 'who will be sanctioned under EO 13694 according to OFAC', 'what did the NSC say the US will do', 'how did microsoft rate its confidence', 'what score did the cvss give the exchange flaw'])(
    'lets %s through',
    (q) => expect(asksForOpinion(q)).toBe(false),
  );
});

describe('ConversationMemory', () => {
  const turn = { question: 'q', terms: [], context: [], entities: [], shown: [], pending: [] };

  it('forgets a conversation after its time to live', () => {
    let now = 0;
    const m = new ConversationMemory(10, 1000, () => now);
    m.set('a', turn);
    now = 999;
    expect(m.get('a')).toBeDefined();
    now = 2001;
    expect(m.get('a')).toBeUndefined();
  });

  it('keeps at most its bound, dropping the least recently written first', () => {
    const m = new ConversationMemory(2);
    m.set('a', turn);
    m.set('b', turn);
    m.set('a', turn);
    m.set('c', turn);
    expect(m.size).toBe(2);
    expect(m.get('b')).toBeUndefined();
    expect(m.get('a')).toBeDefined();
  });
});

describe('Vocabulary', () => {
  const vocab = new Vocabulary(new Map([['steal', 3], ['sharepoint', 2], ['embassy', 5], ['take', 4], ['sampl', 2]]), 40);

  it('reads a small typo as the pack\'s word, but a real English word as itself', () => {
    expect(vocab.resolve('sharepiont')).toBe('sharepoint');
    expect(vocab.resolve('embasy')).toBe('embassy');
    // Two neighbouring letters swapped is one slip.
    expect(vocab.resolve('emabssy')).toBe('embassy');
    // A four-letter word allows a swap only.
    expect(vocab.resolve('tkae')).toBe('take');
    expect(vocab.resolve('tale')).toBeUndefined();
    expect(vocab.resolve('steel')).toBeUndefined();
    expect(vocab.classify('steel')).toBe('unknown');
    // Terms come stemmed: "simpl" is "simple", an English word, not a slip for "sample".
    expect(vocab.resolve('simpl')).toBeUndefined();
  });
});

describe('isEnglishTypo', () => {
  it('recognises ordinary words with one slip, but not names', () => {
    expect(isEnglishTypo('actualy')).toBe(true);
    expect(isEnglishTypo('relatons')).toBe(true);
    expect(isEnglishTypo('teh')).toBe(false);
    expect(isEnglishTypo('wannacry')).toBe(false);
    expect(isEnglishTypo('aramco')).toBe(false);
  });
});

describe('questions in other languages written in Latin script', () => {
  it.each(['Kush e sulmoi Shqipërinë në korrik 2022?', 'kur u prenë marrëdhëniet me Iranin', '¿Quién atacó a Albania?', 'Wer hat Albanien angegriffen?', "qui a attaqué l'Albanie"])(
    'spots %s',
    (q) => expect(isOtherLanguage(q)).toBe(true),
  );

  it.each(['who attacked albania', 'what did the kush say', 'was the MEK in Manëz, Durrës?', 'qui'])('lets %s through', (q) => expect(isOtherLanguage(q)).toBe(false));
});
