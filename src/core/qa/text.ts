import { distance } from 'fastest-levenshtein';
import { foldedWords, normalize } from '../briefing/names.js';

/** Words that carry no meaning for retrieval: English function words and chat filler. */
export const STOPWORDS = new Set(
  `a an the and or but if of at by for with about against between into through during before after above below to from up down in out on off over under
  again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very
  can will just don should now is are was were be been being have has had having do does did doing would could might must shall may
  i me my myself we our ours you your yours he him his she her hers it its itself they them their theirs what which who whom whose this that these those
  am as until while also ever yet still really actually basically exactly please pls plz thanks thank hey hi hello ok okay so um uh like kinda sorta
  tell know explain describe say said give show find get got let lets let's want wanna gonna need summary summarise summarize detail details info
  information anything something thing things stuff happen happened happening going go went deal story whats what's who's where's when's how's
  brief briefly quick quickly short version overview mean means meant stand stands called call name named one ones ya yeah yes guys folks dude bot
  talk talking question questions answer answers wondering curious many much lot lots anyway can't cant didn't didnt doesn't doesnt isn't isnt wasn't wasnt wanted us
  wait hmm hm huh btw lol tbh imo idk ah oh oops yo sorry quickly honestly seriously literally sure right remind recap even bother bothered tldr tl dr cool awesome nice perfect
  anyone anybody someone somebody everyone everybody nobody whoever whatever somewhere anywhere wat wut whos abt`.split(/\s+/),
);

/** Light stemming: enough to match "attacks"/"attacked"/"attacking", not a linguistic stemmer. */
export function stem(word: string): string {
  const base = inflectionless(word);
  // "decide" and "decided", "reaction" and "reacted": one term.
  if (base.length > 6 && base.endsWith('tion')) return base.slice(0, -3);
  return base.length > 4 && base.endsWith('e') ? base.slice(0, -1) : base;
}

function inflectionless(word: string): string {
  // Four letters: a plain plural or third person ("hits", "cuts"), not "bias", "plus", "mois" or "ties".
  if (word.length === 4 && /[^suaie]s$/.test(word) && !/\d/.test(word)) return word.slice(0, -1);
  if (word.length <= 4 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 5) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 6) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('es') && /(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** Splits text into normalized words (accents folded, lower case). */
export function words(text: string): string[] {
  if (text.length > 160) return foldedWords(text);
  // Folding leaves single spaces between words and none at either end.
  const folded = normalize(text);
  return folded ? folded.split(' ') : [];
}

/** Chat shorthand for words the pack spells out. */
const SHORTHAND = new Map(
  Object.entries({
    govt: 'government',
    gov: 'government',
    dept: 'department',
    sept: 'september',
    ppl: 'people',
    intl: 'international',
    msft: 'microsoft',
    admin: 'administrator',
    admins: 'administrators',
    hrs: 'hours',
    yrs: 'years',
    sec: 'secretary',
    mfa: 'foreign',
    fm: 'foreign',
    pres: 'president',
    spox: 'spokesman',
  }),
);

/** The words of a question that carry meaning, stemmed. "How sure" asks about confidence, though "sure" alone is filler. */
export function contentTerms(text: string): string[] {
  let t = text.replace(HOW_SURE, 'how confident');
  // The ordinal pattern looks behind at every position: only texts with a digit before "st", "nd", "rd" or "th" need it.
  if (MAY_HOLD_ORDINAL.test(t)) t = t.replace(ORDINAL, (n) => ORDINALS[n.toLowerCase()]!);
  return termsOfWords(words(t));
}

// Patterns made once: one written in a function is a new object at every call.
const HOW_SURE = /\bhow (sure|certain)\b/gi;
const MAY_HOLD_ORDINAL = /\d(st|nd|rd|th)\b/i;

const ORDINALS: Record<string, string> = { '1st': 'first', '2nd': 'second', '3rd': 'third', '4th': 'fourth', '5th': 'fifth' };
/** "the 2nd attack" is the second one; "the 2nd of September" and "Sept 2nd" are dates, read as such elsewhere. */
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const ORDINAL = new RegExp(`(?<!\\b${MONTH}\\s+)\\b(?:1st|2nd|3rd|4th|5th)\\b(?!\\s+(?:of\\s+)?${MONTH})`, 'gi');

/** Each word's term, or null for a word that carries none: words recur constantly, in the pack and in questions. */
const termOf = new Map<string, string | null>();

function termsOfWords(ws: string[]): string[] {
  const out: string[] = [];
  for (const raw of ws) {
    let t = termOf.get(raw);
    if (t === undefined) {
      const w = SHORTHAND.get(raw) ?? raw;
      t = w.length > 1 && !STOPWORDS.has(w) ? stem(w) : null;
      // Bounded: questions bring an endless variety of words.
      if (termOf.size > 50_000) termOf.clear();
      termOf.set(raw, t);
    }
    if (t !== null) out.push(t);
  }
  return out;
}

/**
 * One index build's memo of each text's content terms: building reads the same titles,
 * names and paragraphs several times (vocabulary, passage terms, the search index).
 * Words are not kept: only terms are read again, and a build's words kept to its end
 * would be copied by every young-generation collection on the way.
 */
export class TextMemo {
  private readonly termsOf = new Map<string, string[]>();

  /** `ws`: the text's words, when the caller already has them. */
  terms(text: string, ws?: string[]): string[] {
    let ts = this.termsOf.get(text);
    if (!ts) this.termsOf.set(text, (ts = termsOfWords(ws ?? words(text))));
    return ts;
  }

  /** Forgets every text: the search index keeps its tokenizer, and with it this memo, once building is done. */
  clear(): void {
    this.termsOf.clear();
  }
}

const processed = new Map<string, string | null>();

/** MiniSearch term processing: fold, drop stopwords, stem. Memoized: the same words recur constantly. */
export function processTerm(term: string): string | null {
  const hit = processed.get(term);
  if (hit !== undefined) return hit;
  const w = normalize(term).replace(/\s+/g, '');
  const out = !w || w.length < 2 || STOPWORDS.has(w) ? null : stem(w);
  if (processed.size > 50_000) processed.clear();
  processed.set(term, out);
  return out;
}

/** Edit distance for typos: two neighbouring letters swapped ("iranain") is one slip, not two. */
export function typoDistance(a: string, b: string): number {
  return isSwap(a, b) ? 1 : distance(a, b);
}

/** Whether two words differ only by two neighbouring letters swapped. */
export function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i < a.length - 1 && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
