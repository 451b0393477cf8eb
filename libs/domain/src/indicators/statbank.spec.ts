import { describe, expect, it } from '@jest/globals';
import { readStatbankAnswer, statbankBindingProblems, statbankPeriod, statbankRequest } from './statbank.js';

const binding = {
  tableId: 'FOLK1A',
  areaVariable: 'OMRÅDE',
  municipalityCode: '101',
  timeVariable: 'Tid',
  variables: [{ code: 'KØN', values: ['TOT'] }],
};

describe('StatBank', () => {
  it('asks the data endpoint for the municipality, the chosen values and every period, as CSV with codes', () => {
    expect(statbankRequest(binding)).toEqual({
      table: 'FOLK1A',
      format: 'CSV',
      lang: 'da',
      valuePresentation: 'Code',
      timeOrder: 'Ascending',
      variables: [
        { code: 'OMRÅDE', values: ['101'] },
        { code: 'KØN', values: ['TOT'] },
        { code: 'Tid', values: ['*'] },
      ],
    });
  });

  it('needs one value of every other variable, each variable once', () => {
    expect(statbankBindingProblems(binding)).toEqual([]);
    const problems = statbankBindingProblems({
      ...binding,
      variables: [
        { code: 'KØN', values: ['1', '2'] },
        { code: 'tid', values: ['2020'] },
      ],
    });
    expect(problems.map((p) => p.messageEn)).toEqual([
      'Select exactly one value of KØN, so that the table gives one figure per period',
      'The variable tid is selected twice',
    ]);
  });

  it('keeps years and quarters, not months or halves', () => {
    expect(['2019', '2019K3', '2019Q1', '2019M01', '2019H1', 'x'].map(statbankPeriod)).toEqual([
      '2019',
      '2019-Q3',
      '2019-Q1',
      null,
      null,
      null,
    ]);
  });

  it('reads the figures per period, leaves out "..", and refuses another area or a period twice', () => {
    const ok = readStatbankAnswer(
      [
        ['OMRÅDE', 'KØN', 'TID', 'INDHOLD'],
        ['101', 'TOT', '2019', '12,5'],
        ['101', 'TOT', '2020', '..'],
        ['101', 'TOT', '2021', '13.25'],
      ],
      binding,
    );
    expect(ok).toEqual({
      values: [
        { period: '2019', value: 12.5 },
        { period: '2021', value: 13.25 },
      ],
      errors: [],
      skipped: 1,
    });
    const bad = readStatbankAnswer(
      [
        ['OMRÅDE', 'TID', 'INDHOLD'],
        ['147', '2019', '1'],
        ['101', '2019', '1'],
        ['101', '2019', '2'],
        ['101', '2020', 'mange'],
      ],
      binding,
    );
    expect(bad.errors.map((e) => [e.line, e.messageEn])).toEqual([
      [2, "The row is for area 147, not the municipality's code 101"],
      [4, 'The period 2019 is already in line 3: select one value of every variable'],
      [5, '"mange" is not a number'],
    ]);
    expect(readStatbankAnswer([['{"error":1}']], binding).errors[0].messageEn).toMatch(/lacks the columns TID/);
  });
});
