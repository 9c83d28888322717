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
