import { html, useState } from '../html.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { fieldErrors, PageHeading, ProblemNotice, SuccessNotice, TextField, useSession } from '../components.js';

/**
 * Choose a new password. Used right after signing in with a one-time
 * password (the current one is then already known: `currentPassword`), and
 * as a page of its own (/change-password) for a signed-in local user.
 */
export function ChangePasswordForm({ email, currentPassword: known, onDone }) {
  const [current, setCurrent] = useState(known ?? '');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    if (next !== repeat) {
      setError(
        new ApiError(400, {
          code: 'VALIDATION_FAILED',
          detail: t('auth.change.mismatch'),
          errors: [{ field: 'repeat', messages: [t('auth.change.mismatch')] }],
        }),
      );
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api('/auth/change-password', {
        method: 'POST',
        body: { email, currentPassword: current, newPassword: next, session: 'cookie' },
      });
      await onDone();
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'INVALID_CREDENTIALS'
          ? new ApiError(401, { detail: t('auth.change.wrongCurrent') })
          : err,
      );
      setBusy(false);
    }
  };

  const errors = fieldErrors(error);
  return html`<form onSubmit=${submit} novalidate>
    ${error && html`<${ProblemNotice} error=${error} title=${t('auth.change.failedTitle')} />`}
    ${
      known === undefined &&
      html`<${TextField}
        id="change-current"
        label=${t('auth.change.current')}
        type="password"
        autocomplete="current-password"
        value=${current}
        onInput=${setCurrent}
        error=${errors.currentPassword}
        required=${true}
      />`
    }
    <${TextField}
      id="change-new"
      label=${t('auth.change.new')}
      hint=${t('auth.change.hint')}
      type="password"
      autocomplete="new-password"
      value=${next}
      onInput=${setNext}
      error=${errors.newPassword}
      required=${true}
    />
    <${TextField}
      id="change-repeat"
      label=${t('auth.change.repeat')}
      type="password"
      autocomplete="new-password"
      value=${repeat}
      onInput=${setRepeat}
      error=${errors.repeat}
      required=${true}
    />
    <div class="button-row">
      <button type="submit" disabled=${busy}>${busy ? t('auth.change.saving') : t('auth.change.save')}</button>
    </div>
  </form>`;
}

export function ChangePasswordPage() {
  const session = useSession();
  const [done, setDone] = useState(false);
  if (session.me?.origin === 'oidc') {
    return html`<div>
      <${PageHeading} key="page-title" title=${t('auth.change.title')} />
      <p>${t('auth.change.viaProvider')}</p>
    </div>`;
  }
  return html`<div class="login">
    <${PageHeading} key="page-title" title=${t('auth.change.title')} />
    ${
      done
        ? html`<${SuccessNotice}><p>${t('auth.change.done')}</p><//>`
        : html`<${ChangePasswordForm} email=${session.me.email} onDone=${() => setDone(true)} />`
    }
  </div>`;
}
