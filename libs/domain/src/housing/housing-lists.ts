import { cellText } from '../indicators/import-rows.js';

/**
 * The government's lists of housing areas (published every 1 December), by a
 * stable code. The list of especially deprived housing areas ("ghettolisten",
 * 2010–2020) and the lists since the 2018 housing agreement.
 */
export const HOUSING_LISTS = [
  'especially_deprived',
  'parallel_society',
  'transformation',
  'deprived',
  'prevention',
] as const;
export type HousingList = (typeof HOUSING_LISTS)[number];

export const HOUSING_LIST_LABELS: Record<HousingList, { da: string; en: string; aliases: string[] }> = {
  especially_deprived: {
    da: 'Særligt udsatte boligområder (ghettolisten)',
    en: 'Especially deprived housing areas (the ghetto list)',
    aliases: ['særligt udsat', 'særligt udsatte boligområder', 'ghettoliste', 'ghettolisten', 'ghettoområde'],
  },
  parallel_society: {
    da: 'Parallelsamfund',
    en: 'Parallel societies',
    aliases: ['parallelsamfund', 'parallelsamfundsliste', 'parallel society'],
  },
  transformation: {
    da: 'Omdannelsesområder (hårde ghettoområder)',
    en: 'Transformation areas',
    aliases: ['omdannelsesområde', 'omdannelsesområder', 'hårdt ghettoområde', 'hårde ghettoområder'],
  },
  deprived: {
    da: 'Udsatte boligområder',
    en: 'Deprived housing areas',
    aliases: ['udsat', 'udsat boligområde', 'udsatte boligområder', 'deprived housing area'],
  },
  prevention: {
    da: 'Forebyggelsesområder',
    en: 'Prevention areas',
    aliases: ['forebyggelsesområde', 'forebyggelsesområder', 'prevention area'],
  },
};

/** The criteria a housing area is listed by: the lists name which of them it meets. */
export const HOUSING_CRITERIA = ['employment', 'crime', 'education', 'income', 'origin'] as const;
export type HousingCriterion = (typeof HOUSING_CRITERIA)[number];

export const HOUSING_CRITERION_LABELS: Record<HousingCriterion, { da: string; en: string }> = {
  employment: { da: 'Uden for arbejdsmarkedet', en: 'Outside the labour market' },
  crime: { da: 'Dømte for kriminalitet', en: 'Convicted of crime' },
  education: { da: 'Kun grunduddannelse', en: 'Basic education only' },
  income: { da: 'Lav indkomst', en: 'Low income' },
  origin: { da: 'Ikke-vestlig herkomst', en: 'Non-Western origin' },
};

export const HOUSING_COLUMNS = ['name', 'association', 'area', 'list', ...HOUSING_CRITERIA] as const;
export type HousingColumn = (typeof HOUSING_COLUMNS)[number];

/** Header names understood for each column of a list file (case-insensitively), Danish and English. */
export const HOUSING_COLUMN_ALIASES: Record<HousingColumn, string[]> = {
  name: ['boligområde', 'boligomraade', 'housing area', 'housing_area', 'navn', 'name'],
  association: ['boligorganisation', 'boligselskab', 'housing association', 'association'],
  area: ['byområde', 'byomraade', 'område', 'area'],
  list: ['liste', 'list'],
  employment: ['beskæftigelse', 'arbejdsmarked', 'employment'],
  crime: ['kriminalitet', 'crime'],
  education: ['uddannelse', 'education'],
  income: ['indkomst', 'income'],
  origin: ['herkomst', 'oprindelse', 'origin'],
};

/** One thing wrong with a list file: row (as a spreadsheet numbers it, header = 1; 0 = the file), column, why. */
export interface HousingListError {
  row: number;
  column: HousingColumn | null;
  message: string;
  messageEn: string;
}

export type HousingColumnMap = Record<HousingColumn, number | null>;

const normalise = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');

/** Finds the columns of a list file's header; the housing area's name and the list are required. */
export function mapHousingHeader(header: readonly unknown[]): {
  columns: HousingColumnMap;
  errors: HousingListError[];
} {
  const columns = Object.fromEntries(HOUSING_COLUMNS.map((c) => [c, null])) as HousingColumnMap;
  const errors: HousingListError[] = [];
  header.forEach((cell, i) => {
    const name = normalise(cellText(cell));
    const column = HOUSING_COLUMNS.find((c) => HOUSING_COLUMN_ALIASES[c].includes(name));
    if (!column) return;
    if (columns[column] !== null) {
      errors.push({
        row: 1,
        column,
        message: `Kolonnen ${column} står der to gange`,
        messageEn: `The column ${column} appears twice`,
      });
      return;
    }
    columns[column] = i;
  });
  for (const c of ['name', 'list'] as const) {
    if (columns[c] === null) {
      errors.push({
        row: 1,
        column: c,
        message: `Kolonnen ${c} mangler (overskrift: ${HOUSING_COLUMN_ALIASES[c][0]})`,
        messageEn:
          `The column ${c} is missing (header: ` + `${HOUSING_COLUMN_ALIASES[c].find((a) => /^[a-z _]+$/.test(a))})`,
      });
    }
  }
  return { columns, errors };
}

/** A list named by its code, its Danish or English name, or one of its usual names; null when unknown. */
export function parseHousingList(text: string): HousingList | null {
  const t = normalise(text);
  return (
    HOUSING_LISTS.find(
      (l) =>
        l === t.replace(/[ -]/g, '_') ||
        normalise(HOUSING_LIST_LABELS[l].da) === t ||
        normalise(HOUSING_LIST_LABELS[l].en) === t ||
        HOUSING_LIST_LABELS[l].aliases.includes(t),
    ) ?? null
  );
}

const YES = ['x', 'ja', 'j', 'yes', 'y', '1', 'true', 'sand', '✓'];
const NO = ['', 'nej', 'n', 'no', '0', 'false', 'falsk', '-'];

/** A criterion cell: met ("x", "ja", "1", …), not met (blank, "nej", "0", …), or not understood (null). */
export function parseMet(cell: unknown): boolean | null {
  const t = normalise(cellText(cell));
  if (YES.includes(t)) return true;
  if (NO.includes(t)) return false;
  return null;
}

export interface HousingListReferences {
  /** The areas (byområder) a housing area may lie in, matched by code or name. */
  areas: { id: string; code: string; name: string }[];
}

export interface ValidListingRow {
  row: number;
  name: string;
  /** Null: the file does not say (a known housing area keeps what it has). */
  association: string | null;
  /** Undefined: the file does not say; null: in none of the areas. */
  areaId: string | null | undefined;
  list: HousingList;
  criteria: HousingCriterion[];
}

const MAX_TEXT = 200;

/**
 * Validates the rows of one year's list: each names a housing area and a list
 * it is on, optionally its housing association, the area it lies in (blank:
 * the file does not say) and the criteria it meets. The same housing area on
 * the same list twice is an error; on two lists it is two rows.
 */
export class HousingListRowValidator {
  private readonly areas = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  private readonly placed = new Map<string, { areaId: string | null | undefined; row: number }>();

  constructor(
    refs: HousingListReferences,
    private readonly columns: HousingColumnMap,
  ) {
    for (const a of refs.areas) {
      this.areas.set(normalise(a.code), a.id);
      this.areas.set(normalise(a.name), a.id);
    }
  }

  validate(row: number, cells: readonly unknown[]): { valid: ValidListingRow | null; errors: HousingListError[] } {
    const errors: HousingListError[] = [];
    const cell = (c: HousingColumn) => (this.columns[c] === null ? '' : cellText(cells[this.columns[c]]).trim());
    const err = (column: HousingColumn | null, message: string, messageEn: string) =>
      errors.push({ row, column, message, messageEn });

    const name = cell('name');
    if (!name) err('name', 'Boligområdets navn mangler', "The housing area's name is missing");
    else if (name.length > MAX_TEXT)
      err('name', `Navnet er længere end ${MAX_TEXT} tegn`, `The name is longer than ${MAX_TEXT} characters`);
    const association = this.columns.association === null ? null : cell('association') || null;
    if (association && association.length > MAX_TEXT)
      err(
        'association',
        `Boligorganisationen er længere end ${MAX_TEXT} tegn`,
        `The housing association is longer than ${MAX_TEXT} characters`,
      );

    const areaText = cell('area');
    let areaId: string | null | undefined = this.columns.area === null ? undefined : null;
    if (areaText) {
      areaId = this.areas.get(normalise(areaText));
      if (areaId === undefined) err('area', `Ukendt byområde "${areaText}"`, `Unknown area "${areaText}"`);
    }

    const listText = cell('list');
    const list = listText ? parseHousingList(listText) : null;
    if (!listText) err('list', 'Listen mangler', 'The list is missing');
    else if (!list)
      err(
        'list',
        `Ukendt liste "${listText}" (kendte: ${HOUSING_LISTS.join(', ')})`,
        `Unknown list "${listText}" (known: ${HOUSING_LISTS.join(', ')})`,
      );

    const criteria: HousingCriterion[] = [];
    for (const c of HOUSING_CRITERIA) {
      if (this.columns[c] === null) continue;
      const met = parseMet(cells[this.columns[c]]);
      if (met === null)
        err(
          c,
          `"${cell(c)}" er hverken ja eller nej (skriv x, ja eller 1; tomt er nej)`,
          `"${cell(c)}" is neither yes nor no (write x, yes or 1; blank is no)`,
        );
      else if (met) criteria.push(c);
    }

    if (errors.length || !name || !list || (areaText && areaId === undefined)) return { valid: null, errors };
    const key = normalise(name);
    const first = this.seen.get(`${key}|${list}`);
    if (first !== undefined)
      return {
        valid: null,
        errors: [
          {
            row,
            column: null,
            message: `Samme boligområde og liste står allerede i række ${first}`,
            messageEn: `The same housing area and list is already in row ${first}`,
          },
        ],
      };
    const placed = this.placed.get(key);
    if (placed && areaId !== undefined && placed.areaId !== undefined && placed.areaId !== areaId)
      return {
        valid: null,
        errors: [
          {
            row,
            column: 'area',
            message: `Boligområdet ligger i et andet byområde i række ${placed.row}`,
            messageEn: `The housing area lies in another area in row ${placed.row}`,
          },
        ],
      };
    this.seen.set(`${key}|${list}`, row);
    if (!placed || placed.areaId === undefined) this.placed.set(key, { areaId, row });
    return { valid: { row, name, association, areaId, list, criteria }, errors: [] };
  }
}

/** The key a housing area is known by: its name, case and spacing aside. */
export const housingAreaKey = (name: string): string => normalise(name);
