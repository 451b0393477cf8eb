import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { CreateAreaDto, CreateGoalDto, CreateIndicatorDto } from '../../master-data/master-data.dto.js';
import { dtoProblems, jsonDepth, malformedStrings, textProblem } from './input-guard.js';

describe('input guard', () => {
  it('measures any depth without recursion', () => {
    let v: unknown = 1;
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(jsonDepth(v)).toBe(100_000);
    expect(jsonDepth(v, 32)).toBe(33);
    expect(jsonDepth({ a: { b: [1, { c: null }] } })).toBe(4);
  });

  it('finds NUL characters and lone surrogates, in values and keys, with their field', () => {
    expect(textProblem('æøå 😀')).toBeNull();
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('\ud800x')).toMatch(/surrogate/);
    expect(textProblem('x\udc00')).toMatch(/surrogate/);
    expect(malformedStrings({ a: 'ok', b: ['x', 'y\u0000'], c: { 'k\ud800': 1 } }).map((e) => e.field)).toEqual([
      'b[1]',
      'c.k\ud800',
    ]);
  });

  it('refuses null where the DTO does not declare it nullable, and keeps it where it does', () => {
    const area = plainToInstance(CreateAreaDto, { code: 'x-y', name: 'Xy', description: null });
    expect(dtoProblems(area).map((e) => e.field)).toEqual(['description']);
    const goal = plainToInstance(CreateGoalDto, { code: 'g-1', level: 'overall', title: 'T', parentId: null });
    expect(dtoProblems(goal)).toEqual([]);
  });

  it('keeps whole numbers within int4 unless the DTO bounds them itself, and every number finite and sane', () => {
    const ok = plainToInstance(CreateIndicatorDto, { code: 'i-1', name: 'I', kind: 'goal', sortOrder: -5 });
    expect(dtoProblems(ok)).toEqual([]);
    for (const sortOrder of [-99_999_999_999, 2 ** 31, 1e308]) {
      const bad = plainToInstance(CreateIndicatorDto, { code: 'i-1', name: 'I', kind: 'goal', sortOrder });
      expect(dtoProblems(bad).map((e) => e.field)).toEqual(['sortOrder']);
    }
  });
});
