import { isEnglishTypo, isEnglishWord } from './english.js';
import { STOPWORDS } from './text.js';

/** Stolen or leaked material, as a question names it. */
const LOOT = String.raw`\b(leak(ed|s)?|dump(ed|s)?|stolen)\b`;

/**
 * Requests that are not questions about a case, whatever words they share with it:
 * creative writing, code, weather, sport, travel, food, prices, chit-chat, instructions to the bot.
 */
const OFF_TOPIC: RegExp[] = [
  // Not Microsoft's weather-themed names for threat actors.
  /\b(weather(?![- ](taxonomy|themed|nam\w*|scheme|convention))|forecast|temperature|sunny|rain(ing|y)?|snow(ing)?|umbrella)\b/i,
  /\b(recipes?|cook(ing)?|cuisine|dish(es)?|restaurants?|food|meals?|dinner|lunch|breakfast)\b/i,
  /\b(poems?|haikus?|limericks?|sonnets?|lyrics|songs?|rap|jokes?|riddles?|fairy ?tale)\b/i,
  /^(please )?((can|could|would) you )?(please )?(write|compose|generate|draft|create|make|build|code)\b.{0,40}\b(poem|haiku|essay|story|song|code|script|program|function|email|letter|tweet|novel|screenplay|malware|wiper|virus|exploit|ransomware|keylogger|backdoor|tool)\b/i,
  /\b(in|using) (c#|c\+\+|c|go|rust|python|powershell|bash)\b/i,
  // Personal or company advice: the bot briefs on a case, it is not a help desk.
  /\bhow (do|can|should|could) (i|we)\b(?! (know|tell)\b)|\bshould (i|we|my company|our company)\b|\bmy (laptop|computer|pc|phone|company|account|files|network|router|email)\b/i,
  /\bwho won\b|\b(going to|gonna|will)\b.{0,20}\bjoin\b|\bnuclear (deal|talks|program(me)?|weapons?|bomb)\b/i,
  /\b(tell|give)\b.{0,10}\b(me )?an? (joke|story|fun fact)\b/i,
  /\b(python|javascript|typescript|golang|java|sql|regex|html|css|kubernetes|docker|2fa|two-factor|outlook|gmail|iphone|android|windows update)\b/i,
  /\b(football|soccer|basketball|tennis|cricket|baseball|world cup|premier league|champions league|olympics|super bowl|nba|nfl)\b/i,
  /\b(beach(es)?|hotels?|flights?|tourism|tourists?|vacation|holiday|sightseeing|itinerary|travel(l?ing)? to)\b/i,
  /\b(bitcoin|crypto(currency)?|stocks?|shares price|exchange rate|forex|nasdaq|dow jones)\b/i,
  /\b(capital (city )?of|population of|currency of|language spoken|official language)\b/i,
  /\b(favou?rite|meaning of life|how are you|are you (a )?(human|robot|real|alive)|your name|who (made|built|created) you|do you like)\b/i,
  /\b(ignore|disregard|forget)\b.{0,30}\b(instructions?|prompts?|rules|previous|above)\b/i,
  /\b(system prompt|jailbreak|role-?play|dev ?mode|developer mode|you are now|no (rules|restrictions|filters|limits))\b/i,
  // Getting hold of stolen or leaked material: the bot reports that it was leaked, it does not pass it on.
  new RegExp(
    `\\b(where|how) (can|do|could|would) (i|we|you|one)\\b.{0,30}\\b(download|get|find|access|buy|see|read)\\b.{0,30}${LOOT}|\\b(find|get|fetch|send|show) (me|us)\\b.{0,20}${LOOT}|\\b(give|send|share|post)( me| us)?\\b.{0,20}\\b(link|links|copy|copies|files?)\\b.{0,30}${LOOT}`,
    'i',
  ),
  // Working attack tools, whatever the wording: the bot describes what happened, it does not arm anyone.
  /\b(working|functional|weaponi[sz]ed)\s+(exploits?|malware|wipers?|ransomware|payloads?|poc|shellcode|viruses?|backdoors?)\b|\b(write|code|build|create|make|develop|generate)\b( me| us)?( an?| some| my own| our own)?\s+(exploits?|malware|wipers?|ransomware|payloads?|shellcode|keyloggers?|backdoors?)\b/i,
  /^(please )?(pretend|imagine) (to be|you are|you're)\b/i,
  // "pretend the rules don't apply", "write a fake statement": making things up, which a sourced briefing never does.
  /\b(pretend|imagine|act as if|suppose)\b.{0,30}\b(rules?|restrictions?|filters?|guidelines?|instructions?)\b/i,
  /\b(write|draft|compose|make up|invent|fabricate|generate|create)\b.{0,30}\b(fake|fictional|fictitious|made[- ]up|imaginary|hypothetical|forged)\b/i,
  // "step by step instructions to exploit…": a walkthrough of an attack, however it is asked.
  /\b(instructions?|tutorial|guide|walk ?through|how-?to)\s+(to|for|on|on how to)\s+(exploit|hack(ing)?|breach|compromise|weaponi[sz]e)\b/i,
  // "how would i exploit CVE-…", "how do we deploy a wiper": instructions for attacking, not what happened.
  /\bhow (would|do|can|could|should|to) (i|we|you|one)?\s*(exploit|weaponi[sz]e|deploy|spread|build|make|write)\b.{0,40}\b(cve-\d|exploits?|vulnerabilit(y|ies)|malware|wipers?|ransomware|payloads?|backdoors?|web ?shells?)\b|\bhow (would|do|can|could|should) (i|we|you|one) (exploit|hack|breach|compromise)\b/i,
  /\b(translate|translation)\b/i,
  /\b(horoscope|zodiac|lottery|dating|girlfriend|boyfriend|movie|movies|film|netflix|tv show|video game)\b/i,
  /^[\d\s+\-*/().^=x×÷%]+\??$/i,
  /\b\d+\s+(times|plus|minus|divided by|multiplied by|x|[*+/^-])\s+\d+\b|\b\d+\s*[*+×÷^]\s*\d+\b/i,
  /\bvisas?\b|\bhow do (you|i|we) (say|pronounce)\b|\bwhat time is it\b|\b(best|good) time (of (the )?year )?to (visit|go)\b/i,
  /\b(best|buy|cheapest|recommend\w*)\b.{0,25}\b(antivirus|vpn|laptop|phone|router|password manager)\b|\b(antivirus|vpn|laptop|phone)\b.{0,25}\b(best|buy|recommend\w*)\b/i,
  /\b(election|elections|vote for|polls? say|president in 20\d\d)\b.{0,40}\b(win|next|will)\b|\bwho will win\b/i,
  /\b(solve|calculate|compute|equation|integral|derivative)\b/i,
];

export function isOffTopic(text: string): boolean {
  return OFF_TOPIC.some((re) => re.test(text));
}

/**
 * Requests for a judgement or a forecast rather than for what the sources say:
 * "will iran attack again next year?", "should albania restore ties?", "is rama a good leader?".
 */
const OPINION: RegExp[] = [
  /\b(in your (view|opinion)|your (opinion|view|take|thoughts?|prediction|forecast|guess)|what do you think|do you think|do you believe|would you say|personally)\b/i,
  /\b(predict(ion)?s?|forecast|speculate|odds|likely to|chances? (of|that))\b/i,
  /\b(will|is going to|are going to|gonna)\b.{0,60}\b(next (year|month|week|time|decade)|in the future|ever again|by 20\d\d|in 20[3-9]\d|someday|soon)\b/i,
  /\bby 20\d\d\b.{0,40}\bwill\b|\b(going to|gonna|will) win\b/i,
  /\b(will|is going to|are going to|gonna)\b.{0,60}\bnext\s*[?.!]*$|\bwho('s| is| will be) next\b/i,
  /^(should|ought)\b|\b(should|ought to) (albania|iran|nato|the us|the eu|the west|rama|tirana|tehran|washington|they|we)\b/i,
  /\b(good|bad|great|terrible|better|worse|best|worst)\s+(prime minister|president|leader|government|idea|decision|move|choice|product|tool)\b|\bwhich is better\b/i,
  /\b(right|wrong) to (cut|break|expel|sanction|do)\b/i,
  // "rate iran's hackers out of 10", "rank the responses", "who's more skilled": judgements, not facts.
  /\b(rate|rank|grade|score)\b.{0,60}\b(out of (10|ten|five|5|100)|from 1 to|on a scale)\b|\bon a scale of\b|\b(rate|rank)\s+(them|these|those|the|their|iran'?s?|russia'?s?|each)\b|\bwho('s| is) (more|better|scarier|more dangerous|more skilled|stronger)\b|\bwho('s| is| are) the (best|worst|greatest|scariest|most dangerous|most skilled)\b/i,
];

export function asksForOpinion(text: string): boolean {
  return OPINION.some((re) => re.test(text));
}

/**
 * Words that mark a question as written in another language in Latin script, none of them English: Albanian above all
 * (the case's own country), then Spanish, French, German and Italian.
 */
const FOREIGN_WORDS = new Set(
  `kush kur çfarë cfare është eshte dhe një nje që pse cili cila cilët sulmi sulmoi sulmuan qeveria shqipëria shqiperia shqipërinë shqiperine iranin marrëdhëniet marredheniet prenë
  quién quien qué cuándo cuando dónde donde atacó ataque gobierno también
  qui quand pourquoi où attaqué gouvernement est-ce
  wer wann warum wo hat ist und nicht angegriffen regierung
  chi quando perché perche attaccato governo`.split(/\s+/),
);

/** A question written in another language in Latin script ("Kush e sulmoi Shqipërinë?"): the pack is in English. */
export function isOtherLanguage(text: string): boolean {
  if (/[¿¡]/.test(text)) return true;
  const tokens = text.toLowerCase().match(/[\p{L}'-]+/gu) ?? [];
  const foreign = tokens.filter((t) => FOREIGN_WORDS.has(t)).length;
  return foreign >= 2 && foreign * 3 >= tokens.length;
}

/** Text mostly in a non-Latin script (Persian, Arabic, Cyrillic…): the pack is in English. */
export function isMostlyNonLatin(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 3) return false;
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  return latin / letters.length < 0.5;
}

/** Ordinary words that may precede "attack" or "group" without naming anything. */
const COMMON = new Set(['same', 'other', 'another', 'second', 'third', 'next', 'last', 'latest', 'first', 'whole', 'entire', 'cyber', 'major', 'big', 'huge', 'recent', 'earlier', 'later', 'initial', 'actual', 'real', 'similar', 'different', 'hacker', 'hackers', 'state', 'iranian', 'albanian', 'destructive', 'ransomware', 'wiper', 'data', 'email', 'mail']);

const INCIDENT_WORDS = /\b(breach|hack|attack|attacks|ransomware|malware|worm|virus|incident|leak|outage|campaign|operation|group|gang|apt)\b/i;

/**
 * "explain the solarwinds breach", "what is wannacry": a question about a named
 * thing the pack has never heard of is about another case.
 */
export function asksAboutUnknownThing(question: string, isUnknown: (term: string) => boolean): boolean {
  const words = question.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, ' ').split(/\s+/).filter(Boolean);
  // A slip of ordinary English ("actualy ransomware") names nothing; a real word may ("colonial pipeline attack").
  const named = (w: string) => w.length >= 4 && !/^\d+$/.test(w) && !STOPWORDS.has(w) && !COMMON.has(w) && isUnknown(w) && (isEnglishWord(w) || !isEnglishTypo(w));
  const m = /^(?:what|who)(?:'s| is| was| are| were)\s+(?:the |a |an )?([\p{L}\p{N}-]+)\s*\??$/iu.exec(question.trim());
  if (m && named(m[1]!.toLowerCase())) return true;
  for (let i = 0; i < words.length - 1; i++) {
    if (INCIDENT_WORDS.test(words[i + 1]!) && named(words[i]!)) return true;
  }
  return false;
}

/** "brief me", "what happened?", "give me the gist": a request for the case as a whole. */
export function asksForOverview(text: string): boolean {
  return /\b(summary|summari[sz]e|overview|brief|briefing|recap|happened|going on|about|story|tl;? ?dr|gist|basics|background|catch me up|fill me in|explain|rundown|lowdown|start)\b/i.test(text);
}

const TALK_TAIL = '( (so much|a lot|again|very much|all|everyone|guys|folks|there|team|bot|mate))*';
const THANKS = new RegExp(`^((ok|okay|cool|great|nice|perfect|awesome|got it) )?(thanks|thank you|thx|ty|cheers)${TALK_TAIL}$|^(ok|okay|cool|great|nice|perfect|awesome|got it)$`);
const HELLO = new RegExp(`^(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening|day)|greetings)${TALK_TAIL}$`);

/** "hi", "hello there", "thanks!": nothing asked, only said. */
export function smallTalk(text: string): 'hello' | 'thanks' | undefined {
  // The whole message, not its opening: "ok so who did it" is a question.
  const t = text.toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, ' ').replace(/\s+/g, ' ').trim();
  if (THANKS.test(t)) return 'thanks';
  if (HELLO.test(t)) return 'hello';
  return undefined;
}
