import { describe, expect, it } from 'vitest';
import { Briefing, type TimelineQuery } from '../../../src/core/briefing/briefing.js';
import type { ListItem, Reply } from '../../../src/core/briefing/document.js';
import { PAGE_BUDGET } from '../../../src/core/briefing/paging.js';
import { countWords, markersIn } from '../../../src/core/content/citations.js';
import { dateSpan } from '../../../src/core/content/dates.js';
import type { TimelineEvent } from '../../../src/core/content/pack.js';
import { reliabilities } from '../../../src/core/content/schema.js';
import { casePack } from '../../helpers.js';
import { bodyText, expectCitationsResolve, paragraphs } from '../../reply-helpers.js';

const pack = casePack();
const b = new Briefing(pack);

/** Follows "Next page" from page 1 to the end. */
function allPages(first: (page: number) => Reply): Reply[] {
  const out: Reply[] = [];
  for (let page = 1; page <= 60; page++) {
    const r = first(page);
    out.push(r);
    if (!r.actions.some((a) => a.kind === 'next')) break;
  }
  return out;
}

function listItems(r: Reply): ListItem[] {
  return r.blocks.flatMap((x) => (x.type === 'list' ? x.items : []));
}

function contexts(r: Reply): string[] {
  return r.blocks.flatMap((x) => (x.type === 'context' ? [x.text] : []));
}

/** The timeline events a reply lists, found by their titles. */
function eventsShown(q: TimelineQuery): TimelineEvent[] {
  return allPages((page) => b.timeline({ ...q, page }))
    .flatMap(listItems)
    .map((item) => {
      const e = pack.events.find((ev) => item.text.startsWith(`${ev.title}. `));
      if (!e) throw new Error(`no event for list item ${item.text.slice(0, 60)}`);
      return e;
    });
}

function overlaps(e: TimelineEvent, from: number, to: number): boolean {
  return dateSpan(e.start)[0] <= to && dateSpan(e.until ?? e.start)[1] >= from;
}

/** Removes [n] numbers from composed text and [S12] markers from source text, so the two can be compared. */
const plainComposed = (t: string) => t.replace(/\[\d+\]/g, '').replace(/\s+/g, ' ').trim();
const plainSource = (t: string) => t.replace(/\s*\[[A-Z]+\d+\]/g, '').replace(/\s+/g, ' ').trim();

/** A paragraph ends with a full sentence and its citations, e.g. `...2022.[1][2]` or `..."indisputable".[3]`. */
const ENDS_WITH_CITED_SENTENCE = /[.!?]["”’')]*(\[\d+\])+$/;

describe('Briefing.overview', () => {
  it('gives the standard overview with the key facts of the case', () => {
    const r = b.brief();
    expect(r.title).toBe(pack.overview.title);
    const text = paragraphs(r).join('\n');
    expect(text).toContain('HomeLand Justice');
    expect(text).toMatch(/7 September 2022|September 2022/);
    expect(text).toMatch(/Iran (rejected|denied)/);
    expect(text).toMatch(/cut diplomatic relations|diplomatic ties/);
    expect(paragraphs(r)).toHaveLength(pack.overview.standard.length);
  });

  it('numbers its citations so that every number resolves to a source with a URL', () => {
    for (const length of ['short', 'standard'] as const) {
      const r = b.brief(undefined, length);
      expectCitationsResolve(r, { urls: true });
      expect(r.citations.length).toBeGreaterThan(1);
    }
  });

  it('numbers sources in order of first use and reuses a number for a repeated source', () => {
    const r = b.overview('standard');
    const order = [...new Set(markersIn(pack.overview.standard.join(' ')))];
    expect(r.citations.map((c) => c.id)).toEqual(order);
  });

  it('gives a short overview of at most 80 words with the same key facts', () => {
    const r = b.brief(undefined, 'short');
    const [text] = paragraphs(r);
    expect(paragraphs(r)).toHaveLength(1);
    expect(countWords(plainComposed(text!))).toBeLessThanOrEqual(80);
    expect(text).toContain('HomeLand Justice');
    expect(text).toContain('7 September 2022');
    expect(text).toMatch(/Iran denied/);
    expect(r.actions).toContainEqual({ kind: 'more', label: 'Full overview', command: '/brief overview standard' });
  });

  it('offers the sources and the first part of the series', () => {
    const r = b.overview();
    expect(r.actions).toContainEqual({ kind: 'sources', label: 'Sources', command: '/sources' });
    expect(r.actions).toContainEqual(expect.objectContaining({ kind: 'more', command: `/brief ${pack.sections[0]!.id}` }));
    expect(contexts(r).join(' ')).toContain(pack.sections.map((s) => s.id).join(', '));
  });

  it('treats "overview", "summary" and "all" (any case) as the overview', () => {
    const standard = bodyText(b.overview());
    for (const t of ['overview', 'Summary', ' ALL ', '']) expect(bodyText(b.brief(t))).toBe(standard);
  });
});

describe('Briefing.section', () => {
  it('pages every section without cutting, losing or repeating a paragraph', () => {
    for (const s of pack.sections) {
      const pages = allPages((page) => b.brief(s.id, 'standard', page));
      const shown = pages.flatMap(paragraphs);
      expect(shown.map(plainComposed), s.id).toEqual(s.paragraphs.map(plainSource));
      pages.forEach((r, i) => {
        for (const p of paragraphs(r)) expect(p, `${s.id} page ${i + 1}`).toMatch(ENDS_WITH_CITED_SENTENCE);
        expectCitationsResolve(r);
        expect(r.title).toBe(`Part ${s.order} of ${pack.sections.length}: ${s.title}`);
      });
    }
  });

  it('keeps each page within the page budget unless a single paragraph is longer', () => {
    for (const s of pack.sections) {
      allPages((page) => b.brief(s.id, 'standard', page)).forEach((r) => {
        const ps = paragraphs(r);
        if (ps.length > 1) expect(ps.join('').length, s.id).toBeLessThanOrEqual(PAGE_BUDGET);
      });
    }
  });

  it('splits a long section into pages with a page note and a working next-page command', () => {
    const pages = allPages((page) => b.brief('attribution', 'standard', page));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((r, i) => {
      expect(contexts(r)).toContain(`Page ${i + 1} of ${pages.length}`);
      const next = r.actions.find((a) => a.kind === 'next');
      if (i < pages.length - 1) expect(next?.command).toBe(`/brief attribution standard page:${i + 2}`);
      else expect(next).toBeUndefined();
    });
    expect(paragraphs(pages[0]!)).not.toEqual(paragraphs(pages[1]!));
  });

  it('clamps page numbers outside the range', () => {
    const pages = allPages((page) => b.brief('attribution', 'standard', page));
    expect(bodyText(b.brief('attribution', 'standard', 999))).toBe(bodyText(pages[pages.length - 1]!));
    expect(bodyText(b.brief('attribution', 'standard', 0))).toBe(bodyText(pages[0]!));
  });

  it('gives only the first paragraph in the short length, with a way to read all', () => {
    const s = pack.sections.find((x) => x.paragraphs.length > 1)!;
    const r = b.brief(s.id, 'short');
    expect(paragraphs(r).map(plainComposed)).toEqual([plainSource(s.paragraphs[0]!)]);
    expect(r.actions).toContainEqual({ kind: 'more', label: 'Read all', command: `/brief ${s.id}` });
  });

  it('points to the next part of the series, except from the last', () => {
    const [first, second] = pack.sections;
    const last = pack.sections[pack.sections.length - 1]!;
    const lastPage = (id: string) => allPages((page) => b.brief(id, 'standard', page)).pop()!;
    expect(lastPage(first!.id).actions).toContainEqual({ kind: 'more', label: `Next: ${second!.title}`, command: `/brief ${second!.id}` });
    expect(lastPage(last.id).actions.filter((a) => a.kind === 'more')).toEqual([]);
  });

  it('finds a topic by its title, by words of its id, and despite a small typo', () => {
    expect(b.brief('atribution').title).toContain('Attribution and confidence');
    expect(b.brief('diplomatic break').title).toContain(pack.sections.find((s) => s.id === 'diplomatic-break')!.title);
    expect(b.brief('NATO ARTICLE 5').title).toContain(pack.sections.find((s) => s.id === 'nato-article-5')!.title);
  });

  it('answers an unknown topic with the known topics', () => {
    const r = b.brief('the weather in Tirana');
    expect(r.tone).toBe('error');
    expect(bodyText(r)).toContain('I don\'t know the topic "the weather in Tirana"');
    expect(bodyText(r)).toMatch(/Known topics: background, intrusion|Did you mean/);
  });
});

describe('Briefing.timeline', () => {
  it('lists a year: every event overlapping 2022, in date order', () => {
    const shown = eventsShown({ from: '2022' });
    const expected = pack.events.filter((e) => e.start.year <= 2022 && (e.until ?? e.start).year >= 2022);
    expect(shown.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(contexts(b.timeline({ from: '2022' })).join(' ')).toContain(`${expected.length} events`);
    const starts = shown.map((e) => dateSpan(e.start)[0]);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
  });

  it('lists a month (2022-09) with the diplomatic break and nothing outside September 2022', () => {
    const r = b.timeline({ from: '2022-09' });
    expect(r.title).toBe('Timeline: September 2022');
    const shown = eventsShown({ from: '2022-09' });
    expect(shown.map((e) => e.id)).toContain('diplomatic-break');
    expect(shown.map((e) => e.id)).not.toContain('attack-begins');
    for (const e of shown) expect(overlaps(e, 20220901, 20220930), e.id).toBe(true);
    expect(listItems(r).find((i) => i.text.startsWith('Albania cuts diplomatic ties with Iran.'))?.label).toBe('7 Sep 2022');
  });

  it('lists a date range inclusively', () => {
    const r = b.timeline({ from: '2022-07-15', to: '2022-09-07' });
    expect(r.title).toBe('Timeline: 15 July 2022 to 7 September 2022');
    const ids = eventsShown({ from: '2022-07-15', to: '2022-09-07' }).map((e) => e.id);
    expect(ids).toContain('attack-begins');
    expect(ids).toContain('diplomatic-break');
    expect(ids).not.toContain('us-sanctions');
    for (const id of ids) expect(overlaps(pack.events.find((e) => e.id === id)!, 20220715, 20220907), id).toBe(true);
  });

  it('reads dates written in words', () => {
    expect(b.timeline({ from: 'sept 2022' }).title).toBe('Timeline: September 2022');
    expect(b.timeline({ from: '7 September 2022' }).title).toBe('Timeline: 7 September 2022');
  });

  it('lists one phase, by id, by label words, or as a lone word', () => {
    const expected = pack.events.filter((e) => e.phase === 'escalation').map((e) => e.id);
    expect(eventsShown({ phase: 'escalation' }).map((e) => e.id)).toEqual(expected);
    expect(eventsShown({ from: 'escalation' }).map((e) => e.id)).toEqual(expected);
    expect(b.timeline({ phase: 'escalation' }).title).toBe(`Timeline: ${pack.meta.phases.find((p) => p.id === 'escalation')!.label}`);
    const later = pack.events.filter((e) => e.phase === 'later-waves').map((e) => e.id);
    expect(eventsShown({ phase: 'Later Waves' }).map((e) => e.id)).toEqual(later);
  });

  it('combines a phase with a period', () => {
    const ids = eventsShown({ from: '2022-09-09', phase: 'escalation' }).map((e) => e.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const e = pack.events.find((x) => x.id === id)!;
      expect(e.phase).toBe('escalation');
      expect(overlaps(e, 20220909, 20220909)).toBe(true);
    }
  });

  it('pages a long timeline without repeating or losing events', () => {
    const pages = allPages((page) => b.timeline({ page }));
    expect(pages.length).toBeGreaterThan(1);
    const ids = eventsShown({});
    expect(ids.map((e) => e.id)).toEqual(pack.events.map((e) => e.id));
    expect(pages[0]!.actions.find((a) => a.kind === 'next')?.command).toBe('/timeline page:2');
    for (const r of pages) expectCitationsResolve(r);
  });

  it('says which part of a bad date is wrong', () => {
    const msg = (q: TimelineQuery) => {
      const r = b.timeline(q);
      expect(r.tone).toBe('error');
      return bodyText(r);
    };
    expect(msg({ from: '2022-13' })).toMatch(/Start date: "2022-13": the month must be between 01 and 12/);
    expect(msg({ from: '2022-09', to: '2022-13' })).toContain('End date: "2022-13": the month must be between 01 and 12');
    expect(msg({ from: '2022-02-30' })).toMatch(/"2022-02-30": .*only 28 days/);
    expect(msg({ from: '2024-02-30' })).toMatch(/only 29 days/);
    expect(msg({ from: '30 feb 2022' })).toMatch(/"30 feb 2022" is not a real day/);
    expect(msg({ from: 'yesterday' })).toMatch(/"yesterday" is neither a day, a month nor a year/);
    expect(msg({ from: 'September' })).toMatch(/needs a year/);
    expect(msg({ from: '2022-09', to: '2022-07' })).toMatch(/end date \(2022-07\) is before the start date \(2022-09\)/);
  });

  it('says so when a period has no events, and where the timeline runs', () => {
    const r = b.timeline({ from: '1999' });
    expect(r.tone).toBe('notice');
    expect(r.title).toBe('Timeline: 1999');
    expect(bodyText(r)).toContain('No events in the timeline for 1999.');
    const first = pack.events[0]!;
    expect(contexts(r).join(' ')).toMatch(new RegExp(`runs from ${first.start.year}`));
  });

  it('refuses an unknown phase with the closest or the known phases', () => {
    const r = b.timeline({ phase: 'zzzz' });
    expect(r.tone).toBe('error');
    expect(bodyText(r)).toContain('I don\'t know the phase "zzzz"');
    expect(bodyText(r)).toContain('background');
  });
});

describe('Briefing.actor', () => {
  const titleOf = (name: string) => b.actor(name).title;

  it('finds an actor by alias, in any case', () => {
    expect(titleOf('MOIS')).toBe('Ministry of Intelligence and Security (MOIS)');
    expect(titleOf('mois')).toBe('Ministry of Intelligence and Security (MOIS)');
    expect(titleOf('VAJA')).toBe('Ministry of Intelligence and Security (MOIS)');
    expect(titleOf('eDi rAmA')).toBe('Edi Rama');
    expect(titleOf('storm 0842')).toBe(pack.actors.find((a) => a.id === 'dev-0842')!.name);
  });

  it('forgives a small typo', () => {
    expect(titleOf('Khatb')).toBe('Esmail Khatib');
    expect(titleOf('Esmail Khatb')).toBe('Esmail Khatib');
  });

  it('answers an unknown name with an error, and suggestions when some are close', () => {
    const none = b.actor('zzzzqqq');
    expect(none.tone).toBe('error');
    expect(bodyText(none)).toContain('I don\'t know the actor "zzzzqqq"');
    const near = b.actor('Ministry');
    expect(near.tone).toBe('error');
    expect(bodyText(near)).toMatch(/Did you mean "Ministry of Intelligence and Security \(MOIS\)"/);
  });

  it('asks for a name when given none', () => {
    const r = b.actor('  ');
    expect(r.tone).toBe('error');
    expect(bodyText(r)).toContain('Which actor?');
  });

  it('shows role, kind, aliases, the cited summary and the actor\'s events', () => {
    const r = b.actor('Esmail Khatib');
    const a = pack.actors.find((x) => x.id === 'esmail-khatib')!;
    const fields = r.blocks.find((x) => x.type === 'fields');
    expect(fields).toEqual({
      type: 'fields',
      fields: [
        { name: 'Role', value: a.role },
        { name: 'Kind', value: 'person' },
        { name: 'Also known as', value: a.aliases.join(', ') },
      ],
    });
    expect(plainComposed(paragraphs(r)[0]!)).toBe(plainSource(a.summary));
    const events = pack.eventsByActor.get('esmail-khatib')!;
    for (const e of events.slice(0, 8)) expect(listItems(r).some((i) => i.text.startsWith(`${e.title}.`)), e.id).toBe(true);
    expectCitationsResolve(r, { urls: false });
  });

  it('writes each event line as "Title. [n]" with single spaces', () => {
    for (const item of listItems(b.actor('Esmail Khatib')).filter((i) => i.label)) {
      expect(item.text).toMatch(/^\S.*\. (\[\d+\])+$/);
      expect(item.text).not.toMatch(/\s{2}/);
    }
  });

  it('shows at most 8 events and says how many there are', () => {
    const all = pack.eventsByActor.get('edi-rama')!;
    expect(all.length).toBeGreaterThan(8);
    const r = b.actor('Edi Rama');
    expect(listItems(r).filter((i) => i.label)).toHaveLength(8);
    expect(contexts(r)).toContain(`Part of ${all.length} timeline events; 8 shown.`);
  });
});

describe('Briefing.glossary', () => {
  it('defines a term, with its sources', () => {
    const r = b.glossary('spak');
    expect(r.title).toBe('SPAK');
    const t = pack.glossary.find((x) => x.id === 'spak')!;
    expect(plainComposed(paragraphs(r)[0]!)).toBe(plainSource(t.definition));
    expect(contexts(r)).toContain(`Also: ${t.aliases.join(', ')}`);
    expectCitationsResolve(r);
  });

  it('finds a term by its long form', () => {
    expect(b.glossary('Islamic Revolutionary Guard Corps').title).toBe('IRGC');
  });

  it('describes malware that has no glossary entry, with its kind', () => {
    const names = new Set(pack.glossary.flatMap((t) => [t.term, ...t.aliases].map((n) => n.toLowerCase())));
    const m = pack.malware.find((x) => !names.has(x.name.toLowerCase()) && ![...x.aliases].some((a) => names.has(a.toLowerCase())));
    expect(m, 'the real pack has malware outside the glossary').toBeDefined();
    const r = b.glossary(m!.name);
    expect(r.title).toBe(m!.name);
    expect(r.blocks[0]).toMatchObject({ type: 'fields', fields: expect.arrayContaining([{ name: 'Kind', value: m!.kind }]) });
    expectCitationsResolve(r);
  });

  it('falls back to an actor, and refuses an unknown term', () => {
    expect(b.glossary('Edi Rama').title).toBe('Edi Rama');
    const r = b.glossary('flux capacitor');
    expect(r.tone).toBe('error');
    expect(bodyText(r)).toContain('I don\'t know the term "flux capacitor"');
    expect(b.glossary('').tone).toBe('error');
  });
});

describe('Briefing.sources', () => {
  const rank = (r: string) => reliabilities.indexOf(r as (typeof reliabilities)[number]);

  /** The source ids a /sources reply lists, across all its pages. */
  function listed(topic?: string): string[] {
    return allPages((page) => b.sources(topic, page))
      .flatMap(listItems)
      .map((i) => i.label!);
  }

  it('lists every source of the case once, most reliable first, then oldest first', () => {
    const ids = listed();
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(pack.sources.size);
    const sources = ids.map((id) => pack.sources.get(id)!);
    for (let i = 1; i < sources.length; i++) {
      const [a, c] = [sources[i - 1]!, sources[i]!];
      expect(rank(a.reliability) < rank(c.reliability) || (a.reliability === c.reliability && a.date.localeCompare(c.date) <= 0), `${a.id} before ${c.id}`).toBe(true);
    }
    expect(pack.sources.get(ids[0]!)!.reliability).toBe('primary');
  });

  it('shows each source with its publisher, date, URL and reliability', () => {
    const [item] = listItems(b.sources());
    const s = pack.sources.get(item!.label!)!;
    expect(item!.text).toContain(s.title);
    expect(item!.text).toContain(s.publisher);
    expect(item!.text).toContain(s.date);
    if (s.url) expect(item!.text).toContain(s.url);
    expect(item!.text).toMatch(/\(Primary\)$/);
  });

  it('lists exactly what a topic, an actor or the overview cites', () => {
    const section = pack.sections.find((s) => s.id === 'attribution')!;
    expect(new Set(listed('attribution'))).toEqual(new Set(markersIn(section.paragraphs.join(' '))));
    const mois = pack.actors.find((a) => a.id === 'mois')!;
    expect(new Set(listed('MOIS'))).toEqual(new Set(markersIn([mois.summary, ...mois.facts].join(' '))));
    expect(new Set(listed('overview'))).toEqual(new Set(markersIn([pack.overview.short, ...pack.overview.standard].join(' '))));
  });

  it('refuses an unknown topic', () => {
    const r = b.sources('flux capacitor');
    expect(r.tone).toBe('error');
    expect(bodyText(r)).toContain('I don\'t know the topic "flux capacitor"');
  });
});
