import { dateSpan, formatDate, monthIndex, parsePartialDate } from '../content/dates.js';

export type Wh = 'who' | 'what' | 'when' | 'where' | 'why' | 'how' | 'yesno' | 'other';

/** "when…", "what year…", "TIMS attack date": a question asking for a date (lower case). */
const ASKS_DATE = /^(when|what (date|day|year|month))\b|\bwhen\b|\b(date|dates|dated|what year|which year|what day|which day)\b/;

/** Question words as chat spells them: "wat", "whos", "wen". */
const CHAT_WH: [RegExp, string][] = [
  [/^(wat|wut|wht)\b/, 'what'],
  [/^(whos|hoo)\b/, "who's"],
  [/^(wen|wnen)\b/, 'when'],
  [/^(wher|were)\s+(?=is|are|was|did|does|do)\b/, 'where '],
];

/** whType's patterns, made once: a pattern written in a function is a new object at every call, and phrasings are many. */
const WH = {
  leadingWhy: /^why\b/,
  whatTime: /^what time\b/,
  who: /^(who|whom|whose)\b|^(which|what) ([a-z'-]+ ){0,2}(groups?|country|countries|actors?|state|company|companies|clusters?|team|agency|agencies|minister|officials?|person|people|organi[sz]ations?|body|department|ministry|persona|spokesman|spokesperson|envoy|ambassador|diplomats?|bank|politicians?)\b|\bwho\b/,
  where: /^where\b/,
  why: /^why\b|\bwhy\b/,
  how: /^how\b/,
  yesno: /^(did|does|do|was|were|is|are|has|have|had|can|could|will|would|should)\b/,
  what: /^(what|which)\b/,
};

export function whType(q: string): Wh {
  let t = q.trim().toLowerCase();
  for (const [re, word] of CHAT_WH) t = t.replace(re, word);
  // "why … when it did" asks why: a leading "why" outranks a "when" later on.
  if (WH.leadingWhy.test(t)) return 'why';
  if (ASKS_DATE.test(t) || WH.whatTime.test(t)) return 'when';
  if (WH.who.test(t)) return 'who';
  if (WH.where.test(t)) return 'where';
  if (WH.why.test(t)) return 'why';
  if (WH.how.test(t)) return 'how';
  if (WH.yesno.test(t)) return 'yesno';
  if (WH.what.test(t)) return 'what';
  return 'other';
}

export interface TextPeriod {
  from: number;
  to: number;
  label: string;
  /** The month written, for "/timeline 2022-09". */
  command: string;
}

const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

function period(year: number, month?: number, day?: number): TextPeriod | undefined {
  const iso = [String(year), month && String(month).padStart(2, '0'), month && day && String(day).padStart(2, '0')].filter(Boolean).join('-');
  const d = parsePartialDate(iso);
  if ('error' in d) return undefined;
  const [from, to] = dateSpan(d);
  const command = month ? `${year}-${String(month).padStart(2, '0')}` : String(year);
  return { from, to, label: formatDate(d), command };
}

/** The days ("9 September 2022", "24–25 December 2023") and months ("July 2022") a text dates things to, as spans. */
export function datesIn(text: string): [from: number, to: number][] {
  const out: [number, number][] = [];
  const re = new RegExp(`(?<![\\w-])(?:(\\d{1,2})(?:[–-](\\d{1,2}))?\\s+)?${MONTH_WORD}\\s+(\\d{4})(?![\\w-])`, 'gi');
  for (const m of text.matchAll(re)) {
    const month = monthIndex(m[3]!.toLowerCase());
    const from = month ? period(Number(m[4]), month, m[1] ? Number(m[1]) : undefined) : undefined;
    const to = month && m[2] ? period(Number(m[4]), month, Number(m[2])) : from;
    if (from && to) out.push([from.from, to.to]);
  }
  return out;
}

/**
 * Finds a date or period written in a question: "2022-09", "sept 2022", "7 September 2022", "in 2024".
 * A month without a year takes the year the pack has most events in that month.
 */
export function findPeriod(q: string, yearForMonth: (month: number) => number | undefined): TextPeriod | undefined {
  const t = q.toLowerCase();
  // "before 2022", "since 2023", "after 2020": an open range around a year.
  // "before the 2022 hacks" too (though "after the 2022 attacks" may still be in 2022).
  const open = /\b(before|prior to|until|till|since|after)\s+(19\d{2}|20\d{2})\b/.exec(t) ?? /\b(before|prior to)\s+the\s+(19\d{2}|20\d{2})\b/.exec(t);
  if (open) {
    const year = Number(open[2]);
    const before = /^(before|prior to|until|till)$/.test(open[1]!);
    return before
      ? { from: 0, to: (year - 1) * 10000 + 1231, label: `before ${year}`, command: `${year - 1}` }
      : { from: (open[1] === 'since' ? year : year + 1) * 10000 + 101, to: 99991231, label: `${open[1]} ${year}`, command: `${year}` };
  }
  // "the summer 2022 hack": a season of a year (winter, which spans two years, is left out).
  const season = /\b(spring|summer|autumn|fall)\s+(?:of\s+)?(19\d{2}|20\d{2})\b/.exec(t);
  if (season) {
    const year = Number(season[2]);
    const first = { spring: 3, summer: 6, autumn: 9, fall: 9 }[season[1] as 'spring' | 'summer' | 'autumn' | 'fall'];
    const pad = (m: number) => String(m).padStart(2, '0');
    return { from: year * 10000 + first * 100 + 1, to: year * 10000 + (first + 2) * 100 + 31, label: `${season[1]} ${year}`, command: `${year}-${pad(first)}` };
  }
  // Holidays people date things by: "christmas 2023", "new year's eve 2024".
  const holiday = /\b(christmas|xmas|new year'?s? eve|new year'?s? day)\b(?:\s+(?:day|eve))?,?\s+(?:of\s+)?(\d{4})\b/.exec(t);
  if (holiday) {
    const year = Number(holiday[2]);
    const christmas = /christmas|xmas/.test(holiday[1]!);
    const [from, to] = christmas ? [year * 10000 + 1224, year * 10000 + 1226] : /eve/.test(holiday[1]!) ? [year * 10000 + 1231, year * 10000 + 1231] : [year * 10000 + 101, year * 10000 + 101];
    const label = `${christmas ? 'Christmas' : /eve/.test(holiday[1]!) ? "New Year's Eve" : "New Year's Day"} ${year}`;
    return { from, to, label, command: christmas || /eve/.test(holiday[1]!) ? `${year}-12` : `${year}-01` };
  }
  let m = /(?<![\w-])(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?![\w-])/.exec(t);
  if (m) return period(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined);
  // "9/9/2022", "17.07.2022", "9/12/22": day first in dotted dates and where the first number cannot be a month;
  // otherwise whichever reading falls in a month the case has events in, the day first on a tie.
  m = /(?<![\w/.-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|\.\d)/.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[3])];
    const year = m[4]!.length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    const dayBeforeMonth = m[2] === '.' || a > 12 || (b <= 12 && yearForMonth(b) === year) || !(a <= 12 && yearForMonth(a) === year);
    const found = dayBeforeMonth ? period(year, b, a) : period(year, a, b);
    if (found) return found;
  }
  m = new RegExp(`(?<![\\w-])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_WORD},?\\s+(\\d{4})(?![\\w-])`).exec(t);
  if (m) return period(Number(m[3]), monthIndex(m[2]!), Number(m[1]));
  m = new RegExp(`(?<![\\w-])${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?![\\w-])`).exec(t);
  if (m) return period(Number(m[3]), monthIndex(m[1]!), Number(m[2]));
  m = new RegExp(`(?<![\\w-])${MONTH_WORD},?\\s+(?:of\\s+)?(\\d{4})(?![\\w-])`).exec(t);
  if (m) return period(Number(m[2]), monthIndex(m[1]!));
  m = /(?<![\w-])(19\d{2}|20\d{2})(?![\w-])/.exec(t);
  if (m) return period(Number(m[1]));
  // "on sept 7", "the 9th of september": a day without a year, in the year the case was busiest that month.
  m = new RegExp(`(?<![\\w-])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_WORD}(?![\\w-])`).exec(t);
  const dayFirst = m ? { day: Number(m[1]), month: monthIndex(m[2]!) } : undefined;
  m = new RegExp(`(?<![\\w-])${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\w-])`).exec(t);
  const day = dayFirst ?? (m ? { day: Number(m[2]), month: monthIndex(m[1]!) } : undefined);
  if (day?.month && day.day >= 1 && day.day <= 31) {
    const year = yearForMonth(day.month);
    if (year) return period(year, day.month, day.day);
  }
  m = new RegExp(`\\b(?:in|during|last|early|late|mid)\\s+${MONTH_WORD}(?![\\w-])`).exec(t);
  if (m) {
    const month = monthIndex(m[1]!);
    const year = month ? yearForMonth(month) : undefined;
    if (month && year) return period(year, month);
  }
  return undefined;
}

/** "after the embassy closed" → { direction: 'after', phrase: 'the embassy closed' } */
export function findRelative(q: string): { direction: 'after' | 'before'; phrase: string } | undefined {
  // "went after a bank" is an attack, not a time.
  const m = /(?<!\b(?:went|go|goes|going|gone|came|come|comes|coming|looked|looking|ran|run|running|chased?|chasing)\s)\b(after|following|since|before|prior to|ahead of|leading up to)\s+(.{4,80}?)[?.!]*$/i.exec(q.trim());
  // "before 2013" is a period, not an event to anchor on.
  if (!m || /^(the\s+)?(year\s+)?(19|20)\d{2}\b/i.test(m[2]!)) return undefined;
  const direction = /^(before|prior to|ahead of|leading up to)$/i.test(m[1]!) ? 'before' : 'after';
  return { direction, phrase: m[2]! };
}

/** "what happened…", "anything in 2024?", "events in September": asks for a list of events. */
export function asksWhatHappened(q: string): boolean {
  return /\b(happen\w*|going on|went on|occur\w*|events?|anything|news|developments?|timeline)\b/i.test(q) || q.trim().split(/\s+/).length <= 3;
}

const MORE = /^(and\s+)?(tell me more|more|go on|continue|keep going|what else|anything else|more details?|elaborate|expand( on that)?|and then\??|then what|what next|what happened next|say more|details)\W*$/i;
const ANAPHORA = /\b(it|its|it's|that|this|they|them|their|those|these|he|him|his|she|her|there|then|the attack|the attackers|the hackers|same)\b/i;

export function asksForMore(q: string): boolean {
  return MORE.test(q.trim());
}

export function refersBack(q: string): boolean {
  return ANAPHORA.test(q) || /^(and|what about|how about|but|so|also)\b/i.test(q.trim()) || /^(who|when|why|how|where)\b\W*$/i.test(q.trim());
}

export type AnswerKind = 'duration' | 'count' | 'amount' | 'distance' | 'weekday' | 'date' | 'reason';

/** Before a number: not a year. After it: not a month, as in "7 September". */
const NOT_YEAR = String.raw`(?!(19|20)\d{2}\b)`;
const NOT_DAY = String.raw`(?!\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)`;

const NUMBER_WORD = '(\\d[\\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|a few|a couple of|dozens of|hundreds of|thousands of)';

/** What kind of detail the question wants, when its wording says: "how long" wants a duration. */
export function answerKind(q: string): AnswerKind | undefined {
  const t = q.toLowerCase();
  if (/\bhow long\b|\bfor how many (hours|days|weeks|months|years)\b/.test(t)) return 'duration';
  if (/\bhow far\b|\bdistance\b|\bhow many (km|kilomet(re|er)s|miles)\b/.test(t)) return 'distance';
  if (/\bhow much\b|\b(cost|costs|price|paid|spent|worth)\b/.test(t)) return 'amount';
  if (/\bhow many\b|\bnumber of\b/.test(t)) return 'count';
  if (/^why\b/.test(t)) return 'reason';
  if (/\bday of the week\b|\bweekday\b|\bwhich day\b/.test(t)) return 'weekday';
  if (ASKS_DATE.test(t)) return 'date';
  if (/^why\b|\bwhy\b|\b(motive|motivation|reason)\b/.test(t)) return 'reason';
  return undefined;
}

const KIND_PATTERNS: Record<AnswerKind, RegExp> = {
  duration: new RegExp(`\\b${NUMBER_WORD}[- ](hours?|days?|weeks?|months?|years?|minutes?)\\b|\\b(a year|a month|a week|a day)\\b|\\bfrom\\b.{1,40}\\b(to|until)\\b|\\bbetween\\b.{1,40}\\band\\b|\\buntil\\b|\\bsince (at least|as early as) (19|20)\\d{2}\\b|\\bsince (19|20)\\d{2} or earlier\\b`, 'i'),
  distance: /\b\d[\d,.]*\s?(km|kilomet(re|er)s?|miles?|metres?|meters?)\b/i,
  amount: /[$€£]\s?\d|\b\d[\d,.]*\s?(million|billion|thousand)?\s?(euros?|dollars?|lek|usd|eur)\b|\b(million|billion)\b/i,
  // A number that is neither a day of a month ("7 September") nor a year.
  count: new RegExp(`\\b${NOT_YEAR}${NUMBER_WORD}\\b${NOT_DAY}|\\b(once|twice|never)\\b`, 'i'),
  weekday: /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i,
  date: /\b(19|20)\d{2}\b/,
  reason: /\b(because|retaliat\w*|in response|response to|motive|reason|payback|punish\w*|revenge|so as to|in order to|aimed at|to deter)\b/i,
};

/** Whether a sentence holds the kind of detail asked for. */
export function hasAnswerKind(sentence: string, kind: AnswerKind): boolean {
  return KIND_PATTERNS[kind].test(sentence);
}

/** Set phrases whose words mean nothing on their own: "how did they get in in the first place?" */
const IDIOMS = /\b(in the first place|of all (places|countries|people|things)|at the end of the day|by the way|to be honest|for what it'?s worth|if (i|you) (remember|recall) (correctly|right)|as far as (i|you) know|at the time|back then|in a nutshell|long story short|been around|(kinds?|sorts?|types?) of)\b/gi;

export function withoutIdioms(q: string): string {
  return q.replace(IDIOMS, ' ');
}

/** Details a question may ask for, what an answer giving them must show, and how to say they are not known. */
const DETAILS: [asks: RegExp, shows: RegExp, unknown: string][] = [
  [/\b(born|birthday|date of birth|how old)\b/i, /\bborn\b|\b\d{1,3} years old\b|\baged \d+/i, 'that personal detail'],
  [/\b(childhood|grew up|home address|where does .{1,40} live|phone number|salary|net worth|married|wife|husband|girlfriend)\b/i, /\b(grew up|childhood|street|lives in|married|wife|husband|salary)\b/i, 'that personal detail'],
  // People the sources leave unnamed: the charged IT staff, exposed informants, the operators.
  // "the name of the system the hackers broke into" asks for a thing's name, not the hackers'.
  [/\bnames? of\b(?:(?!\b(?:system|server|network|malware|wiper|ransomware|group|company|ministry|agency|website|site|file|tool|campaign|operation|persona|channel|domain|portal|app|software|program|account|database)s?\b).){0,30}\b(informants?|agents?|officers?|employees|staff|workers|suspects|hackers?|attackers?|operators?|individuals?|people|persons?|members|guys|sysadmins?|admins?|authors?|developers?|programmers?|coders?|engineers?|investigators?)\b|\b(informants?|employees|it staff|suspects|hackers'?|operators'?)('s)? (real )?names\b/i, /(?!)/, 'the names of those people'],
  [/\b(the|their|its|his|her|what) (passwords?|usernames?|user names?)\b|\b(passwords?|usernames?) (of|for|on|to) (the|their|its)\b|\blog-?in (details|credentials)\b/i, /(?!)/, 'passwords or other credentials'],
  [/\b(bank accounts?|iban|bitcoin address(es)?|wallet address(es)?|crypto ?wallets?)\b/i, /(?!)/, 'financial details of that kind'],
  [/\b(exact|precise) (number|figure|count|total)\b/i, new RegExp(`\\b${NOT_YEAR}\\d[\\d,.]*\\b${NOT_DAY}`, 'i'), 'an exact figure for that'],
  [/\b(exact|precise) time\b|\bat what time\b|\bwhat time (of day )?(did|was|were)\b/i, /\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(am|pm)\b|\b(morning|afternoon|evening|night|midday|noon|midnight)\b/i, 'the time of day'],
  [/\b(ip address(es)?|ips|c2 (servers?|address(es)?|domains?|ips?)|command-and-control (servers?|address(es)?|domains?)|iocs?|indicators of compromise)\b/i, /\b\d{1,3}(\.\d{1,3}){3}\b/, 'network indicators for that'],
  [/\b(how much data|how many (gb|tb|mb|gigabytes|terabytes|megabytes)|gigabytes?|terabytes?|megabytes?|\d+\s?(gb|tb|mb))\b/i, /\b\d[\d,.]*\s?(gb|tb|mb|gigabytes?|terabytes?|megabytes?)\b/i, 'the amount of data taken'],
  [/\b(hash(es)?|sha-?(1|256)|md5|checksums?)\b/i, /\b[a-f0-9]{32,}\b|\bhash(es)?\b|\bsha-?(1|256)\b|\bmd5\b/i, 'file hashes for that'],
  [/\b(pay|paid|cost|costs|price|spent|spend|fee|fees|budget)\b|\bhow much\b.{0,40}\bcharged?\b/i, /[$€£]\s?\d|\b\d[\d,.]*\s?(million|billion|thousand)\b|\b(euros?|dollars?|lek)\b/i, 'a sourced figure for that'],
];

/**
 * A detail the sources would state outright (a birth date, a file hash, a sum paid) that the answer's
 * sentences do not hold, named for saying so; undefined when nothing of the kind is asked or it is there.
 */
export function detailNotGiven(question: string, sentences: string[]): string | undefined {
  return DETAILS.find(([asks, shows]) => asks.test(question) && !sentences.some((s) => shows.test(s)))?.[2] ?? officeHolderNotGiven(question, sentences);
}

const OFFICES = "president|vice[- ]president|prime minister|deputy prime minister|foreign minister|interior minister|defen[cs]e minister|minister|ambassador|king|queen|speaker|chancellor|head of state|mayor|ceo|chief executive|chairman|chairwoman";
/** "who is the president of albania", "who's iran's foreign minister": an office and the place it is held in. */
const ASKS_OFFICE = new RegExp(
  `^\\W*who(?:'s|\\s+is|\\s+was)\\s+(?:the\\s+)?(?:current\\s+)?(${OFFICES})\\s+of\\s+(?:the\\s+)?([a-z][\\w' -]{1,30}?)\\W*$|^\\W*who(?:'s|\\s+is|\\s+was)\\s+([a-z][\\w-]*(?:\\s[a-z][\\w-]*)?)(?:'s|s'|’s)\\s+(?:current\\s+)?(${OFFICES})\\W*$`,
  'i',
);

export interface Office {
  office: string;
  place: string;
}

/** The office a question asks the holder of: "who is the president of albania", "who's iran's foreign minister". */
export function officeAsked(question: string): Office | undefined {
  const m = ASKS_OFFICE.exec(question);
  return m ? { office: (m[1] ?? m[4])!.toLowerCase(), place: (m[2] ?? m[3])!.trim() } : undefined;
}

/** Whether a text speaks of that office in that place: "Albania's prime minister", "Iran's foreign minister". */
export function saysOffice({ office, place }: Office, text: string): boolean {
  // "Albania" is also "Albanian", "Iran" "Iranian"; the office may have a word before it ("Iran's then foreign minister").
  const root = place.toLowerCase().replace(/(ia|a|e)$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const role = office.replace(/[- ]/g, '[- ]');
  return new RegExp(`\\b${root}\\w*(?:'s|’s)?\\s+(?:\\w+\\s+)?${role}\\b|\\b${role}\\s+of\\s+(?:the\\s+)?${root}`, 'i').test(text);
}

/** Who holds an office, asked of answers that do not say it: "the president" they name is someone else's. */
function officeHolderNotGiven(question: string, sentences: string[]): string | undefined {
  const asked = officeAsked(question);
  if (!asked || sentences.some((s) => saysOffice(asked, s))) return undefined;
  return `the name of the ${asked.office === 'ceo' ? 'CEO' : asked.office} of ${asked.place.replace(/\b\w/g, (c) => c.toUpperCase())}`;
}

/** "aka?", "what does microsoft call it now?": a question about a thing's other names. */
export function asksOtherNames(q: string): boolean {
  return /\b(aka|a\.k\.a|also known as|other names?|alias(es)?|call(ed|s|ing)? (it|them|him|her)( now)?\b.{0,10}$|renamed|new name|now called|what (do|does|did|is|are) \w+ call(ing)? (it|them))\b/i.test(q);
}

const SPEECH_WORD = /react|respon|repl|say|said|answer|think|make of|call|describ|blam|accus|claim|alleg|official line|position|return/i;

/**
 * Who is asked about as the one reacting or speaking: "how did tehran react…", "what did israel say…",
 * "iran's response to…". The words naming them, or undefined.
 */
export function speakerPhrase(q: string): string | undefined {
  // Most questions hold none of the words either pattern needs; one quick look spares both.
  if (!SPEECH_WORD.test(q)) return undefined;
  const m =
    /\b(?:how|what|who|whom)\s+(?:did|does|do|has|have|had|was|were)\s+(.{2,40}?)\s+(?:react|respond|reply|say|said|answer|think|make of|call|describe|blame|accuse|claim|allege|do\s+(?:in\s+)?(?:response|reply|return))\b/i.exec(q) ??
    /\b([\w.-]+(?:\s+[\w.-]+)?)(?:'s|s'|’s)?\s+(?:reaction|response|reply|answer|official line|position)\b/i.exec(q);
  return m?.[1];
}

/** What an attack is said to have been on: "attack on iranian steel plants", "do to israel's water facilities". */
export function attackTarget(q: string): string | undefined {
  const m =
    /\b(?:attacks?|attacked|hacks?|hacked|breach(?:es|ed)?|strikes?|struck|operations?|ops)\s+(?:on|against|at|of)\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)|\bdo(?:ne)?\s+to\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)/i.exec(q) ??
    // "hack ukraine's power grid", "hacked the israeli hospital": what follows the verb was attacked.
    /\b(?:attack(?:ed)?|hack(?:ed)?|breach(?:ed)?|hit|target(?:ed)?)\s+((?:[\w-]+\s+)?[\w-]+(?:'s|’s)\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+|the\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+)/i.exec(q);
  const target = m ? (m[1] ?? m[2]) : undefined;
  // "hacked on 25 dec 2023": a date says when, not what was attacked.
  return target && !STARTS_WITH_DATE.test(target) ? target : undefined;
}

const STARTS_WITH_DATE = new RegExp(`^(?:\\d|${MONTH_WORD}(?![a-z]))`, 'i');

/** Who is asking and why, before the question: "i'm a sysadmin at a ministry,", "for my thesis on cyber norms:", "students here:". */
const PREAMBLES = [
  /^\W*(?:(?:hi|hey|hello)\W+)?(?:i'?m|i am|we'?re|we are)\s+(?:a|an|the)\s+[^,:;?]{1,60}?[,:;–—-]+\s*/i,
  /^\W*as\s+(?:a|an)\s+(?!result\b|matter\b)[^,:;?]{1,40}?[,:;–—-]+\s*/i,
  /^\W*for\s+(?:my|our|a|an)\s+(?:[\w-]+\s+){0,2}(?:thesis|essay|paper|story|article|report|class|course|briefing|presentation|piece|podcast|newsletter|assignment)\b[^,:;?]{0,60}?[,:;–—-]+\s*/i,
  /^\W*[\w' ]{1,30}\s+here\s*[,:;–—-]+\s*/i,
  // "explain like i'm 12:", "eli5:": how to answer, not what to answer.
  /^\W*(?:(?:please\s+)?(?:explain|tell me|describe)(?:\s+it)?\s+like\s+(?:i'?m|im|i am)\s+[^,:;?]{1,30}?|eli5)\s*[,:;–—-]+\s*/i,
];

export function withoutPreamble(q: string): string {
  let out = q;
  for (const re of PREAMBLES) out = out.replace(re, '');
  return out.trim() || q;
}

/** The question itself: without who is asking, without a guess tacked on, and in the words the engine reads. */
export function plainQuestion(q: string): string {
  return withoutGuess(withoutPreamble(q)).replace(DID_ABOUT_IT, 'do in response');
}

/** "what did albania do about it?" asks what it did in response, as "how did albania react?" does. */
const DID_ABOUT_IT = /\bdo about (it|this|that|the (attacks?|hacks?|break))\b/gi;

/**
 * A guess tacked on after a question ("how did rama announce it, was it a speech in parliament?", "who switched
 * them off - was it the hackers themselves??"): the question asks what happened; the guess only names a possibility.
 */
const GUESS = /^(\W*(?:who|what|when|where|why|how|which)\b.{8,}?)\s*(?:[,;:–—-]+|\?+)\s*(?:or\s+)?(?:was|is|were|are)\s+(?:it|that|this|they|there)\b[^?]*\?*\s*$/i;

function withoutGuess(q: string): string {
  const m = GUESS.exec(q);
  return m ? `${m[1]!.trim()}?` : q;
}

const COMPARED = [
  /\b(?:difference|differences|diff|distinguish(?:es)?|compare[sd]?|comparison)\b.*?\bbetween\s+(.+?)\s+(?:and|&|vs\.?|versus)\s+(.+?)[\s?.!]*$/i,
  /\bcompare\s+(.+?)\s+(?:and|with|to|vs\.?|versus)\s+(.+?)[\s?.!]*$/i,
  /\bhow (?:is|are|was|were|does|do|did)\s+(.+?)\s+(?:different|differ|distinct)\s+from\s+(.+?)[\s?.!]*$/i,
  /^\W*(?:what about\s+)?([^,;:?]+?)\s+(?:vs\.?|versus)\s+([^,;:?]+?)[\s?.!]*$/i,
];

/** The two things a question compares ("the difference between ransomware and a wiper", "roadsweep vs zerocleare"). */
export function comparisonAsked(q: string): [string, string] | undefined {
  for (const re of COMPARED) {
    const m = re.exec(q);
    if (m && m[1]!.length <= 60 && m[2]!.length <= 60) return [m[1]!, m[2]!];
  }
  return undefined;
}

const HOW_LONG = String.raw`\bhow (?:long|many (?:days|weeks|months|years)|much time)\b`;
const INTERVALS = [
  new RegExp(`${HOW_LONG}(?: (?:was it|was there|passed|elapsed|went by|is it|were there|did it take))?\\s+between\\s+(.+?)\\s+and\\s+(.+)$`, 'i'),
  new RegExp(`${HOW_LONG}\\s+after\\s+(.+?)\\s+(?:did|was|were|had|before)\\s+(.+)$`, 'i'),
  new RegExp(`${HOW_LONG}.*?\\bfrom\\s+(.+?)\\s+(?:to|until|till)\\s+(.+)$`, 'i'),
];

/**
 * "how long between the july attack and albania cutting ties", "how many days after the attack did albania cut ties":
 * the two things whose dates are to be compared.
 */
export function intervalAsked(q: string): [string, string] | undefined {
  const t = q.trim().replace(/[?!.\s]+$/, '');
  for (const re of INTERVALS) {
    const m = re.exec(t);
    // A name for an event is a few words, not a paragraph.
    if (m) return m[1]!.length <= 80 && m[2]!.length <= 80 ? [m[1]!, m[2]!] : undefined;
  }
  return undefined;
}
