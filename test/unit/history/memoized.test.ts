import { describe, expect, it } from 'vitest';
import { memoized } from '../../../src/shared/memoized';

describe('memoized', () => {
  it('answers a key it has seen without asking again, undefined answers included', () => {
    const asked: string[] = [];
    const fn = memoized((key: string) => {
      asked.push(key);
      return key === 'none' ? undefined : key.toUpperCase();
    });
    expect([fn('a'), fn('a'), fn('none'), fn('none'), fn('b')]).toEqual(['A', 'A', undefined, undefined, 'B']);
    expect(asked).toEqual(['a', 'none', 'b']);
  });

  it('keeps at most `max` answers: when full it forgets them all and starts over', () => {
    const asked: string[] = [];
    const fn = memoized((key: string) => {
      asked.push(key);
      return key.length;
    }, 2);
    fn('a');
    fn('bb');
    fn('ccc'); // full: forgets a and bb
    fn('ccc');
    fn('a');
    expect(asked).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
