import { afterEach, describe, expect, it } from '@jest/globals';
import { fieldLabel } from '../../../web/app/field-labels.js';
import { setLocale } from '../../../web/app/i18n.js';

/** The web app's one map from the API's field names to the forms' labels (web/app/field-labels.js). */
describe('fieldLabel', () => {
  afterEach(() => setLocale('da'));

  it("says a field by the form's label, never by the API's name", () => {
    expect(fieldLabel('email')).toBe('E-mailadresse');
    expect(fieldLabel('costsDkk')).not.toBe('costsDkk');
    expect(fieldLabel('costsDkk')).toMatch(/[a-zæøå]/);
  });

  it('reads a section item\'s "data." prefix and list indices away', () => {
    expect(fieldLabel('data.amount')).toBe(fieldLabel('amount'));
    expect(fieldLabel('areaIds[2]')).toBe(fieldLabel('areaIds'));
  });

  it('names a nested field by its parent and its own label', () => {
    expect(fieldLabel('goalResults[0].value')).toBe(
      `${fieldLabel('goalResults')}: ${fieldLabel('value').toLowerCase()}`,
    );
  });

  it('falls back to the last known part, then to "a field" — never the raw name', () => {
    expect(fieldLabel('somethingNew.amount')).toBe(fieldLabel('amount'));
    expect(fieldLabel('entirelyUnknownField')).toBe('Et felt');
    expect(fieldLabel('')).toBe('Et felt');
    expect(fieldLabel(undefined)).toBe('Et felt');
  });

  it("speaks the reader's language", () => {
    setLocale('en');
    expect(fieldLabel('email')).not.toBe('E-mailadresse');
    expect(fieldLabel('entirelyUnknownField')).toBe('A field');
  });
});
