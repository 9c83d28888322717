import { escapeMarkdown } from 'discord.js';

const ZWSP = '\u200b';

/**
 * Reply text is plain by contract, so every markdown character in it is meant literally;
 * escaping all of it also covers the parts that echo what a user typed.
 * Mention syntax is broken up as well: allowed_mentions already stops pings, this keeps
 * the text from even looking like one.
 */
export function escapeText(text: string): string {
  // escapeMarkdown slows down with the square of a line's length; escaping pieces cut at spaces keeps it linear.
  const pieces = text.length <= 1000 ? [text] : text.match(/[\s\S]{1,1000}(?:\s|$)|[\s\S]{1,1000}/g) ?? [text];
  const escaped = pieces.map((p) => escapeMarkdown(p, { heading: true, bulletedList: true, numberedList: true, maskedLink: true })).join('');
  return neutralizeMentions(escaped.replace(/^(\s*)>/gm, '$1\\>'));
}

export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<([@#]!?&?)(?=\d)/g, `<${ZWSP}$1`);
}

/** Text shown where Discord renders no markdown (footers, button labels): only mentions need care. */
export function plainText(text: string): string {
  return neutralizeMentions(text.replace(/\s+/g, ' ').trim());
}

/** Shortens to at most `max` characters at a word boundary, ending in an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  const cut = wordCut(text, max - 1);
  return `${text.slice(0, cut).trimEnd()}…`;
}

/**
 * Splits text into pieces of at most `max` characters, preferring paragraph, then line,
 * then sentence, then word boundaries. A single word longer than `max` (a runaway URL)
 * is the only thing ever cut inside.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = bestCut(rest, max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function bestCut(text: string, max: number): number {
  const head = text.slice(0, max + 1);
  // Don't settle for a boundary that leaves a tiny first piece when a finer one goes further.
  const floor = Math.floor(max * 0.4);
  const para = head.lastIndexOf('\n\n');
  if (para > floor) return para;
  const line = head.lastIndexOf('\n');
  if (line > floor) return line;
  let sentence = -1;
  for (const m of head.matchAll(/[.!?…]["'”’)\]]*\s/g)) {
    const end = m.index + m[0].length - 1;
    if (end <= max) sentence = end;
  }
  if (sentence > floor) return sentence;
  return wordCut(text, max);
}

/** The last whitespace at or before `max`; a hard cut (never inside a surrogate pair) when there is none. */
function wordCut(text: string, max: number): number {
  const head = text.slice(0, max + 1);
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'), head.lastIndexOf('\t'));
  if (space > 0) return space;
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return Math.max(1, cut);
}
