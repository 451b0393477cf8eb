import { describe, expect, it } from '@jest/globals';
import { HousingListRowValidator, mapHousingHeader, parseHousingList, parseMet } from './housing-lists.js';

const refs = { areas: [{ id: 'a1', code: 'tingbjerg-husum', name: 'Tingbjerg/Husum' }] };

describe("the government's housing lists as file rows", () => {
  it('knows the lists by code, Danish and English names and their usual names', () => {
    expect(parseHousingList('especially_deprived')).toBe('especially_deprived');
    expect(parseHousingList('Ghettolisten')).toBe('especially_deprived');
    expect(parseHousingList(' parallelsamfund ')).toBe('parallel_society');
    expect(parseHousingList('Hårde ghettoområder')).toBe('transformation');
    expect(parseHousingList('Prevention areas')).toBe('prevention');
    expect(parseHousingList('ghetto')).toBeNull();
  });

  it('reads a criterion as met, not met, or neither', () => {
    expect(['x', 'X', 'ja', '1', 'yes'].map(parseMet)).toEqual([true, true, true, true, true]);
    expect(['', 'nej', '0', null].map(parseMet)).toEqual([false, false, false, false]);
    expect(parseMet('måske')).toBeNull();
  });

  it('needs the name and list columns, and names each that is missing', () => {
    expect(mapHousingHeader(['Boligområde', 'Byområde']).errors.map((e) => e.column)).toEqual(['list']);
    const { columns, errors } = mapHousingHeader(['Liste', 'Navn', 'Kriminalitet', 'Herkomst']);
    expect(errors).toEqual([]);
    expect(columns).toMatchObject({ list: 0, name: 1, crime: 2, origin: 3, area: null, employment: null });
  });

  it('validates rows: known area and list, criteria, no housing area twice on one list, nor in two areas', () => {
    const { columns } = mapHousingHeader(['boligområde', 'byområde', 'liste', 'beskæftigelse', 'kriminalitet']);
    const v = new HousingListRowValidator(refs, columns);
    expect(v.validate(2, ['Tingbjerg', 'tingbjerg-husum', 'ghettolisten', 'x', '']).valid).toEqual({
      row: 2,
      name: 'Tingbjerg',
      association: null,
      areaId: 'a1',
      list: 'especially_deprived',
      criteria: ['employment'],
    });
    expect(v.validate(3, ['Utterslevhuse', '', 'udsatte boligområder', '', '']).valid).toMatchObject({
      areaId: null,
      list: 'deprived',
    });
    expect(v.validate(4, ['tingbjerg', 'Tingbjerg/Husum', 'especially_deprived', '', '']).errors[0].messageEn).toBe(
      'The same housing area and list is already in row 2',
    );
    expect(v.validate(5, ['Utterslevhuse', 'Tingbjerg/Husum', 'parallelsamfund', '', '']).errors).toEqual([
      expect.objectContaining({ row: 5, column: 'area', messageEn: 'The housing area lies in another area in row 3' }),
    ]);
    expect(v.validate(6, ['', 'Østerbro', 'x', 'måske', '']).errors.map((e) => e.column)).toEqual([
      'name',
      'area',
      'list',
      'employment',
    ]);
  });
});
