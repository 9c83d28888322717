const ZWSP = '\u200b';

/**
 * Makes any text safe inside Slack mrkdwn. Escaping `& < >` means no `<!here>`, `<@U…>` or
 * `<url|…>` can be formed, whatever the content or the user typed; the zero-width space keeps
 * Slack's automatic parsing from turning a bare `@here` into a ping.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=(everyone|here|channel)\b)/gi, `@${ZWSP}`);
}

/** A link built by us from a citation URL; undefined when the URL is not plain http(s). */
export function mrkdwnLink(url: string, label: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  // `|` and `>` end the link target in Slack's syntax, so they must not survive unencoded.
  const target = parsed.href.replace(/\|/g, '%7C').replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E');
  return `<${target}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair, adding an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Splits text into chunks whose measured size is at most `max`, preferring paragraph, then line,
 * then sentence, then word boundaries. Only a single word longer than `max` is ever cut.
 */
export function splitText(text: string, max: number, measure: (s: string) => number = (s) => s.length): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest && measure(rest) > max) {
    const fit = longestFit(rest, max, measure);
    const cut = boundary(rest, fit);
    const head = rest.slice(0, cut).trimEnd();
    if (head) out.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** The longest prefix length (in UTF-16 units) that measures at most `max`. */
function longestFit(text: string, max: number, measure: (s: string) => number): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(text.slice(0, mid)) <= max) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// Paragraph, line, sentence, clause, word: the cut goes after the punctuation, before the whitespace.
const BOUNDARIES = [/\n\s*\n/g, /\n/g, /[.!?…]["'’”)\]]*(?=\s)/g, /[;:,](?=\s)/g, /\s/g];

/** Where to cut within the first `fit` characters: the last good boundary, else a hard cut. */
function boundary(text: string, fit: number): number {
  const window = text.slice(0, fit + 1);
  for (const [i, re] of BOUNDARIES.entries()) {
    const keepsMatch = i === 2 || i === 3;
    let last = 0;
    for (const m of window.matchAll(re)) {
      const cut = keepsMatch ? m.index + m[0].length : m.index;
      if (cut > 0 && cut <= fit) last = cut;
    }
    // A paragraph or sentence break far back would leave a short chunk: try finer boundaries first.
    const floor = i === BOUNDARIES.length - 1 ? 0 : fit / 3;
    if (last > floor) return last;
  }
  let cut = Math.max(1, fit);
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut = Math.max(1, cut - 1);
  return cut;
}

/**
 * Slack's markup in incoming text back to plain words: `<@U1|ann>` → `@ann`, `<#C1|general>` → `#general`,
 * `<!here>` → `@here`, `<https://x|x>` → `x`, and `&amp; &lt; &gt;` decoded.
 */
export function fromSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_m, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@') || target.startsWith('#')) return label ? `${target[0]}${label.replace(/^[@#]/, '')}` : target;
      if (target.startsWith('!')) {
        const special = target.slice(1).split('^')[0] ?? '';
        if (label) return label;
        return ['here', 'channel', 'everyone'].includes(special) ? `@${special}` : special;
      }
      return label ?? target.replace(/^mailto:/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
