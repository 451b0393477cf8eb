import { html, useEffect, useState } from '../html.js';
import { api, ApiError } from '../api.js';
import { has, t } from '../i18n.js';
import { navigate } from '../router.js';
import { fieldErrors, PageHeading, ProblemNotice, TextField, useSession } from '../components.js';
import { ChangePasswordForm } from './change-password.js';

const DEMO = ['tmf', 'bif', 'forum', 'forum2', 'projektleder', 'observer', 'admin'];

/** The reason the API gave for a refused sign-in through the provider (?signInError=…), then gone from the address. */
function takeSignInError() {
  const params = new URLSearchParams(location.search);
  const code = params.get('signInError');
  if (!code) return null;
  params.delete('signInError');
  params.delete('detail');
  const rest = params.toString();
  history.replaceState(null, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
  return code;
}

/** Refusals of a sign-in, in the user's language (the API's codes; the detail stays in the API's log). */
function describe(error) {
  if (!(error instanceof ApiError)) return error;
  if (error.code === 'INVALID_CREDENTIALS') return new ApiError(401, { detail: t('auth.invalid') });
  if (error.code === 'TOO_MANY_LOGIN_ATTEMPTS' || error.code === 'TOO_MANY_REQUESTS')
    return new ApiError(429, {
      detail: t(error.code === 'TOO_MANY_REQUESTS' ? 'auth.throttled' : 'auth.locked', {
        seconds: error.problem.retryAfterSeconds ?? '',
      }),
    });
  if (error.code === 'LOCAL_LOGIN_DISABLED') return new ApiError(403, { detail: t('auth.localDisabled') });
  return error;
}

export function LoginPage({ notice }) {
  const session = useSession();
  const [options, setOptions] = useState(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [mustChange, setMustChange] = useState(false);
  const [oidcError] = useState(takeSignInError);

  useEffect(() => {
    api('/auth/options')
      .then(setOptions)
      .catch(() => setOptions({ localLogin: true, oidc: null }));
  }, []);

  const finish = async () => {
    const me = await api('/auth/me');
    session.signIn(me);
    navigate(location.pathname + location.search, { replace: true });
  };

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/auth/login', { method: 'POST', body: { email, password, session: 'cookie' } });
      await finish();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PASSWORD_CHANGE_REQUIRED') setMustChange(true);
      else setError(err);
      setBusy(false);
    }
  };

  if (mustChange) {
    return html`<div class="login">
      <${PageHeading} key="page-title" title=${t('auth.change.forcedTitle')} />
      <p>${t('auth.change.forcedIntro')}</p>
      <${ChangePasswordForm} email=${email} currentPassword=${password} onDone=${finish} />
    </div>`;
  }

  const errors = fieldErrors(error);
  const problem = describe(error);
  const local = options?.localLogin ?? true;
  const returnTo = location.pathname + location.search;

  return html`<div class="login">
    <${PageHeading} key="page-title" title=${t('auth.title')} />
    ${notice === 'expired' && html`<div class="notice warning" role="status"><p>${t('auth.expired')}</p></div>`}
    ${notice === 'signedOut' && html`<div class="notice success" role="status"><p>${t('auth.signedOut')}</p></div>`}
    ${
      oidcError &&
      html`<div class="notice error" role="alert">
        <h2>${t('auth.failedTitle')}</h2>
        <p>
          ${t(has(`auth.oidcError.${oidcError}`) ? `auth.oidcError.${oidcError}` : 'auth.oidcError.OIDC_PROVIDER_ERROR')}
        </p>
      </div>`
    }
    ${
      options?.oidc &&
      html`<p>
        <a
          class="button"
          data-external=""
          href=${`${options.oidc.loginUrl}?${new URLSearchParams({ returnTo: returnTo === '/' ? '/' : returnTo })}`}
          >${t('auth.withProvider', { name: options.oidc.name })}</a
        >
      </p>`
    }
    ${
      local &&
      html`<p>${t('auth.intro')}</p>
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
        </details>`
    }
  </div>`;
}
