import { describe, expect, it } from '@jest/globals';
import { identifyDeprivedAreas, type IdentificationIndicator } from './identification.js';
import { indexAgainstCity, round } from './indicator-index.js';

const SIX: IdentificationIndicator[] = [
  ['small', 'Små boliger'],
  ['lacking', 'Installationsmangler'],
  ['nonwestern', 'Ikke-vestlig herkomst'],
  ['outside', 'Uden for arbejdsmarkedet'],
  ['education', 'Lav/ingen uddannelse'],
  ['income', 'Lav indkomst'],
].map(([code, name]) => ({ id: `id-${code}`, code: code, name: name, direction: 'lower_is_better' as const }));

const values = (...v: (number | undefined)[]) => Object.fromEntries(SIX.map((ind, i) => [ind.id, v[i]]));
// The city: 30 % small dwellings, 2 % lacking installations, 10 % non-Western, 20 % outside the labour market, 25 %
// little education, 16 % low income.
const CITY = values(30, 2, 10, 20, 25, 16);

describe('index against the city', () => {
  it('is the value over the city value times 100', () => {
    expect(indexAgainstCity(15, 12)).toBe(125);
    expect(indexAgainstCity(30, 10)).toBe(300);
    expect(indexAgainstCity(9, 12)).toBe(75);
    expect(indexAgainstCity(12, 12)).toBe(100);
  });

  it('has no index without a usable city value', () => {
    expect(indexAgainstCity(5, 0)).toBeNull();
    expect(indexAgainstCity(5, null)).toBeNull();
    expect(indexAgainstCity(5, undefined)).toBeNull();
  });

  it('rounds for display without a negative zero', () => {
    expect(round(123.456)).toBe(123.5);
    expect(round(-0.04)).toBe(0);
    expect(Object.is(round(-0.04), -0)).toBe(false);
  });
});

describe('identification of deprived areas (sum of the six indices)', () => {
  const result = identifyDeprivedAreas({
    indicators: SIX,
    city: CITY,
    threshold: 720,
    areas: [
      // 120 + 125 + 300 + 125 + 150 + 125 = 945
      { id: 'a', name: 'Tingbjerg/Husum', values: values(36, 2.5, 30, 25, 37.5, 20) },
      // 100 + 100 + 120 + 110 + 110 + 110 = 650
      { id: 'b', name: 'Valby/Vigerslev', values: values(30, 2, 12, 22, 27.5, 17.6) },
      // one indicator far above the city, the rest at it: 100 + 100 + 200 + 100 + 100 + 100 = 700
      { id: 'c', name: 'Amager/Sundby', values: values(30, 2, 20, 20, 25, 16) },
      // lacks low income: cannot be summed, so not ranked and not marked
      { id: 'd', name: 'Nørrebro', values: values(45, 4, 30, 30, 40, undefined) },
      // exactly 120 on each: 720, not above the threshold
      { id: 'e', name: 'Bispebjerg/Nordvest', values: values(36, 2.4, 12, 24, 30, 19.2) },
    ],
  });

  it('sums the indices, ranks the areas by the sum and shows the computation per indicator', () => {
    expect(result.areas.map((a) => [a.areaName, a.rank, a.total === null ? null : round(a.total, 6)])).toEqual([
      ['Tingbjerg/Husum', 1, 945],
      ['Bispebjerg/Nordvest', 2, 720],
      ['Amager/Sundby', 3, 700],
      ['Valby/Vigerslev', 4, 650],
      ['Nørrebro', null, null],
    ]);
    const tingbjerg = result.areas[0];
    expect(tingbjerg.components.map((c) => [c.code, c.value, c.cityValue, round(c.index!, 6)])).toEqual([
      ['small', 36, 30, 120],
      ['lacking', 2.5, 2, 125],
      ['nonwestern', 30, 10, 300],
      ['outside', 25, 20, 125],
      ['education', 37.5, 25, 150],
      ['income', 20, 16, 125],
    ]);
    expect(round(tingbjerg.averageIndex!, 6)).toBe(157.5);
    expect(tingbjerg.computation).toBe('120,0 + 125,0 + 300,0 + 125,0 + 150,0 + 125,0 = 945,0 > 720,0: udsat byområde');
    expect(result.cityTotal).toBe(600);
  });

  it('marks only the areas whose sum is above the threshold, never on one indicator alone', () => {
    expect(result.areas.filter((a) => a.deprived).map((a) => a.areaName)).toEqual(['Tingbjerg/Husum']);
    const amager = result.areas.find((a) => a.areaId === 'c')!;
    expect(amager.components.find((c) => c.code === 'nonwestern')!.index).toBe(200);
    expect(amager.deprived).toBe(false);
    expect(result.areas.find((a) => a.areaId === 'e')!.deprived).toBe(false); // 720 is not above 720
  });

  it('does not rank an area lacking an indicator, and says which', () => {
    const norrebro = result.areas.find((a) => a.areaId === 'd')!;
    expect(norrebro).toMatchObject({ complete: false, deprived: false, rank: null, missing: ['Lav indkomst'] });
    expect(norrebro.computation).toBe('Mangler Lav indkomst: kan ikke beregnes');
  });

  it('follows the threshold it is given', () => {
    const lower = identifyDeprivedAreas({
      indicators: SIX,
      city: CITY,
      threshold: 680,
      areas: [{ id: 'c', name: 'Amager/Sundby', values: values(30, 2, 20, 20, 25, 16) }],
    });
    expect(lower.areas[0].deprived).toBe(true);
  });

  it('inverts an indicator where higher is better, so above 100 always means worse off', () => {
    const employment: IdentificationIndicator = {
      id: 'emp',
      code: 'employment',
      name: 'Beskæftigelse',
      direction: 'higher_is_better',
    };
    const r = identifyDeprivedAreas({
      indicators: [SIX[0], employment],
      city: { [SIX[0].id]: 30, emp: 80 },
      threshold: 200,
      areas: [{ id: 'a', name: 'A', values: { [SIX[0].id]: 36, emp: 64 } }],
    });
    expect(r.areas[0].components[1]).toMatchObject({ index: 80, contribution: 125 });
    expect(r.areas[0].total).toBe(245);
    expect(r.areas[0].deprived).toBe(true);
  });

  it('identifies nothing with fewer than two indicators', () => {
    const r = identifyDeprivedAreas({
      indicators: [SIX[2]],
      city: { [SIX[2].id]: 10 },
      threshold: 100,
      areas: [{ id: 'a', name: 'A', values: { [SIX[2].id]: 40 } }],
    });
    expect(r.areas[0].total).toBe(400);
    expect(r.areas[0].deprived).toBe(false);
    expect(r.notes[0]).toMatch(/aldrig én alene/);
  });
});
