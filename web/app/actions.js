// The actions panel: exactly what the API's /actions answer says. Allowed
// actions are buttons; for each one that is not allowed, the API's reasons.
// Nothing here decides what is allowed.
import { html, useState } from './html.js';
import { ApiError } from './api.js';
import { apiMessage, getLocale, has, t, tOr } from './i18n.js';
import { ConfirmDialog, ProblemNotice, SuccessNotice, TextArea } from './components.js';

/** The action's name: the API's Danish label, or the dictionary's in English. */
export function actionLabel(action, group = 'events') {
  if (getLocale() === 'da' && action.label) return action.label;
  return tOr(`${group}.${action.type}`, action.label ?? action.type);
}

/** Rule violations that belong to a form field, so the message is shown beside it too. */
const FIELD_OF_VIOLATION = {
  COMMENT_REQUIRED: 'comment',
  CONDITIONS_REQUIRED: 'conditions',
  REASON_REQUIRED: 'comment',
};

/**
 * props: idPrefix, actions, missing, onAct({ type, comment, conditions }) → Promise (false: nothing done),
 * onReload() → Promise (fetches the data again; the panel's refusal is cleared once it has),
 * conditionTypes (types that take a list of conditions), labelGroup, extras (more
 * fields, a vnode), extraErrors, headingLevel, commentLabel, subject (what a version
 * conflict is about: 'plan' or 'project'), confirm (false: the page asks for confirmation itself).
 */
export function ActionsPanel({
  idPrefix,
  actions,
  missing = [],
  onAct,
  onReload,
  conditionTypes = ['APPROVE_WITH_CONDITIONS'],
  labelGroup = 'events',
  extras = null,
  headingLevel = 3,
  commentLabel,
  commentHint,
  emptyText,
  announce = true,
  subject = 'plan',
  // false where the page asks for the confirmation itself (the forum's meeting, which also lists the conditions).
  confirm = true,
}) {
  const [comment, setComment] = useState('');
  const [conditions, setConditions] = useState('');
  const [busy, setBusy] = useState(null);
  const [error, setError] = useState(null);
  const [done, setDone] = useState(null);
  // The action waiting for the user's yes: submitting a stage and every forum decision say first what will happen.
  const [confirming, setConfirming] = useState(null);
  const consequence = (action) => `confirm.${labelGroup}.${action.type}`;
  const allowed = actions.filter((a) => a.allowed);
  const refused = actions.filter((a) => !a.allowed);
  const takesConditions = allowed.some((a) => conditionTypes.includes(a.type));
  const H = `h${headingLevel}`;

  const act = async (action) => {
    setBusy(action.type);
    setError(null);
    setDone(null);
    try {
      const list = conditions
        .split('\n')
        .map((c) => c.trim())
        .filter(Boolean);
      const acted = await onAct({
        type: action.type,
        comment: comment.trim() || undefined,
        conditions: conditionTypes.includes(action.type) ? list : undefined,
      });
      // onAct answers false when nothing was done (a confirmation was cancelled): the form keeps its text.
      if (acted === false) return;
      if (announce) setDone(actionLabel(action, labelGroup));
      setComment('');
      setConditions('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const choose = (action) => (confirm && has(consequence(action)) ? setConfirming(action) : act(action));

  // After a conflict or failure, "Reload" fetches the data again; the refusal was about the old data, so it goes.
  const reload = onReload
    ? async () => {
        await onReload();
        setError(null);
      }
    : undefined;

  const fieldMessages = (field) => {
    if (!(error instanceof ApiError)) return undefined;
    const fromViolations = error.violations.filter((v) => FIELD_OF_VIOLATION[v.code] === field).map(apiMessage);
    const fromErrors = error.errors
      .filter((e) => e.field === field || e.field.startsWith(`${field}[`))
      .flatMap((e) => e.messages);
    const all = [...fromViolations, ...fromErrors];
    return all.length ? all : undefined;
  };

  return html`<div class="actions-panel">
    ${done && html`<${SuccessNotice}><p>${t('actions.done', { action: done })}</p><//>`}
    <${ProblemNotice} error=${error} onReload=${reload} subject=${subject} />
    ${
      allowed.length > 0
        ? html`<form onSubmit=${(e) => e.preventDefault()} novalidate>
            <${TextArea}
              id=${`${idPrefix}-comment`}
              label=${commentLabel ?? t('actions.comment')}
              hint=${commentHint ?? t('actions.commentHint')}
              value=${comment}
              onInput=${setComment}
              error=${fieldMessages('comment')}
              rows=${3}
            />
            ${
              takesConditions &&
              html`<${TextArea}
                id=${`${idPrefix}-conditions`}
                label=${t('actions.conditions')}
                hint=${t('actions.conditionsHint')}
                value=${conditions}
                onInput=${setConditions}
                error=${fieldMessages('conditions')}
                rows=${3}
              />`
            }
            ${extras}
            <div class="button-row">
              ${allowed.map(
                (a) =>
                  html`<button
                    key=${a.type}
                    type="button"
                    class=${a.type === 'RETURN' || a.type === 'REJECT' || a.type === 'TERMINATE' || a.type === 'RETURN_EVALUATION' ? 'secondary' : ''}
                    disabled=${busy !== null}
                    data-action=${a.type}
                    onClick=${() => choose(a)}
                  >
                    ${busy === a.type ? t('actions.working') : actionLabel(a, labelGroup)}
                  </button>`,
              )}
            </div>
          </form>`
        : html`<p class="empty">${emptyText ?? t('actions.noneAllowed')}</p>`
    }
    ${
      confirming &&
      html`<${ConfirmDialog}
        id=${`${idPrefix}-confirm`}
        headingLevel=${headingLevel}
        title=${t('confirm.title', { action: actionLabel(confirming, labelGroup) })}
        text=${t(consequence(confirming))}
        confirmLabel=${actionLabel(confirming, labelGroup)}
        onCancel=${() => setConfirming(null)}
        onConfirm=${() => {
          const action = confirming;
          setConfirming(null);
          act(action);
        }}
      />`
    }
    ${
      refused.length > 0 &&
      html`<${H}>${t('actions.notNow')}<//>
        <ul class="action-list">
          ${refused.map(
            (a) =>
              html`<li key=${a.type} data-refused=${a.type}>
                <strong>${actionLabel(a, labelGroup)}</strong>
                <ul class="why-not">
                  ${a.violations.map((v, i) => html`<li key=${i}>${apiMessage(v)}</li>`)}
                </ul>
              </li>`,
          )}
        </ul>`
    }
    ${
      missing.length > 0 &&
      html`<${H}>${t('actions.missing')}<//>
        <ul>
          ${missing.map((m, i) => html`<li key=${i}>${apiMessage(m)}</li>`)}
        </ul>`
    }
  </div>`;
}
