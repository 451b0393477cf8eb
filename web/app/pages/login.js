import { html, useState } from '../html.js';
import { api, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { fieldErrors, PageHeading, ProblemNotice, TextField, useSession } from '../components.js';

const DEMO = ['tmf', 'bif', 'forum', 'forum2', 'projektleder', 'observer', 'admin'];

export function LoginPage({ notice }) {
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { accessToken } = await api('/auth/login', { method: 'POST', body: { email, password } });
      // Ask who this is with the new token before showing any page.
      const me = await fetch('/api/auth/me', {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      }).then(async (r) => {
        if (!r.ok) throw new ApiError(r.status, await r.json().catch(() => ({})));
        return r.json();
      });
      session.signIn(accessToken, me);
      navigate(location.pathname + location.search, { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const errors = fieldErrors(error);
  const problem =
    error instanceof ApiError && error.code === 'INVALID_CREDENTIALS'
      ? new ApiError(401, { detail: t('auth.invalid') })
      : error instanceof ApiError && error.status === 429
        ? new ApiError(429, { detail: t('auth.locked', { seconds: error.problem.retryAfterSeconds ?? '' }) })
        : error;

  return html`<div class="login">
    <${PageHeading} key="page-title" title=${t('auth.title')} />
    ${notice === 'expired' && html`<div class="notice warning" role="status"><p>${t('auth.expired')}</p></div>`}
    ${notice === 'signedOut' && html`<div class="notice success" role="status"><p>${t('auth.signedOut')}</p></div>`}
    <p>${t('auth.intro')}</p>
    ${problem && html`<${ProblemNotice} error=${problem} title=${t('auth.failedTitle')} />`}
    <form onSubmit=${submit} novalidate>
      <${TextField}
        id="login-email"
        label=${t('auth.email')}
        type="email"
        autocomplete="username"
        value=${email}
        onInput=${setEmail}
        error=${errors.email}
        required=${true}
      />
      <${TextField}
        id="login-password"
        label=${t('auth.password')}
        type="password"
        autocomplete="current-password"
        value=${password}
        onInput=${setPassword}
        error=${errors.password}
        required=${true}
      />
      <div class="button-row">
        <button type="submit" disabled=${busy}>${busy ? t('auth.signingIn') : t('auth.signIn')}</button>
      </div>
    </form>
    <details class="demo-accounts">
      <summary>${t('auth.demoTitle')}</summary>
      <p>${t('auth.demoText')}</p>
      <ul>
        ${DEMO.map((d) => html`<li key=${d}><code>${d}@demo.byloeft.dk</code> – ${t(`auth.demo.${d}`)}</li>`)}
      </ul>
    </details>
  </div>`;
}
