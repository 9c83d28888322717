const ZWSP = '\u200b';

/**
 * Makes user text safe to show back: no control or bidi-override characters,
 * no mention syntax that could ping (@everyone, <!here>, <@U123>), bounded length.
 * Adapters escape their own markup on top of this.
 */
export function quoteUser(text: string, max = 80): string {
  let t = text
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  t = t.replace(/@(everyone|here|channel)/gi, `@${ZWSP}$1`).replace(/<([@#!&])/g, `<${ZWSP}$1`);
  const chars = [...t];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : t;
}
