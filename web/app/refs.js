// Master data most pages need (administrations, goals, indicators, areas),
// fetched once per page load and shared.
import { api } from './api.js';

let cache = null;

export function loadRefs({ fresh = false } = {}) {
  if (!cache || fresh) {
    cache = Promise.all([api('/administrations'), api('/goals'), api('/indicators'), api('/areas')]).then(
      ([administrations, goals, indicators, areas]) => ({
        administrations,
        goals,
        cityGoals: goals.filter((g) => g.level === 'concrete'),
        indicators,
        areas,
      }),
    );
    cache.catch(() => {
      cache = null;
    });
  }
  return cache;
}

export function forgetRefs() {
  cache = null;
}
