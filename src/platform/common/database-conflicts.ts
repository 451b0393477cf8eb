import type { RuleViolation } from '#domain';
import { AppError } from './app-error.js';

/**
 * The one mapping from the database's unique and foreign-key constraints to
 * messages a user can act on, in Danish and English. No database text (table,
 * column, key) ever reaches a client: an unknown constraint gets the generic
 * message. A service that knows more than the database says (e.g. the area's
 * name) passes it as `params`; otherwise the values come from the key in the
 * database's detail, by column name.
 */
type Params = Record<string, string | number | null | undefined>;

interface ConstraintMessage {
  code: string;
  /** The request field the user should change, when there is one. */
  field?: string;
  da(p: Params): string;
  en(p: Params): string;
}

const quoteDa = (v: unknown) => `»${String(v)}«`;
const quoteEn = (v: unknown) => `"${String(v)}"`;

const codeTaken = (code: string, da: string, en: string): ConstraintMessage => ({
  code,
  field: 'code',
  da: (p) => `Der findes allerede ${da} med koden ${quoteDa(p.code)}`,
  en: (p) => `There is already ${en} with the code ${quoteEn(p.code)}`,
});

const SIMULTANEOUS: ConstraintMessage = {
  code: 'CHANGED_AT_THE_SAME_TIME',
  da: () => 'Nogen ændrede det samme i samme øjeblik. Hent siden igen, og prøv igen.',
  en: () => 'Someone else changed the same thing at the same moment. Reload and try again.',
};

const DUPLICATE: ConstraintMessage = {
  code: 'ALREADY_EXISTS',
  da: () => 'Det findes allerede: en værdi, der skal være entydig, er allerede brugt.',
  en: () => 'That already exists: a value that must be unique is already taken.',
};

export const UNIQUE_CONSTRAINTS: Record<string, ConstraintMessage> = {
  UQ_plan_area_round: {
    code: 'PLAN_ALREADY_EXISTS',
    field: 'budgetYear',
    da: (p) => `Der findes allerede en udviklingsplan for ${p.area ?? 'byområdet'} til budget ${p.budget_year}`,
    en: (p) => `There is already a development plan for ${p.area ?? 'the area'} for budget ${p.budget_year}`,
  },
  UQ_budget_round_year: {
    code: 'BUDGET_ROUND_ALREADY_EXISTS',
    field: 'budgetYear',
    da: (p) => `Der findes allerede en budgetrunde for budget ${p.budget_year}`,
    en: (p) => `There is already a budget round for budget ${p.budget_year}`,
  },
  UQ_area_code: codeTaken('AREA_CODE_TAKEN', 'et byområde', 'an area'),
  UQ_administration_code: codeTaken('ADMINISTRATION_CODE_TAKEN', 'en forvaltning', 'an administration'),
  UQ_indicator_code: codeTaken('INDICATOR_CODE_TAKEN', 'en indikator', 'an indicator'),
  UQ_goal_code: codeTaken('GOAL_CODE_TAKEN', 'et mål', 'a goal'),
  UQ_app_user_email: {
    code: 'USER_EMAIL_TAKEN',
    field: 'email',
    da: (p) => `Der findes allerede en bruger med e-mailadressen ${p.email}`,
    en: (p) => `There is already a user with the e-mail address ${p.email}`,
  },
  UQ_app_user_external: {
    code: 'USER_LOGIN_TAKEN',
    da: () => 'Brugeren fra kommunens login findes allerede',
    en: () => "The user from the municipality's login already exists",
  },
  UQ_local_network_area: {
    code: 'LOCAL_NETWORK_ALREADY_EXISTS',
    field: 'areaId',
    da: () => 'Byområdet har allerede et lokalt netværk',
    en: () => 'The area already has a local network',
  },
  UQ_local_network_member: {
    code: 'NETWORK_MEMBER_ALREADY_ADDED',
    field: 'userId',
    da: () => 'Brugeren er allerede medlem af netværket i den egenskab',
    en: () => 'The user is already a member of the network in that capacity',
  },
  UQ_housing_area_name: {
    code: 'HOUSING_AREA_NAME_TAKEN',
    field: 'name',
    da: (p) => `Der findes allerede et boligområde med navnet ${quoteDa(p.name ?? p.value)}`,
    en: (p) => `There is already a housing area named ${quoteEn(p.name ?? p.value)}`,
  },
  UQ_housing_area_listing: {
    code: 'HOUSING_AREA_ALREADY_LISTED',
    da: (p) => `Boligområdet står allerede på listen ${p.list} i ${p.year}`,
    en: (p) => `The housing area is already on the list ${p.list} in ${p.year}`,
  },
  UQ_indicator_import_checksum: {
    code: 'IMPORT_ALREADY_LOADED',
    field: 'file',
    da: () => 'Den samme fil er allerede indlæst eller ved at blive det',
    en: () => 'The same file has already been imported or is being imported',
  },
  UQ_measurement_key: {
    code: 'MEASUREMENT_ALREADY_EXISTS',
    da: () => 'Der findes allerede en måling for den indikator, det byområde og den periode',
    en: () => 'There is already a measurement for that indicator, area and period',
  },
  UQ_project_evaluation_project: {
    code: 'EVALUATION_ALREADY_EXISTS',
    da: () => 'Projektet har allerede en evaluering',
    en: () => 'The project already has an evaluation',
  },
  UQ_project_adoption_project: {
    code: 'PROJECT_ALREADY_ADOPTED',
    da: () => 'Projektet er allerede forankret i drift',
    en: () => 'The project has already been adopted into core operations',
  },
  UQ_statbank_fetch_yearly: {
    code: 'STATBANK_FETCH_ALREADY_SCHEDULED',
    da: () => 'Årets hentning fra Statistikbanken er allerede sat i gang',
    en: () => "This year's fetch from StatBank has already been started",
  },
};

const REFERENCE_MISSING: ConstraintMessage = {
  code: 'REFERENCE_NOT_FOUND',
  da: (p) => (p.field ? `${p.field} henviser til noget, der ikke findes` : 'Den henviser til noget, der ikke findes'),
  en: (p) =>
    p.field ? `${p.field} refers to something that does not exist` : 'It refers to something that does not exist',
};

const STILL_REFERENCED: ConstraintMessage = {
  code: 'STILL_REFERRED_TO',
  da: () => 'Den kan ikke fjernes, så længe andre oplysninger henviser til den. Deaktivér den i stedet.',
  en: () => 'It cannot be removed while other records refer to it. Deactivate it instead.',
};

export interface DatabaseErrorLike {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** The columns and values of `Key (a, b)=(x, y) …` in PostgreSQL's detail, by column name. */
export function keyValues(detail: string | undefined): Params {
  const m = /^Key \((.*)\)=\((.*)\) (?:already exists|is not present|is still referenced)/.exec(detail ?? '');
  if (!m) return {};
  const columns = m[1].split(', ');
  const values = m[2].split(', ');
  if (columns.length !== values.length) return { value: m[2] };
  return Object.fromEntries(columns.map((c, i) => [/^\w+$/.test(c) ? c : 'value', values[i]]));
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function messageFor(driver: DatabaseErrorLike): ConstraintMessage | null {
  if (driver.code === '23505') {
    const name = driver.constraint ?? '';
    if (UNIQUE_CONSTRAINTS[name]) return UNIQUE_CONSTRAINTS[name];
    if (/_seq$|_chain$/.test(name)) return SIMULTANEOUS;
    return DUPLICATE;
  }
  if (driver.code === '23503')
    return /is still referenced/.test(driver.detail ?? '') ? STILL_REFERENCED : REFERENCE_MISSING;
  return null;
}

/** The violation (code, Danish, English) for a unique or foreign-key error; null for any other error. */
export function databaseConflictViolation(
  driver: DatabaseErrorLike | undefined,
  params: Params = {},
): (RuleViolation & { field?: string }) | null {
  if (!driver) return null;
  const message = messageFor(driver);
  if (!message) return null;
  const fromKey = keyValues(driver.detail);
  const column = Object.keys(fromKey)[0];
  const p: Params = {
    ...fromKey,
    ...(message === REFERENCE_MISSING && column && column !== 'value' ? { field: camel(column) } : {}),
    ...params,
  };
  return {
    code: message.code,
    message: message.da(p),
    messageEn: message.en(p),
    ...(message.field ? { field: message.field } : {}),
  };
}

/** The 409 for a unique or foreign-key error (null for any other): one violation in both languages. */
export function databaseConflict(err: unknown, params: Params = {}): AppError | null {
  const driver = (err as { driverError?: DatabaseErrorLike } | null)?.driverError;
  const violation = databaseConflictViolation(driver, params);
  if (!violation) return null;
  const { field, ...v } = violation;
  return new AppError('CONFLICT', v.messageEn, { violations: [v], ...(field ? { field } : {}) });
}

/**
 * The same 409 for a duplicate a service finds before the database would:
 * the words come from the one mapping, by the constraint's name.
 */
export function uniqueConflict(constraint: keyof typeof UNIQUE_CONSTRAINTS, params: Params): AppError {
  return databaseConflict({ driverError: { code: '23505', constraint } }, params)!;
}
