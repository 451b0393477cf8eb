// The theory of change, editable: the tools (redskaber) under a concrete
// goal and the activities under each tool, an activity optionally carried
// out through a registered intervention. Offered to administrators and to
// staff on their own administration's tools; the API decides (who may, a
// tool with activities cannot be removed, stale versions) and its refusal is
// shown where the user acted.
import { html, useState } from './html.js';
import { api, qs } from './api.js';
import { t } from './i18n.js';
import { ProblemNotice, useAsync, useSession } from './components.js';
import { RecordForm } from './admin-kit.js';

const H = (level) => `h${Math.min(level, 6)}`;

let registerCache = null;
/** The register's interventions for the activity form's choice (the first 200 by name). */
function loadRegister() {
  if (!registerCache) {
    registerCache = api(`/interventions${qs({ limit: 200 })}`).then((page) => page.items);
    registerCache.catch(() => {
      registerCache = null;
    });
  }
  return registerCache;
}
export function forgetRegister() {
  registerCache = null;
}

/** What the browser offers to whom; the API still decides. */
function useMayEdit() {
  const session = useSession();
  const admin = session.hasRole('administrator');
  const ownAdministration = session.hasRole('staff') ? (session.me.administration?.id ?? null) : null;
  return {
    admin,
    any: admin || ownAdministration !== null,
    tool: (tool) => admin || (ownAdministration !== null && tool.administrationId === ownAdministration),
  };
}

/** The tools towards one concrete goal, with their activities, editable. `onChanged` reloads the page's data. */
export function GoalToolsEditor({ goal, refs, level, onChanged }) {
  const may = useMayEdit();
  const [open, setOpen] = useState(null); // { kind, id }
  const [error, setError] = useState(null); // { at, err }
  const register = useAsync(() => (may.any ? loadRegister() : Promise.resolve([])), [may.any]);
  const Heading = H(level);
  const formHeading = H(level + 1);
  const adminOptions = refs.administrations
    .filter((a) => a.active !== false)
    .map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));
  const interventionOptions = (register.data ?? []).map((i) => {
    const owner = refs.administrations.find((a) => a.id === i.owningAdministrationId)?.code;
    return { value: i.id, label: owner ? `${i.name} (${owner})` : i.name };
  });
  const toolFields = [
    { name: 'name', label: t('tocEdit.toolName'), type: 'text', required: true },
    { name: 'description', label: t('tocEdit.description'), type: 'textarea', rows: 2 },
    ...(may.admin
      ? [
          {
            name: 'administrationId',
            label: t('tocEdit.owner'),
            hint: t('tocEdit.ownerHint'),
            type: 'select',
            options: adminOptions,
            nullable: true,
          },
        ]
      : []),
  ];
  const activityFields = [
    { name: 'name', label: t('tocEdit.activityName'), type: 'text', required: true },
    { name: 'description', label: t('tocEdit.description'), type: 'textarea', rows: 2 },
    {
      name: 'interventionId',
      label: t('tocEdit.intervention'),
      hint: t('tocEdit.interventionHint'),
      type: 'select',
      options: interventionOptions,
      nullable: true,
    },
  ];
  const done = async () => {
    setOpen(null);
    setError(null);
    await onChanged();
  };
  const remove = async (at, path, version) => {
    setError(null);
    try {
      await api(`${path}${qs({ version })}`, { method: 'DELETE' });
      await done();
    } catch (err) {
      setError({ at, err });
    }
  };
  const isOpen = (kind, id) => open?.kind === kind && open?.id === id;
  const toggle = (kind, id) => setOpen(isOpen(kind, id) ? null : { kind, id });
  const errorAt = (at) =>
    error?.at === at && html`<${ProblemNotice} error=${error.err} title=${t('problem.refusedTitle')} />`;
  const owner = (tool) => refs.administrations.find((a) => a.id === tool.administrationId)?.code;

  return html`<div class="toc-part" data-tools-of=${goal.code ?? goal.id}>
    <${Heading}>${t('toc.tools')}<//>
    ${goal.tools.length === 0 && html`<p class="empty">${t('toc.noTools')}</p>`}
    <ul class="toc-tools">
      ${goal.tools.map(
        (tool) =>
          html`<li key=${tool.id} data-tool=${tool.id}>
            <strong>${tool.name}</strong
            >${owner(tool) ? html` <span class="meta">(${owner(tool)})</span>` : ''}${tool.description ? ` – ${tool.description}` : ''}
            ${errorAt(`tool-${tool.id}`)}
            ${
              may.tool(tool) &&
              html`<div class="button-row">
                <button
                  type="button"
                  class="secondary"
                  aria-expanded=${isOpen('tool', tool.id) ? 'true' : 'false'}
                  aria-label=${t('tocEdit.editToolNamed', { name: tool.name })}
                  onClick=${() => toggle('tool', tool.id)}
                >
                  ${t('tocEdit.edit')}
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-label=${t('tocEdit.removeToolNamed', { name: tool.name })}
                  onClick=${() => remove(`tool-${tool.id}`, `/theory-of-change/tools/${tool.id}`, tool.version)}
                >
                  ${t('tocEdit.remove')}
                </button>
                <button
                  type="button"
                  class="secondary"
                  aria-expanded=${isOpen('newActivity', tool.id) ? 'true' : 'false'}
                  aria-label=${t('tocEdit.addActivityNamed', { name: tool.name })}
                  onClick=${() => toggle('newActivity', tool.id)}
                >
                  ${t('tocEdit.addActivity')}
                </button>
              </div>`
            }
            ${
              isOpen('tool', tool.id) &&
              html`<${RecordForm}
                heading=${formHeading}
                focusOnOpen=${true}
                formId=${`tool-${tool.id}-form`}
                title=${t('tocEdit.editToolTitle', { name: tool.name })}
                fields=${toolFields}
                original=${tool}
                onReload=${done}
                save=${(body) => api(`/theory-of-change/tools/${tool.id}`, { method: 'PATCH', body })}
                onSaved=${done}
                onCancel=${() => setOpen(null)}
              />`
            }
            ${
              tool.activities.length === 0
                ? html`<p class="meta">${t('toc.noActivities')}</p>`
                : html`<ul class="toc-activities" aria-label=${t('toc.activitiesOf', { tool: tool.name })}>
                    ${tool.activities.map(
                      (a) =>
                        html`<li key=${a.id} data-activity=${a.id}>
                          ${a.name}${a.description ? ` – ${a.description}` : ''}${a.interventionName ? html` <span class="meta">(${t('toc.through', { name: a.interventionName })})</span>` : ''}
                          ${errorAt(`activity-${a.id}`)}
                          ${
                            may.tool(tool) &&
                            html`<div class="button-row">
                              <button
                                type="button"
                                class="secondary"
                                aria-expanded=${isOpen('activity', a.id) ? 'true' : 'false'}
                                aria-label=${t('tocEdit.editActivityNamed', { name: a.name })}
                                onClick=${() => toggle('activity', a.id)}
                              >
                                ${t('tocEdit.edit')}
                              </button>
                              <button
                                type="button"
                                class="secondary"
                                aria-label=${t('tocEdit.removeActivityNamed', { name: a.name })}
                                onClick=${() => remove(`activity-${a.id}`, `/theory-of-change/activities/${a.id}`, a.version)}
                              >
                                ${t('tocEdit.remove')}
                              </button>
                            </div>`
                          }
                          ${
                            isOpen('activity', a.id) &&
                            html`<${RecordForm}
                              heading=${formHeading}
                              focusOnOpen=${true}
                              formId=${`activity-${a.id}-form`}
                              title=${t('tocEdit.editActivityTitle', { name: a.name })}
                              fields=${activityFields}
                              original=${a}
                              onReload=${done}
                              save=${(body) => api(`/theory-of-change/activities/${a.id}`, { method: 'PATCH', body })}
                              onSaved=${done}
                              onCancel=${() => setOpen(null)}
                            />`
                          }
                        </li>`,
                    )}
                  </ul>`
            }
            ${
              isOpen('newActivity', tool.id) &&
              html`<${RecordForm}
                heading=${formHeading}
                focusOnOpen=${true}
                formId=${`tool-${tool.id}-activity-form`}
                title=${t('tocEdit.newActivityTitle', { name: tool.name })}
                fields=${activityFields}
                save=${(body) => api(`/theory-of-change/tools/${tool.id}/activities`, { method: 'POST', body })}
                onSaved=${done}
                onCancel=${() => setOpen(null)}
              />`
            }
          </li>`,
      )}
    </ul>
    ${
      may.any &&
      html`<div class="button-row">
        <button
          type="button"
          class="secondary"
          aria-expanded=${isOpen('newTool', goal.id) ? 'true' : 'false'}
          aria-label=${t('tocEdit.addToolNamed', { name: goal.title })}
          onClick=${() => toggle('newTool', goal.id)}
        >
          ${t('tocEdit.addTool')}
        </button>
      </div>`
    }
    ${
      isOpen('newTool', goal.id) &&
      html`<${RecordForm}
        heading=${formHeading}
        focusOnOpen=${true}
        formId=${`goal-${goal.id}-tool-form`}
        title=${t('tocEdit.newToolTitle', { name: goal.title })}
        fields=${toolFields}
        save=${(body) => api(`/theory-of-change/goals/${goal.id}/tools`, { method: 'POST', body })}
        onSaved=${done}
        onCancel=${() => setOpen(null)}
      />`
    }
  </div>`;
}
