/** Types for the unit tests of web/app/field-labels.js (the web app itself is plain JavaScript). */
export function fieldLabel(field: string | null | undefined): string;
