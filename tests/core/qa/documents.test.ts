import { describe, expect, it } from 'vitest';
import { entitiesOf, EntityMatcher } from '../../../src/core/qa/documents.js';
import { casePack } from '../../helpers.js';

const pack = casePack();

describe('EntityMatcher', () => {
  const matcher = new EntityMatcher(entitiesOf(pack));
  it('takes the longest name starting at each word, and names starting later inside it', () => {
    expect(matcher.find('what is Storm-0842 now called')).toContain('actor:dev-0842');
    expect(matcher.find('what is Storm-0842 now called')).not.toContain('term:storm-names');
    expect(matcher.find('the ZeroCleare wiper')).toEqual(expect.arrayContaining(['malware:zerocleare', 'term:wiper']));
  });
});

describe('EntityMatcher and short names', () => {
  const matcher = new EntityMatcher(entitiesOf(pack));
  it('finds a three-letter name typed in lower case, but not a two-letter one or a word', () => {
    expect(matcher.find('how many mek in albania')).toContain('actor:mek');
    expect(matcher.find('what did the fbi say')).toEqual(expect.arrayContaining([expect.stringMatching(/fbi/)]));
    expect(matcher.find('tell us about it')).toEqual([]);
    expect(matcher.find('the dev team')).toEqual([]);
  });
});
