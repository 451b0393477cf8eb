// The app's vocabulary from the API (GET /api/meta, the domain's own lists):
// stages and their sections, plan statuses, project states, and the
// enumerations, with their Danish and English labels. Loaded once after
// sign-in; nothing in web/ repeats these lists (a test checks).
import { api } from './api.js';
import { addLabels } from './i18n.js';

let meta = null;
let loading = null;

/** Loads the vocabulary (once) and gives its labels to the dictionaries. */
export function loadVocabulary() {
  loading ??= api('/meta').then((body) => {
    meta = body;
    const labels = (list) => ({
      da: Object.fromEntries(list.map((e) => [e.id, e.label.da])),
      en: Object.fromEntries(list.map((e) => [e.id, e.label.en])),
    });
    addLabels('stages', labels(body.plan.stages));
    addLabels('status', labels(body.plan.statuses));
    addLabels('sections', labels(body.plan.sections));
    addLabels('projectStates', labels(body.project.states));
    addLabels('kinds', labels(body.enums.interventionKinds));
    addLabels('funding', labels(body.enums.fundingSources));
    addLabels('evidence', labels(body.enums.evidenceScale));
    addLabels('investment', labels(body.enums.investmentTypes));
    addLabels('recommendation', labels(body.enums.recommendations));
    // The record's past-tense wording of project events ("Evalueringen er afleveret"), for the history.
    addLabels('projectEventsRecorded', labels(body.project.events.map((e) => ({ id: e.id, label: e.recorded }))));
    return body;
  });
  loading.catch(() => {
    loading = null; // a failed load is tried again on the next sign-in
  });
  return loading;
}

function vocabulary() {
  if (!meta) throw new Error('The vocabulary is not loaded yet (loadVocabulary after sign-in)');
  return meta;
}

const ids = (list) => list.map((e) => e.id);

/** The plan's stages in order, closed last. */
export const stageOrder = () => ids(vocabulary().plan.stages);
/** The sections worked on in each stage, by stage. */
export const stageSections = () => Object.fromEntries(vocabulary().plan.stages.map((s) => [s.id, s.sections]));
/** Project states in the order they are listed. */
export const projectStateOrder = () => ids(vocabulary().project.states);
export const interventionKinds = () => ids(vocabulary().enums.interventionKinds);
export const fundingSources = () => ids(vocabulary().enums.fundingSources);
/** The evidence scale, weakest first. */
export const evidenceScale = () => ids(vocabulary().enums.evidenceScale);
export const investmentTypes = () => ids(vocabulary().enums.investmentTypes);
export const recommendations = () => ids(vocabulary().enums.recommendations);

/**
 * Lists that GET /api/meta does not serve (yet) are read from the API's own OpenAPI document, the enums of
 * its schemas (name → [schema, property] in /api/docs-json), so they are exactly what the API accepts.
 */
const SOURCES = {
  roles: ['UserDto', 'roles'],
  indicatorKinds: ['IndicatorDto', 'kind'],
  directions: ['IndicatorDto', 'direction'],
  goalLevels: ['GoalDto', 'level'],
  targetKinds: ['ConcreteGoalDto', 'targetKind'],
  deadlineKinds: ['DeadlineDto', 'kind'],
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
  const fromMeta = (await loadVocabulary()).enums?.[name];
  if (Array.isArray(fromMeta)) return ids(fromMeta);
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
