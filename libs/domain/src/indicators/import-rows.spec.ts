import { describe, expect, it } from '@jest/globals';
import {
  cityDisplayName,
  cityNames,
  ImportRowValidator,
  isBlankRow,
  mapImportHeader,
  parseDecimal,
  type ImportReferences,
} from './import-rows.js';

const REFS: ImportReferences = {
  areas: [
    { id: 'area-n', code: 'norrebro', name: 'Nørrebro' },
    { id: 'area-t', code: 'tingbjerg-husum', name: 'Tingbjerg/Husum' },
  ],
  indicators: [{ id: 'ind-li', code: 'low-income', name: 'Beboere med lav indkomst' }],
  municipalityName: 'Københavns Kommune',
};

describe('parseDecimal', () => {
  it('reads Danish and English numbers', () => {
    expect(parseDecimal('12.5')).toBe(12.5);
    expect(parseDecimal('12,5')).toBe(12.5);
    expect(parseDecimal('1.234,5')).toBe(1234.5);
    expect(parseDecimal('1,234.5')).toBe(1234.5);
    expect(parseDecimal('1 234,5')).toBe(1234.5);
    expect(parseDecimal('-3')).toBe(-3);
    expect(parseDecimal('12,5 %')).toBe(12.5);
    expect(parseDecimal(7.25)).toBe(7.25);
  });

  it('refuses what is not a number', () => {
    for (const bad of ['', 'abc', '1,2,3', '12.5.1', '--1', '1e', 'NaN', 'Infinity'])
      expect([bad, parseDecimal(bad)]).toEqual([bad, null]);
    expect(parseDecimal(Number.NaN)).toBeNull();
  });
});

describe('the header', () => {
  it('finds the columns in English or Danish, in any order and case', () => {
    const { columns, errors } = mapImportHeader(['Værdi', 'Periode', 'note', 'Indikator', 'Område']);
    expect(errors).toEqual([]);
    expect(columns).toEqual({ value: 0, period: 1, indicator: 3, area: 4, source: null });
  });

  it('names each missing or doubled column', () => {
    const { errors } = mapImportHeader(['area', 'area', 'value']);
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [1, 'area'],
      [1, 'indicator'],
      [1, 'period'],
    ]);
  });

  it('names the columns as the file did: Danish headers stay Danish, in both languages', () => {
    const header = mapImportHeader(['Område', 'Indikator', 'År']);
    expect(header.errors).toEqual([
      {
        row: 1,
        column: 'value',
        heading: 'værdi',
        message: 'Kolonnen værdi mangler (overskrifter: value eller værdi)',
        messageEn: 'The column værdi is missing (header: værdi)',
      },
    ]);
    const validator = new ImportRowValidator(
      REFS,
      mapImportHeader(['Område', 'Indikator', 'Periode', 'Værdi']).columns,
      mapImportHeader(['Område', 'Indikator', 'Periode', 'Værdi']).headings,
    );
    const { errors } = validator.validate(2, ['', 'x', '2012', 'mange']);
    expect(errors.map((e) => e.heading)).toEqual(['Område', 'Indikator', 'Værdi']);
    expect(mapImportHeader(['area', 'indicator', 'period']).errors[0]).toMatchObject({ heading: 'value' });
  });
});

describe('rows', () => {
  const validator = () =>
    new ImportRowValidator(REFS, mapImportHeader(['area', 'indicator', 'period', 'value', 'source']).columns);

  it('resolves areas and indicators by code or name, and the city by its names', () => {
    const v = validator();
    expect(v.validate(2, ['Nørrebro', 'low-income', '2012', '14,2', 'SØK']).valid).toEqual({
      row: 2,
      indicatorId: 'ind-li',
      areaId: 'area-n',
      period: '2012',
      value: 14.2,
      source: 'SØK',
    });
    expect(v.validate(3, ['TINGBJERG-HUSUM', 'beboere med lav indkomst', 'Q3 2012', 20, '']).valid).toMatchObject({
      areaId: 'area-t',
      period: '2012-Q3',
      value: 20,
    });
    expect(v.validate(4, ['København', 'low-income', '2012', '12', '']).valid).toMatchObject({ areaId: null });
    expect(v.validate(5, ['city', 'low-income', '2013', '12', '']).valid).toMatchObject({ areaId: null });
    expect(cityDisplayName('Københavns Kommune')).toBe('København');
    expect(cityDisplayName('Aarhus Kommune')).toBe('Aarhus');
    expect(cityNames('Københavns Kommune')).toEqual(
      expect.arrayContaining(['københavns kommune', 'københavns', 'københavn', 'city']),
    );
  });

  it('gives no source (null, so a stored one is kept) for a blank cell or a file without the column', () => {
    expect(validator().validate(2, ['Nørrebro', 'low-income', '2012', '1', '  ']).valid).toMatchObject({
      source: null,
    });
    const noColumn = new ImportRowValidator(REFS, mapImportHeader(['area', 'indicator', 'period', 'value']).columns);
    expect(noColumn.validate(2, ['Nørrebro', 'low-income', '2012', '1']).valid).toMatchObject({ source: null });
  });

  it('names the column and the reason for each bad cell', () => {
    const { valid, errors } = validator().validate(7, ['Østerbro', 'unknown', '2012-Q5', 'mange', '']);
    expect(valid).toBeNull();
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [7, 'area'],
      [7, 'indicator'],
      [7, 'period'],
      [7, 'value'],
    ]);
    expect(errors[0].message).toBe('Ukendt byområde "Østerbro"');
    expect(errors[3].messageEn).toBe('"mange" is not a number');
    expect(
      validator()
        .validate(8, ['', 'low-income', '', '', ''])
        .errors.map((e) => e.column),
    ).toEqual(['area', 'period', 'value']);
  });

  it('refuses a second row for the same indicator, area and period', () => {
    const v = validator();
    expect(v.validate(2, ['norrebro', 'low-income', '2012', '1', '']).errors).toEqual([]);
    const dup = v.validate(9, ['Nørrebro', 'Beboere med lav indkomst', '2012', '2', '']);
    expect(dup.valid).toBeNull();
    expect(dup.errors).toEqual([
      expect.objectContaining({
        row: 9,
        column: null,
        messageEn: 'The same indicator, area and period is already in row 2',
      }),
    ]);
  });

  it('answers a spelling met before as the first time, an unknown one too, also past the spellings it keeps', () => {
    const v = validator();
    // 10,001 different unknown areas (more than are kept), then the first of them and a known one again.
    for (let i = 0; i <= 10_000; i++) {
      expect(v.validate(i + 2, [`Sted ${i}`, 'low-income', `Q${(i % 4) + 1} 1990`, '1', '']).errors).toEqual([
        expect.objectContaining({ column: 'area', messageEn: `Unknown area "Sted ${i}"` }),
      ]);
    }
    expect(v.validate(20_000, ['Sted 0', 'low-income', '2012', '1', '']).errors).toEqual([
      expect.objectContaining({ column: 'area', messageEn: 'Unknown area "Sted 0"' }),
    ]);
    for (const [row, period] of [
      [20_001, 'Q3 2012'],
      [20_002, '2013 Q3'],
    ] as const) {
      expect(v.validate(row, ['Nørrebro', 'LOW-INCOME', period, '1', '']).valid).toMatchObject({
        areaId: 'area-n',
        indicatorId: 'ind-li',
      });
    }
    expect(v.validate(20_003, ['Nørrebro', 'unknown', 'Q3 2012', '1', '']).errors.map((e) => e.column)).toEqual([
      'indicator',
    ]);
    expect(v.validate(20_004, ['Nørrebro', 'unknown', 'Q3 2012', '1', '']).errors.map((e) => e.column)).toEqual([
      'indicator',
    ]);
    expect(v.validate(20_005, ['Nørrebro', 'low-income', '2012-Q3', '2', '']).errors).toEqual([
      expect.objectContaining({ messageEn: 'The same indicator, area and period is already in row 20001' }),
    ]);
  });

  it('knows a blank row', () => {
    expect(isBlankRow(['', ' ', null])).toBe(true);
    expect(isBlankRow(['', 'x'])).toBe(false);
  });
});
