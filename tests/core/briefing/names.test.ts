import { describe, expect, it } from 'vitest';
import { Briefing } from '../../../src/core/briefing/briefing.js';
import { NameIndex, normalize } from '../../../src/core/briefing/names.js';
import { casePack } from '../../helpers.js';

describe('normalize', () => {
  it('folds case, accents and punctuation', () => {
    expect(normalize('Manëz')).toBe('manez');
    expect(normalize('  MANEZ!  ')).toBe('manez');
    expect(normalize('Durrës, Albania')).toBe('durres albania');
    expect(normalize('DEV-0842')).toBe('dev 0842');
    expect(normalize("People's Mojahedin")).toBe('people s mojahedin');
  });

  it('keeps letters of other scripts', () => {
    expect(normalize('وزارت اطلاعات')).toBe('وزارت اطلاعات');
  });

  it('reduces text with no letters or digits to nothing', () => {
    expect(normalize(' -- !? ')).toBe('');
  });
});

describe('NameIndex', () => {
  const idx = new NameIndex([
    { item: 'mois', names: ['MOIS', 'Ministry of Intelligence and Security'] },
    { item: 'spak', names: ['SPAK'] },
    { item: 'rama', names: ['Edi Rama', 'Rama'] },
    { item: 'ramadan', names: ['Ramadan Bey'] },
    { item: 'manez', names: ['Manëz'] },
    { item: 'khatib', names: ['Esmail Khatib', 'Khatib'] },
    { item: 'mandiant', names: ['Mandiant'] },
  ]);
  const found = (q: string) => idx.lookup(q).found;
  const suggested = (q: string) => {
    const r = idx.lookup(q);
    return r.found === undefined ? r.suggestions : undefined;
  };

  it('finds an entry by any of its names, ignoring case, accents and punctuation', () => {
    expect(found('mois')).toBe('mois');
    expect(found('ministry of intelligence and security')).toBe('mois');
    expect(found('MANEZ!')).toBe('manez');
    expect(found('Manez')).toBe('manez');
    expect(found('edi rama')).toBe('rama');
  });

  it('forgives one typo in a name of 5 to 8 letters and two in a longer one', () => {
    expect(found('Khatb')).toBe('khatib');
    expect(found('Mandient')).toBe('mandiant');
    expect(found('Esmail Khatbi')).toBe('khatib');
  });

  it('wants short names exactly, so an abbreviation does not match its neighbour', () => {
    expect(found('MOIZ')).toBeUndefined();
    expect(found('SPAM')).toBeUndefined();
    expect(suggested('SPAM')).toContain('spak');
  });

  it('accepts a clear prefix of three letters or more', () => {
    expect(found('mand')).toBe('mandiant');
    expect(found('ma')).toBeUndefined();
  });

  it('does not pick between two equally good matches, and suggests both', () => {
    expect(found('ram')).toBeUndefined();
    expect(suggested('ram')!.slice(0, 2).sort()).toEqual(['rama', 'ramadan']);
  });

  it('prefers an exact name over a close one', () => {
    expect(found('Rama')).toBe('rama');
  });

  it('limits suggestions, and gives none for nonsense or empty queries', () => {
    expect(idx.lookup('ram', 1)).toEqual({ suggestions: ['rama'] });
    expect(suggested('zzzzqqq')).toEqual([]);
    expect(suggested('')).toEqual([]);
    expect(suggested('?!')).toEqual([]);
  });

  it('finds every actor, topic and term of the real pack by its own name', () => {
    const pack = casePack();
    const b = new Briefing(pack);
    const clash = (names: string[]) => (n: string) => names.filter((x) => normalize(x) === normalize(n)).length > 1;
    const actorNames = pack.actors.map((a) => a.name);
    for (const a of pack.actors) if (!clash(actorNames)(a.name)) expect(b.actors.lookup(a.name).found, a.name).toBe(a);
    for (const s of pack.sections) {
      expect(b.topics.lookup(s.id).found, s.id).toBe(s);
      expect(b.topics.lookup(s.title).found, s.title).toBe(s);
    }
    for (const p of pack.meta.phases) expect(b.phases.lookup(p.id).found, p.id).toBe(p);
    for (const t of pack.glossary) expect(b.terms.lookup(t.term).found, t.term).toMatchObject({ term: expect.any(String) });
  });
});
