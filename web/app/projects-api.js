// Projects as the API lists them, and their names in the chosen language.
import { api, qs } from './api.js';
import { tOr } from './i18n.js';

export async function loadProjects(query = {}) {
  const page = await api(`/projects${qs({ limit: 200, ...query })}`);
  return page.items;
}

export function projectStateLabel(state, fallback) {
  return tOr(`projectStates.${state}`, fallback ?? state);
}

export function fundingLabel(source) {
  return tOr(`funding.${source}`, source);
}

/** Project states in the order they are listed (the API's vocabulary). */
export { projectStateOrder } from './vocabulary.js';
