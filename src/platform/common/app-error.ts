/**
 * Every error a client can see has a stable code. Services throw AppError;
 * the problem-details filter turns it into RFC 9457 application/problem+json.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  LOCAL_LOGIN_DISABLED: 403,
  NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  WORKFLOW_REFUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_LOGIN_ATTEMPTS: 429,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra members of the problem document (e.g. `violations`, `errors`). */
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** The detail for a Danish reader (Accept-Language da); the message stays the English one. */
  danish?: string;

  /** The same error, said in Danish to a Danish reader. */
  inDanish(detail: string): this {
    this.danish = detail;
    return this;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

/** The things the API can fail to find or find changed, in Danish (definite form), for a Danish reader. */
const DANISH_SUBJECTS: Record<string, string> = {
  Plan: 'Udviklingsplanen',
  Project: 'Projektet',
  Goal: 'Målet',
  'Housing area': 'Boligområdet',
  Area: 'Byområdet',
  User: 'Brugeren',
  Indicator: 'Indikatoren',
  'StatBank binding of indicator': 'Statistikbank-koblingen for indikatoren',
  Meeting: 'Mødet',
  'Local network': 'Det lokale netværk',
  Intervention: 'Indsatsen',
  Import: 'Indlæsningen',
  Decision: 'Beslutningen',
  Tool: 'Redskabet',
  'Stored version': 'Den gemte version',
  'StatBank fetch': 'Hentningen fra Statistikbanken',
  Report: 'Rapporten',
  'Report file': 'Rapportfilen',
  'Plan item': 'Punktet i planen',
  Notification: 'Notifikationen',
  Listing: 'Optagelsen på listen',
  Condition: 'Betingelsen',
  Attachment: 'Bilaget',
  Activity: 'Aktiviteten',
  'The StatBank binding': 'Statistikbank-koblingen',
  'The activity': 'Aktiviteten',
  'The baseline': 'Baselinen',
  'The evaluation draft': 'Udkastet til evalueringen',
  'The housing area': 'Boligområdet',
  'The intervention': 'Indsatsen',
  'The item': 'Punktet',
  'The tool': 'Redskabet',
};
const danishSubject = (what: string) => DANISH_SUBJECTS[what] ?? DANISH_SUBJECTS[what.replace(/^The /, '')];

export const notFound = (what: string, id: string) => {
  const error = new AppError('NOT_FOUND', `${what} ${id} was not found`);
  const da = danishSubject(what);
  return da ? error.inDanish(`${da} (${id}) findes ikke.`) : error;
};

export const versionConflict = (what: string, expected: number, current: number) => {
  const error = new AppError(
    'VERSION_CONFLICT',
    `${what} was changed by someone else (you had version ${expected}, it is now at version ${current}). Reload and ` +
      `try again.`,
    { expectedVersion: expected, currentVersion: current },
  );
  const da = danishSubject(what) ?? 'Det';
  return error.inDanish(
    `${da} er ændret af en anden (du havde version ${expected}, nu er den version ${current}). ` +
      'Hent siden igen, og prøv igen.',
  );
};
