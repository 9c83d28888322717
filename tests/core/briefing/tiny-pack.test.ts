import { describe, expect, it } from 'vitest';
import { Briefing } from '../../../src/core/briefing/briefing.js';
import type { ListItem, Reply } from '../../../src/core/briefing/document.js';
import { loadPack } from '../../../src/core/content/load.js';
import { TINY_DIR } from '../../helpers.js';
import { bodyText, expectCitationsResolve, paragraphs, REAL_CASE_WORDS, replyText } from '../../reply-helpers.js';

const pack = loadPack(TINY_DIR);
const b = new Briefing(pack);

const items = (r: Reply): ListItem[] => r.blocks.flatMap((x) => (x.type === 'list' ? x.items : []));
const eventTitles = (r: Reply) => items(r).map((i) => i.text.slice(0, i.text.indexOf('. ')));

describe('the Briefing on the tiny fixture pack', () => {
  it('gives the fixture\'s overview, cited, with its own topics', () => {
    const r = b.brief();
    expect(r.title).toBe('The 2031 Harbour Blackout');
    expect(paragraphs(r)).toHaveLength(pack.overview.standard.length);
    expect(bodyText(r)).toContain('Topics: blackout, investigation, blame.');
    expectCitationsResolve(r);
    const t6 = r.citations.find((c) => c.id === 'T6');
    expect(t6).toMatchObject({ publisher: 'The Verrin Watchdog (blog)', reliability: 'low' });
    expect(t6!.url).toBeUndefined();
    expect(r.citations.filter((c) => c.id !== 'T6').every((c) => c.url?.startsWith('https://example.org/'))).toBe(true);
  });

  it('gives the short overview and the sections as parts of a three-part series', () => {
    expect(paragraphs(b.brief(undefined, 'short'))).toHaveLength(1);
    expect(b.brief('blame').title).toBe('Part 3 of 3: Who was blamed, and who denied it');
    expect(b.brief('How the intruders got in').title).toBe('Part 2 of 3: How the intruders got in');
    expect(b.brief('blackout').actions).toContainEqual({ kind: 'more', label: 'Next: How the intruders got in', command: '/brief investigation' });
  });

  it('lists a month, including periods that overlap it', () => {
    const r = b.timeline({ from: '2031-03' });
    expect(r.title).toBe('Timeline: March 2031');
    const titles = eventTitles(r);
    expect(titles).toContain('The harbour closes for three days');
    expect(titles).toContain('The crane network is quietly mapped');
    expect(titles).not.toContain('Intruders plant the DOCKHOOK backdoor');
    expect(titles).not.toContain('Tidewatch blames Grey Lantern; the group denies it');
    expectCitationsResolve(r);
  });

  it('labels periods with both ends and partial dates at their precision', () => {
    const labels = new Map(items(b.timeline({})).map((i) => [i.text.slice(0, i.text.indexOf('. ')), i.label]));
    expect(labels.get('The harbour closes for three days')).toBe('14 Mar 2031 – 16 Mar 2031');
    expect(labels.get('The crane network is quietly mapped')).toBe('Dec 2030 – Mar 2031');
    expect(labels.get('Intruders plant the DOCKHOOK backdoor')).toBe('Nov 2030');
    expect(labels.get('The review finds no network separation')).toBe('2031');
  });

  it('finds the day inside a multi-day event', () => {
    const titles = eventTitles(b.timeline({ from: '2031-03-15' }));
    expect(titles).toContain('The harbour closes for three days');
    expect(titles).not.toContain('Cranes and the pilot system stop');
  });

  it('lists a phase of the fixture', () => {
    expect(eventTitles(b.timeline({ phase: 'run-up' }))).toEqual(['Intruders plant the DOCKHOOK backdoor', 'The crane network is quietly mapped']);
    expect(b.timeline({ from: 'blackout' }).title).toBe('Timeline: The blackout (14 to 16 March 2031)');
  });

  it('says where the fixture\'s timeline runs when a period is empty', () => {
    const r = b.timeline({ from: '2022' });
    expect(r.tone).toBe('notice');
    expect(bodyText(r)).toContain('No events in the timeline for 2022.');
    expect(bodyText(r)).toContain('The timeline runs from November 2030');
  });

  it('finds actors by alias, nickname and small typo', () => {
    expect(b.actor('PVHA').title).toBe('Port Verrin Harbour Authority');
    expect(b.actor('director quell').title).toBe('Mara Quell');
    expect(b.actor('Gray Lantern').title).toBe('Grey Lantern');
    expect(b.actor('tws').title).toBe('Tidewatch Security');
    const lantern = b.actor('Grey Lantern');
    expect(eventTitles(lantern)).toEqual(pack.eventsByActor.get('grey-lantern')!.map((e) => e.title));
    expectCitationsResolve(lantern);
  });

  it('defines glossary terms and malware of the fixture', () => {
    expect(b.glossary('segmentation').title).toBe('Network separation');
    expect(b.glossary('Harbour Pilot System').title).toBe('HPS');
    const wiper = b.glossary('salt crane');
    expect(wiper.title).toBe('SALTCRANE');
    expect(wiper.blocks[0]).toEqual({
      type: 'fields',
      fields: [
        { name: 'Kind', value: 'wiper' },
        { name: 'Also known as', value: 'Salt Crane, crane wiper' },
      ],
    });
  });

  it('orders sources by reliability whatever the order in sources.yaml', () => {
    expect(items(b.sources()).map((i) => i.label)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    expect(items(b.sources()).map((i) => i.text.replace(/^.*\(/, '('))).toEqual([
      '(Primary)',
      '(Major news)',
      '(Specialist)',
      '(Secondary copy)',
      '(Partisan)',
      '(Low reliability)',
    ]);
    expect(items(b.sources('blame')).map((i) => i.label)).toEqual(['T3', 'T5', 'T6']);
  });

  it('never mentions the real case, in answers or in errors and hints', () => {
    const replies: [string, Reply][] = [
      ['brief', b.brief()],
      ['brief short', b.brief(undefined, 'short')],
      ['brief unknown', b.brief('nonsense')],
      ['timeline', b.timeline({})],
      ['timeline empty', b.timeline({ from: '1999' })],
      ['timeline bad date', b.timeline({ from: '2031-13' })],
      ['timeline reversed', b.timeline({ from: '2031-04', to: '2031-03' })],
      ['timeline unknown phase', b.timeline({ phase: 'nonsense' })],
      ['actor empty', b.actor('')],
      ['actor unknown', b.actor('nonsense')],
      ['glossary empty', b.glossary('')],
      ['glossary unknown', b.glossary('nonsense')],
      ['sources', b.sources()],
      ['sources unknown', b.sources('nonsense')],
    ];
    const leaks = replies.filter(([, r]) => REAL_CASE_WORDS.test(replyText(r))).map(([name, r]) => `${name}: …${replyText(r).match(REAL_CASE_WORDS)![0]}…`);
    expect(leaks).toEqual([]);
  });
});
