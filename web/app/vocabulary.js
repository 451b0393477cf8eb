// The API's value lists (roles, intervention kinds, funding sources, …), in
// one place. The pages never list them themselves: they ask vocab(name).
// Today the lists are read from the API's own OpenAPI document (the enums of
// its schemas), so they are exactly what the API accepts; when GET /api/meta
// is there, only this module needs to change.
import { api } from './api.js';

/** name → [schema, property] in /api/docs-json whose enum is the list. */
const SOURCES = {
  roles: ['UserDto', 'roles'],
  interventionKinds: ['InterventionDto', 'kind'],
  fundingSources: ['InterventionDto', 'fundingSource'],
  indicatorKinds: ['IndicatorDto', 'kind'],
  directions: ['IndicatorDto', 'direction'],
  goalLevels: ['GoalDto', 'level'],
  targetKinds: ['ConcreteGoalDto', 'targetKind'],
};

let documentPromise = null;

function openApi() {
  if (!documentPromise) {
    documentPromise = api('/docs-json');
    documentPromise.catch(() => {
      documentPromise = null;
    });
  }
  return documentPromise;
}

/** The values of one of the API's lists, in the API's order: `await vocab('roles')` → ['administrator', …]. */
export async function vocab(name) {
  const source = SOURCES[name];
  if (!source) throw new Error(`Unknown vocabulary: ${name}`);
  const doc = await openApi();
  const property = doc?.components?.schemas?.[source[0]]?.properties?.[source[1]];
  const values = property?.enum ?? property?.items?.enum;
  if (!Array.isArray(values)) throw new Error(`The API does not list ${name}`);
  return [...values];
}

/** Several lists at once: `await vocabs('roles', 'fundingSources')` → { roles: […], fundingSources: […] }. */
export async function vocabs(...names) {
  const lists = await Promise.all(names.map(vocab));
  return Object.fromEntries(names.map((n, i) => [n, lists[i]]));
}
