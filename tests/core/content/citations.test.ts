import { describe, expect, it } from 'vitest';
import { citedSentences, countWords, markersIn, SOURCE_ID, stripMarkers } from '../../../src/core/content/citations.js';
import { casePack } from '../../helpers.js';

describe('markersIn', () => {
  it('returns source ids in the order written, repeats included', () => {
    expect(markersIn('A. [S28][S32] B. [S4] C. [S28]')).toEqual(['S28', 'S32', 'S4', 'S28']);
  });

  it('accepts any capital-letter prefix followed by digits', () => {
    expect(markersIn('x [T1] y [AB12] z [S193]')).toEqual(['T1', 'AB12', 'S193']);
  });

  it('ignores things that only look like markers', () => {
    expect(markersIn('[s2] [S] [12] [S1 ] [ S1] S3 (S4) [S-5] [footnote] [1]')).toEqual([]);
  });

  it('finds markers placed directly after a full stop', () => {
    expect(markersIn('Albania cut ties.[S28] Then more.[S29][S30]')).toEqual(['S28', 'S29', 'S30']);
  });

  it('agrees with SOURCE_ID on what a source id is', () => {
    for (const id of markersIn('[S1][T22][ABC3]')) expect(id).toMatch(SOURCE_ID);
    expect(SOURCE_ID.test('s1')).toBe(false);
    expect(SOURCE_ID.test('S')).toBe(false);
  });
});

describe('stripMarkers', () => {
  it('removes markers without leaving a space before punctuation', () => {
    expect(stripMarkers('Albania cut diplomatic ties with Iran on 7 September 2022. [S28][S32]')).toBe('Albania cut diplomatic ties with Iran on 7 September 2022.');
    expect(stripMarkers('MOIS [S54], the ministry [S59]; and more [S1].')).toBe('MOIS, the ministry; and more.');
  });

  it('keeps one space between sentences whichever way the markers sit', () => {
    expect(stripMarkers('First.[S1] Second. [S2][S3] Third.')).toBe('First. Second. Third.');
  });

  it('leaves text without markers alone, apart from outer whitespace', () => {
    expect(stripMarkers('  Plain text [not a marker].  ')).toBe('Plain text [not a marker].');
  });

  it('returns an empty string for markers only', () => {
    expect(stripMarkers('[S1][S2] [S3]')).toBe('');
  });
});

describe('countWords', () => {
  it('counts words and not markers', () => {
    expect(countWords('One two three. [S1][S2]')).toBe(3);
    expect(countWords('One two three.[S1] Four five. [S2]')).toBe(5);
  });

  it('is zero for empty text and for markers alone', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   ')).toBe(0);
    expect(countWords('[S1] [S2]')).toBe(0);
  });

  it('counts across line breaks and repeated spaces', () => {
    expect(countWords('one\ntwo\t three    four')).toBe(4);
  });
});

describe('citedSentences', () => {
  it('splits prose into sentences, each with the markers that follow it', () => {
    expect(citedSentences('Albania cut ties on 7 September 2022. [S28][S32] Iran denied it. [S48]')).toEqual([
      { text: 'Albania cut ties on 7 September 2022.', sources: ['S28', 'S32'] },
      { text: 'Iran denied it.', sources: ['S48'] },
    ]);
  });

  it('handles markers directly after the full stop', () => {
    expect(citedSentences('First.[S1] Second.[S2][S3]')).toEqual([
      { text: 'First.', sources: ['S1'] },
      { text: 'Second.', sources: ['S2', 'S3'] },
    ]);
  });

  it('ends sentences at question and exclamation marks too', () => {
    expect(citedSentences('Who did it? [S5] Nobody knows! [S6]').map((s) => s.text)).toEqual(['Who did it?', 'Nobody knows!']);
  });

  it('lets an uncited sentence borrow the markers of the next cited one', () => {
    expect(citedSentences('It was huge. It was fast. [S3][S4] Then it stopped. [S5]')).toEqual([
      { text: 'It was huge.', sources: ['S3', 'S4'] },
      { text: 'It was fast.', sources: ['S3', 'S4'] },
      { text: 'Then it stopped.', sources: ['S5'] },
    ]);
  });

  it('does not borrow backwards: a trailing uncited sentence has no sources', () => {
    expect(citedSentences('Cited. [S1] Not cited.')).toEqual([
      { text: 'Cited.', sources: ['S1'] },
      { text: 'Not cited.', sources: [] },
    ]);
  });

  it('keeps a final sentence without a full stop', () => {
    expect(citedSentences('A headline without a stop [S1]')).toEqual([{ text: 'A headline without a stop', sources: ['S1'] }]);
  });

  it('returns nothing for empty text', () => {
    expect(citedSentences('')).toEqual([]);
    expect(citedSentences('   ')).toEqual([]);
  });

  // Abbreviations and decimals: a full stop inside "U.S.", "e.g." or "1.5" does not end a sentence,
  // and no words may be lost around it.
  it('does not split "U.S." inside a sentence', () => {
    const out = citedSentences('The U.S. Treasury sanctioned MOIS on 9 September 2022. [S59] Iran denied it. [S48]');
    expect(out).toEqual([
      { text: 'The U.S. Treasury sanctioned MOIS on 9 September 2022.', sources: ['S59'] },
      { text: 'Iran denied it.', sources: ['S48'] },
    ]);
  });

  it('does not split "e.g." or "i.e." inside a sentence', () => {
    expect(citedSentences('Some tools, e.g. wipers, destroy data. [S1] Others, i.e. backdoors, do not. [S2]')).toEqual([
      { text: 'Some tools, e.g. wipers, destroy data.', sources: ['S1'] },
      { text: 'Others, i.e. backdoors, do not.', sources: ['S2'] },
    ]);
  });

  it('does not split or drop text at a decimal number or an "E.O." order number', () => {
    expect(citedSentences('One Albania has about 1.5 million subscribers. [S1]')).toEqual([
      { text: 'One Albania has about 1.5 million subscribers.', sources: ['S1'] },
    ]);
    expect(citedSentences('OFAC acted under E.O. 13694 as amended. [S59]')).toEqual([{ text: 'OFAC acted under E.O. 13694 as amended.', sources: ['S59'] }]);
  });

  it('ends a sentence at an abbreviation when markers follow it', () => {
    expect(citedSentences('The sanctions came from the U.S. [S1] Iran denied it. [S2]')).toEqual([
      { text: 'The sanctions came from the U.S.', sources: ['S1'] },
      { text: 'Iran denied it.', sources: ['S2'] },
    ]);
  });

  it('never loses a word of any cited text in the real pack', () => {
    const pack = casePack();
    const texts = [
      pack.overview.short,
      ...pack.overview.standard,
      ...pack.sections.flatMap((s) => s.paragraphs),
      ...pack.events.map((e) => e.text),
      ...pack.actors.flatMap((a) => [a.summary, ...a.facts]),
      ...pack.malware.flatMap((m) => [m.summary, ...m.facts]),
      ...pack.glossary.map((t) => t.definition),
    ];
    const lossy = texts
      .map((t) => ({ t, kept: citedSentences(t).reduce((n, s) => n + countWords(s.text), 0), all: countWords(t) }))
      .filter((x) => x.kept !== x.all)
      .map((x) => `${x.all - x.kept} word(s) lost from: ${x.t.slice(0, 80)}…`);
    expect(lossy).toEqual([]);
  });
});
