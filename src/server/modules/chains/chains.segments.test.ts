import { describe, expect, it } from 'vitest';
import { addSegment, checkSegments, deleteSegment, findCycle, mergeSegments, splitSegment, updateSegment, type Segment } from './chains.segments.js';

function seg(key: string, upstream: string[] = [], stage: Segment['stage'] = 'upstream', position = 0): Segment {
  return { key, name: key, stage, upstream, products: [`${key}产品`], industryCodes: [], position };
}

// a → c, b → c, c → d
const chain: Segment[] = [seg('a'), seg('b', [], 'upstream', 1), seg('c', ['a', 'b'], 'midstream'), seg('d', ['c'], 'downstream')];

describe(checkSegments.name, () => {
  it('accepts a DAG', () => {
    expect(checkSegments(chain)).toEqual([]);
  });

  it('names self-links, unknown keys and duplicate keys by their path', () => {
    const errors = checkSegments([seg('a', ['a']), seg('b', ['zz']), seg('b')]);
    expect(errors.map((e) => e.path)).toEqual(['segments[2].key', 'segments[0].upstream[0]', 'segments[1].upstream[0]']);
  });

  it('names the segments of a cycle in flow order', () => {
    const errors = checkSegments([seg('a', ['c']), seg('b', ['a']), seg('c', ['b']), seg('d', ['c'])]);
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe('segments');
    expect(errors[0].message).toContain('a → b → c → a');
  });
});

describe(findCycle.name, () => {
  it('finds none in a diamond', () => {
    expect(findCycle([seg('a'), seg('b', ['a']), seg('c', ['a']), seg('d', ['b', 'c'])])).toBeUndefined();
  });
});

describe('segment edits', () => {
  it('adds at the end of the stage and refuses a cycle through the new segment', () => {
    const added = addSegment(chain, { key: 'e', name: 'e', stage: 'upstream', upstream: ['a'], products: [], industryCodes: [] });
    expect(added.segments?.find((s) => s.key === 'e')?.position).toBe(2);
    const looped = updateSegment(chain, 'a', { upstream: ['d'] });
    expect(looped.errors[0].message).toContain('a → c → d → a');
    expect(updateSegment(chain, 'a', { upstream: ['a'] }).errors[0].path).toBe('upstream[0]');
  });

  it('splits: new parts inherit upstream links, downstream segments link to every part', () => {
    const result = splitSegment(chain, 'c', [{ key: 'c1', name: 'c1' }, { key: 'c2', name: 'c2', upstream: ['b'] }]);
    const byKey = new Map(result.segments!.map((s) => [s.key, s]));
    expect(byKey.has('c')).toBe(false);
    expect(byKey.get('c1')!.upstream).toEqual(['a', 'b']);
    expect(byKey.get('c2')!.upstream).toEqual(['b']);
    expect(byKey.get('d')!.upstream).toEqual(['c1', 'c2']);
    expect(splitSegment(chain, 'c', [{ key: 'a', name: 'x' }, { key: 'c2', name: 'y' }]).errors[0].path).toBe('into[0].key');
  });

  it('merges: unions links and products, redirects downstream links, drops links between the merged', () => {
    const result = mergeSegments(chain, ['a', 'b', 'c'], { key: 'core', name: '核心' });
    const byKey = new Map(result.segments!.map((s) => [s.key, s]));
    expect([...byKey.keys()].sort()).toEqual(['core', 'd']);
    expect(byKey.get('core')!.upstream).toEqual([]);
    expect(byKey.get('core')!.products).toEqual(['a产品', 'b产品', 'c产品']);
    expect(byKey.get('d')!.upstream).toEqual(['core']);
    expect(mergeSegments(chain, ['a', 'zz'], { key: 'x', name: 'x' }).errors[0].path).toBe('keys[1]');
    expect(mergeSegments(chain, ['a', 'b'], { key: 'd', name: 'x' }).errors[0].path).toBe('into.key');
  });

  it('deletes a segment and the links to it', () => {
    const result = deleteSegment(chain, 'c');
    expect(result.segments!.find((s) => s.key === 'd')!.upstream).toEqual([]);
  });
});
