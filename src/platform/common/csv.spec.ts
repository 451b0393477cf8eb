import { describe, expect, it } from '@jest/globals';
import { csvFile, csvFileName, csvText } from './csv.js';
import { languageFromHeader, requestLanguage } from './language.js';

describe('the one CSV writer', () => {
  const header = ['Mål', 'Værdi', 'Kilde', 'Indlæst'];
  const rows = [['Tryghed; i byen', 1234.5, null, new Date('2026-12-01T10:00:00Z')]];

  it('writes Danish CSV with semicolons and a decimal comma, quoting what needs it', () => {
    expect(csvText(header, rows, 'da')).toBe(
      'Mål;Værdi;Kilde;Indlæst\n"Tryghed; i byen";1234,5;;2026-12-01T10:00:00.000Z\n',
    );
  });

  it('keeps commas and decimal points in English', () => {
    expect(csvText(header, [['Tryghed, i byen', 0.25, undefined, 'x']], 'en')).toBe(
      'Mål,Værdi,Kilde,Indlæst\n"Tryghed, i byen",0.25,,x\n',
    );
  });

  it('starts the file with a UTF-8 BOM and says the format in its name', () => {
    const bytes = csvFile(['a'], [[1.5]], 'da');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe('\ufeffa\n1,5\n');
    expect(csvFileName('maalstatus-tingbjerg', 'da')).toBe('maalstatus-tingbjerg-da.csv');
  });
});

describe("the reader's language", () => {
  it('takes locale= first, then Accept-Language by quality, then the fallback', () => {
    expect(languageFromHeader('en-US,en;q=0.9,da;q=0.8')).toBe('en');
    expect(languageFromHeader('de-DE, da;q=0.5, en;q=0.4')).toBe('da');
    expect(languageFromHeader('fr, de')).toBeNull();
    expect(requestLanguage({ query: { locale: 'da' }, headers: { 'accept-language': 'en' } })).toBe('da');
    expect(requestLanguage({ query: {}, headers: { 'accept-language': 'da-DK' } })).toBe('da');
    expect(requestLanguage({ query: {}, headers: {} })).toBe('en');
    expect(requestLanguage({ query: {}, headers: {} }, 'da')).toBe('da');
  });
});
