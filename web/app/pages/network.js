// A local network's page (lokalt netværk, issue 18): its members (users, as the local head of an administration
// or the leader of a project), the record of who was added and removed, the coordinator history (hand-overs),
// the area's plans and projects, and what it coordinates: the area's interventions by kind. Administrators and
// staff of the coordinating administration add and remove members and hand the coordinator role on here.
import { html, useState } from '../html.js';
import { api } from '../api.js';
import { formatDateTime, t, tOr } from '../i18n.js';
import {
  Breadcrumbs,
  fieldErrors,
  Loading,
  PageHeading,
  ProblemNotice,
  SelectField,
  StageTag,
  SuccessNotice,
  TableWrap,
  TextArea,
  useAsync,
  useSession,
} from '../components.js';
import { loadRefs } from '../refs.js';
import { loadProjects, projectStateLabel } from '../projects-api.js';
import { interventionKinds } from '../vocabulary.js';

const optional = (promise) => promise.catch(() => null);

export function NetworkPage({ params }) {
  const session = useSession();
  const [done, setDone] = useState(null);
  const data = useAsync(async () => {
    const network = await api(`/local-networks/${params.id}`);
    const [handovers, record, plans, projects, interventions, refs] = await Promise.all([
      api(`/local-networks/${params.id}/handovers`),
      api(`/local-networks/${params.id}/membership`),
      api(`/plans?areaId=${network.areaId}&limit=200`),
      optional(loadProjects({ areaId: network.areaId })),
      optional(api(`/interventions?areaId=${network.areaId}&limit=200`)),
      loadRefs(),
    ]);
    return { network, handovers, record, plans: plans.items, projects, interventions, refs };
  }, [params.id]);
  if (!data.data) {
    return html`<${PageHeading} key="page-title" title=${t('network.pageTitle')} />
      ${data.loading ? html`<${Loading} />` : html`<${ProblemNotice} error=${data.error} onReload=${data.reload} />`}`;
  }
  const { network, handovers, record, plans, projects, interventions, refs } = data.data;
  const mine = session.me.administration?.id ?? null;
  const canEdit =
    session.hasRole('administrator') || (session.hasRole('staff') && mine === network.coordinatingAdministrationId);
  const changed = async (message) => {
    setDone(message);
    await data.reload();
  };
  const title = t('network.title', { area: network.areaName });
  return html`
    <${Breadcrumbs}
      items=${[
        { href: '/', label: t('nav.overview') },
        { href: `/areas/${network.areaId}`, label: network.areaName },
        { label: t('network.crumb') },
      ]}
    />
    <${PageHeading} key="page-title" title=${title} />
    <p class="lead">${t('network.lead')}</p>
    ${done && html`<${SuccessNotice} key=${done}>${done}<//>`}
    <dl class="facts">
      <dt>${t('network.coordinator')}</dt>
      <dd>${network.coordinatingAdministrationName}</dd>
      <dt>${t('network.memberCount')}</dt>
      <dd>${network.members.length}</dd>
    </dl>

    <section class="block" aria-labelledby="members-heading">
      <h2 id="members-heading">${t('network.members')}</h2>
      <${Members} network=${network} canEdit=${canEdit} onChanged=${changed} />
      ${canEdit && html`<${AddMember} network=${network} onChanged=${changed} />`}
      ${
        network.legacyMembers.length > 0 &&
        html`<h3>${t('network.legacy')}</h3>
          <p class="hint">${t('network.legacyHint')}</p>
          <ul>
            ${network.legacyMembers.map((m, i) => html`<li key=${i}>${m.name}${m.role ? ` – ${m.role}` : ''}</li>`)}
          </ul>`
      }
      <h3>${t('network.record')}</h3>
      <${MembershipRecord} record=${record} />
    </section>

    <section class="block" aria-labelledby="coordinator-heading">
      <h2 id="coordinator-heading">${t('network.coordinatorHistory')}</h2>
      <${Handovers} handovers=${handovers} />
      ${canEdit && html`<${HandOver} network=${network} refs=${refs} onChanged=${changed} />`}
    </section>

    <section class="block" aria-labelledby="network-plans-heading">
      <h2 id="network-plans-heading">${t('network.plans')}</h2>
      ${
        plans.length === 0
          ? html`<p class="empty">${t('area.noPlans')}</p>`
          : html`<${TableWrap} label=${t('network.plans')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">${t('overview.plan')}</th>
                    <th scope="col">${t('plan.budgetYear')}</th>
                    <th scope="col">${t('overview.stage')}</th>
                    <th scope="col">${t('network.planCoordinator')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${plans.map(
                    (p) =>
                      html`<tr key=${p.id}>
                        <td><a href=${`/plans/${p.id}`}>${p.title}</a></td>
                        <td>${p.budgetYear}</td>
                        <td><${StageTag} plan=${p} /></td>
                        <td>
                          ${refs.administrations.find((a) => a.id === p.coordinatingAdministrationId)?.code ?? '–'}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            <//>`
      }
    </section>

    <section class="block" aria-labelledby="network-projects-heading">
      <h2 id="network-projects-heading">${t('network.projects')}</h2>
      ${
        projects === null
          ? html`<p class="empty">${t('projects.unavailable')}</p>`
          : projects.length === 0
            ? html`<p class="empty">${t('area.noProjects')}</p>`
            : html`<ul>
                ${projects.map(
                  (p) =>
                    html`<li key=${p.id}>
                      <a href=${`/projects/${p.id}`}>${p.title}</a> – ${projectStateLabel(p.state, p.stateLabel)}
                    </li>`,
                )}
              </ul>`
      }
    </section>

    <section class="block" aria-labelledby="coordinates-heading">
      <h2 id="coordinates-heading">${t('network.coordinates')}</h2>
      <p>${t('network.coordinatesLead')}</p>
      <${Coordinates} interventions=${interventions} />
    </section>
  `;
}

const capacityLabel = (capacity) => t(`network.capacities.${capacity}`);
const forWhat = (m) => m.administrationName ?? m.projectTitle ?? '–';

function Members({ network, canEdit, onChanged }) {
  const [removing, setRemoving] = useState(null);
  if (network.members.length === 0) return html`<p class="empty">${t('network.noMembers')}</p>`;
  return html`<${TableWrap} label=${t('network.members')}>
      <table>
        <thead>
          <tr>
            <th scope="col">${t('network.name')}</th>
            <th scope="col">${t('network.capacity')}</th>
            <th scope="col">${t('network.for')}</th>
            <th scope="col">${t('network.since')}</th>
            ${canEdit && html`<th scope="col">${t('admin.actions')}</th>`}
          </tr>
        </thead>
        <tbody>
          ${network.members.map(
            (m) =>
              html`<tr key=${m.id} data-member=${m.name}>
                <th scope="row">${m.name}</th>
                <td>${capacityLabel(m.capacity)}</td>
                <td>${forWhat(m)}</td>
                <td>${formatDateTime(m.since)}</td>
                ${
                  canEdit &&
                  html`<td>
                    <button
                      type="button"
                      class="secondary"
                      aria-label=${t('network.removeNamed', { name: m.name })}
                      onClick=${() => setRemoving(m)}
                    >
                      ${t('network.remove')}
                    </button>
                  </td>`
                }
              </tr>`,
          )}
        </tbody>
      </table>
    <//>
    ${
      removing &&
      html`<${RemoveMember}
        key=${removing.id}
        network=${network}
        member=${removing}
        onCancel=${() => setRemoving(null)}
        onChanged=${(message) => {
          setRemoving(null);
          onChanged(message);
        }}
      />`
    }`;
}

function RemoveMember({ network, member, onCancel, onChanged }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/local-networks/${network.id}/members/${member.id}/removal`, { method: 'POST', body: { reason } });
      onChanged(t('network.removed', { name: member.name }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return html`<form id="remove-member" class="section-editor" onSubmit=${submit} novalidate>
    <h3>${t('network.removeTitle', { name: member.name })}</h3>
    <${ProblemNotice} error=${error} />
    <${TextArea}
      id="remove-member-reason"
      label=${t('network.reason')}
      hint=${t('network.removeReasonHint')}
      value=${reason}
      onInput=${setReason}
      error=${fieldErrors(error).reason}
      required=${true}
      rows=${2}
    />
    <div class="button-row">
      <button type="submit" disabled=${busy}>${t('network.confirmRemove')}</button>
      <button type="button" class="secondary" onClick=${onCancel}>${t('form.cancel')}</button>
    </div>
  </form>`;
}

function AddMember({ network, onChanged }) {
  const candidates = useAsync(() => api(`/local-networks/${network.id}/candidates`), [network.id, network.members]);
  const [choice, setChoice] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  if (!candidates.data)
    return candidates.loading
      ? html`<${Loading} />`
      : html`<${ProblemNotice} error=${candidates.error} onReload=${candidates.reload} />`;
  const key = (c) => `${c.userId}|${c.capacity}|${c.projectId ?? c.administrationId ?? ''}`;
  const options = candidates.data.map((c) => ({
    value: key(c),
    label: `${c.name} – ${capacityLabel(c.capacity)}: ${forWhat(c)}`,
  }));
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const chosen = candidates.data.find((c) => key(c) === choice);
    const body = chosen
      ? {
          userId: chosen.userId,
          capacity: chosen.capacity,
          ...(chosen.projectId ? { projectId: chosen.projectId } : {}),
          reason,
        }
      : { userId: '', capacity: 'local_head', reason };
    try {
      const event = await api(`/local-networks/${network.id}/members`, { method: 'POST', body });
      setChoice('');
      setReason('');
      setBusy(false);
      onChanged(t('network.added', { name: event.userName }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  return html`<form id="add-member" class="section-editor" onSubmit=${submit} novalidate>
    <h3>${t('network.addTitle')}</h3>
    <${ProblemNotice} error=${error} />
    <${SelectField}
      id="add-member-userId"
      label=${t('network.who')}
      hint=${t('network.whoHint')}
      value=${choice}
      onChange=${setChoice}
      options=${options}
      placeholder=${t('admin.choose')}
      error=${[...(errors.userId ?? []), ...(errors.capacity ?? []), ...(errors.projectId ?? [])]}
      required=${true}
    />
    <${TextArea}
      id="add-member-reason"
      label=${t('network.reason')}
      hint=${t('network.addReasonHint')}
      value=${reason}
      onInput=${setReason}
      error=${errors.reason}
      required=${true}
      rows=${2}
    />
    <div class="button-row"><button type="submit" disabled=${busy}>${t('network.add')}</button></div>
  </form>`;
}

function MembershipRecord({ record }) {
  if (record.length === 0) return html`<p class="empty">${t('network.noRecord')}</p>`;
  return html`<${TableWrap} label=${t('network.record')}>
    <table>
      <thead>
        <tr>
          <th scope="col">${t('history.when')}</th>
          <th scope="col">${t('network.change')}</th>
          <th scope="col">${t('network.name')}</th>
          <th scope="col">${t('network.capacity')}</th>
          <th scope="col">${t('network.reason')}</th>
          <th scope="col">${t('history.who')}</th>
        </tr>
      </thead>
      <tbody>
        ${[...record].reverse().map(
          (e) =>
            html`<tr key=${e.seq}>
              <td>${formatDateTime(e.at)}</td>
              <td>${t(`network.changes.${e.change}`)}</td>
              <td>${e.userName}</td>
              <td>${capacityLabel(e.capacity)}: ${forWhat(e)}</td>
              <td>${e.reason}</td>
              <td>${e.actorName}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  <//>`;
}

function Handovers({ handovers }) {
  if (handovers.length === 0) return html`<p class="empty">${t('network.noHandovers')}</p>`;
  return html`<${TableWrap} label=${t('network.coordinatorHistory')}>
    <table>
      <thead>
        <tr>
          <th scope="col">${t('history.when')}</th>
          <th scope="col">${t('network.from')}</th>
          <th scope="col">${t('network.to')}</th>
          <th scope="col">${t('network.reason')}</th>
          <th scope="col">${t('history.who')}</th>
        </tr>
      </thead>
      <tbody>
        ${[...handovers].reverse().map(
          (h) =>
            html`<tr key=${h.seq}>
              <td>${formatDateTime(h.at)}</td>
              <td>${h.fromAdministrationName ?? t('network.started')}</td>
              <td>${h.toAdministrationName}</td>
              <td>${h.reason}</td>
              <td>${h.actorName}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  <//>`;
}

function HandOver({ network, refs, onChanged }) {
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const options = refs.administrations
    .filter((a) => a.active !== false && a.id !== network.coordinatingAdministrationId)
    .map((a) => ({ value: a.id, label: `${a.name} (${a.code})` }));
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const event = await api(`/local-networks/${network.id}/handover`, {
        method: 'POST',
        body: { version: network.version, toAdministrationId: to, reason },
      });
      setBusy(false);
      onChanged(t('network.handedOver', { name: event.toAdministrationName }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const errors = fieldErrors(error);
  return html`<form id="handover" class="section-editor" onSubmit=${submit} novalidate>
    <h3>${t('network.handOverTitle')}</h3>
    <${ProblemNotice} error=${error} subject="network" />
    <${SelectField}
      id="handover-toAdministrationId"
      label=${t('network.to')}
      hint=${t('network.handOverHint')}
      value=${to}
      onChange=${setTo}
      options=${options}
      placeholder=${t('admin.choose')}
      error=${errors.toAdministrationId}
      required=${true}
    />
    <${TextArea}
      id="handover-reason"
      label=${t('network.reason')}
      value=${reason}
      onInput=${setReason}
      error=${errors.reason}
      required=${true}
      rows=${2}
    />
    <div class="button-row"><button type="submit" disabled=${busy}>${t('network.handOver')}</button></div>
  </form>`;
}

function Coordinates({ interventions }) {
  if (interventions === null) return html`<p class="empty">${t('network.coordinatesUnavailable')}</p>`;
  const kinds = interventionKinds();
  return html`<${TableWrap} label=${t('network.coordinates')}>
    <table>
      <thead>
        <tr>
          <th scope="col">${t('network.kind')}</th>
          <th scope="col" class="num">${t('network.count')}</th>
          <th scope="col">${t('network.interventions')}</th>
        </tr>
      </thead>
      <tbody>
        ${kinds.map((kind) => {
          const items = interventions.items.filter((i) => i.kind === kind);
          return html`<tr key=${kind}>
            <th scope="row">${tOr(`kinds.${kind}`, kind)}</th>
            <td class="num">${items.length}</td>
            <td>
              ${
                items.length === 0
                  ? '–'
                  : items.map(
                      (i, n) => html`${n > 0 ? ', ' : ''}<a key=${i.id} href=${`/interventions/${i.id}`}>${i.name}</a>`,
                    )
              }
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  <//>`;
}
