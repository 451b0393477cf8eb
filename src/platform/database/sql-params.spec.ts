import { describe, expect, it } from '@jest/globals';
import { SqlParams } from './sql-params.js';

describe('SqlParams', () => {
  it('numbers the placeholders after the values it starts with, in the order the values come', () => {
    const p = new SqlParams(['id', 3]);
    expect([p.add('a'), p.add(null, '::uuid'), p.add([1, 2])]).toEqual(['$3', '$4::uuid', '$5']);
    expect(p.values).toEqual(['id', 3, 'a', null, [1, 2]]);
  });

  it('does not change the array it started from', () => {
    const initial = ['x'];
    new SqlParams(initial).add('y');
    expect(initial).toEqual(['x']);
  });
});
