/**
 * Everyday phrasings mapped to the words analysts write. General English, nothing
 * specific to one case: "who was behind it" is an attribution question in any case.
 */
const PHRASES: [RegExp, string][] = [
  [/\b(behind|responsible|culprits?|perpetrators?|who did (it|this|that)|who (was|were) (it|to blame)|blamed?|carried out|who attacked|who hacked|who's attacking|pin(ned)? (it|this|that|the blame|the attacks?|the hack) on|involved|involvement|had a hand in)\b/i, 'attributed attribution responsible'],
  [/\b(get|got|getting|break|broke|breaking|gain(ed)?|hack(ed)?) (in|into)\b|\b(way in|entry point|point of entry|initial access|first access|foothold|popped|pwned|breached|compromised)\b/i, 'initial access entry exploited'],
  [/\b(hit|affected|damaged?|impact(ed)?|outages?|went down|taken (down|offline)|knocked (out|offline)|targets?|targeted|disrupted)\b/i, 'affected offline disrupted'],
  [/\b(cost|costs|price tag|how much money|financial(ly)?|damages)\b/i, 'cost million'],
  [/\b(kick(ed)? out|thrown out|throw out|expell?(ed|ing)?|sent home|made to leave|told to leave|pack(ed)? up|clear(ed)? out|get out)\b/i, 'expelled leave'],
  [/\b(react(ed|ing|ions?|s)?|respon(d|ds|ded|ding|ses?)|repl(y|ies|ied)|say about|said about|what did .{1,40} say)\b/i, 'said statement condemned response'],
  [/\b(deny|denied|denies|denial|admit(ted)?)\b/i, 'denied rejected baseless'],
  [/\b(punish(ed|ment)?|penalt(y|ies)|sanction(s|ed)?)\b/i, 'sanctions designated'],
  [/\b(working again|running again|online again|back (up|online|on ?line)|up and running|restored|recover(ed|y)?|repaired|back to normal)\b/i, 'restored recovery'],
  // "working again" is a recovery, not a later wave.
  [/\b((?<!(working|running|online|functioning) )again|later|since then|afterwards|after that|still|ongoing|continue[sd]?|more attacks|new attacks|follow-?up attacks|c[ao]me back|return(ed|s)?|reappear(ed|s)?|resurface[ds]?|status|latest|right now|these days|currently|nowadays)\b/i, 'later waves again resurfaced returned reappeared'],
  [/\b(learn(ed|t|ing)?|lessons?|takeaways?|teach(es)?)\b/i, 'lessons'],
  [/\b(call(ed)? off|cancel+(ed|led)?|scrap+ed|postpone[ds]?|put off)\b/i, 'postponed cancelled'],
  [/\b(leak(ed|s)?|dump(ed)?|publish(ed)?|release[sd]?)\b/i, 'leaked published'],
  [/\b(lose|lost|loss|wiped|erased?|destroy(ed)?)\b/i, 'lost wiped destroyed data backup'],
  [/\b(dwell|inside|lurking|hiding|undetected|sitting in)\b/i, 'months dwell access'],
  [/\b(pull(ed)? the trigger|went destructive|go destructive|went loud|struck|detonat\w*|kick(ed|s)? off)\b/i, 'destructive began'],
  [/\b(why|reason|motive|motivation)\b/i, 'because retaliation reason'],
  [/\b(trying to (achieve|accomplish|get|do)|(want|wants|wanted) to achieve|end game|endgame|agenda|objectives?)\b/i, 'seeks aims goal wants'],
  [/\b(help(ed|ing)?|assist(ed|ance)?|support(ed)?)\b/i, 'helped assistance support'],
  [/\b(fired|sacked|ousted|dismissed|step(ped|s)? down|quit|resign(ed|s|ation)?|lost (her|his|their) jobs?)\b/i, 'resigned dismissed removed'],
  [/\b(boss|bosses|chief|head|in charge)\b/i, 'director head led'],
  [/\b(law|legal|legislation)\b/i, 'law'],
  [/\b(arrest(s|ed)?|charged?|charges|prosecut(ed|ions?|ors?)|indict(ed|ments?)?|detain(ed)?)\b/i, 'charged prosecutors investigation'],
  [/\b(aka|also known as|alias(es)?|other names?|called now|call (it|them) now|renamed)\b/i, 'named aliases known'],
  [/\b(wipers?|wipe[sd]?|wiping)\b/i, 'wiper'],
  [/\b(encrypt(ed|ion|or)?|ransom(ware)?)\b/i, 'ransomware encrypt'],
  [/\b(nato|article 5|article five|collective defen[cs]e)\b/i, 'NATO Article'],
  [/\b(platforms?|social media|online accounts?)\b/i, 'website channel account'],
  [/\bhow (do|did|does|can|could) (we|they|you|albania|anyone|investigators) (know|tell|find out)\b|\b(found out|find out|proof|prove[ds]?|evidence)\b/i, 'evidence attributed'],
];

/**
 * The everyday phrases a question uses that analysts word otherwise, each with the analysts' words to add,
 * so it finds passages written in analysts' terms.
 */
export function expand(question: string): [phrase: string, words: string[]][] {
  const pairs: [string, string[]][] = [];
  for (const [re, add] of PHRASES) {
    const m = re.exec(question);
    if (m) pairs.push([m[0], add.split(' ')]);
  }
  return pairs;
}
