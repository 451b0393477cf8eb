// The browser app: signs the user in, draws the header and navigation, and
// shows the page for the current path. Every rule lives in the API; the app
// shows what the API says may be done, and why not.
import { html, render, useCallback, useEffect, useRef, useState } from './html.js';
import { loadVocabulary } from './vocabulary.js';
import { api, hasSession, SESSION_EXPIRED } from './api.js';
import { getLocale, onLocaleChange, setLocale, t } from './i18n.js';
import { match, navigate, useLocation } from './router.js';
import { SessionContext } from './components.js';
import { LoginPage } from './pages/login.js';
import { ChangePasswordPage } from './pages/change-password.js';
import { QueuesPage } from './pages/queues.js';
import { OverviewPage } from './pages/overview.js';
import { AreaPage } from './pages/area.js';
import { NetworkPage } from './pages/network.js';
import { PlanPage } from './pages/plan.js';
import { ForumPage } from './pages/forum.js';
import { MeetingPage } from './pages/meeting.js';
import { NotificationsPage } from './pages/notifications.js';
import { ProjectsPage, ProjectPage } from './pages/projects.js';
import { ProposeProjectPage } from './pages/project-propose.js';
import { PortfolioPage } from './pages/portfolio.js';
import { IndicatorsPage } from './pages/indicators.js';
import { DeadlinesPage } from './pages/deadlines.js';
import { BudgetRoundPage, BudgetRoundsPage } from './pages/budget-rounds.js';
import { IdentificationPage } from './pages/identification.js';
import { ComparePage } from './pages/compare.js';
import { NotFoundPage } from './pages/not-found.js';
import {
  AdminAdministrationsPage,
  AdminAreasPage,
  AdminIndexPage,
  AdminIndicatorsPage,
  AdminLocalNetworksPage,
  AdminMunicipalityPage,
} from './pages/admin.js';
import { AdminUsersPage } from './pages/admin-users.js';
import { AdminGoalPage, AdminGoalsPage } from './pages/admin-goals.js';
import { AdminHousingAreasPage, AdminStatbankPage } from './pages/admin-data-sources.js';
import { InterventionPage, InterventionsPage } from './pages/interventions.js';

const ROUTES = [
  ['/', OverviewPage],
  ['/areas/compare', ComparePage], // before /areas/:id, which it would otherwise match
  ['/areas/:id', AreaPage],
  ['/networks/:id', NetworkPage],
  ['/plans/:id', PlanPage],
  ['/forum', ForumPage],
  ['/meetings/:id', MeetingPage],
  ['/projects', ProjectsPage],
  ['/projects/new', ProposeProjectPage], // before /projects/:id, which it would otherwise match
  ['/projects/:id', ProjectPage],
  ['/portfolio', PortfolioPage],
  ['/deadlines', DeadlinesPage],
  ['/budget-rounds', BudgetRoundsPage],
  ['/budget-rounds/:year', BudgetRoundPage],
  ['/identification', IdentificationPage],
  ['/indicators', IndicatorsPage],
  ['/notifications', NotificationsPage],
  ['/interventions', InterventionsPage],
  ['/interventions/:id', InterventionPage],
  ['/admin', AdminIndexPage],
  ['/admin/users', AdminUsersPage],
  ['/admin/areas', AdminAreasPage],
  ['/admin/administrations', AdminAdministrationsPage],
  ['/admin/local-networks', AdminLocalNetworksPage],
  ['/admin/goals', AdminGoalsPage],
  ['/admin/goals/:id', AdminGoalPage],
  ['/admin/indicators', AdminIndicatorsPage],
  ['/admin/housing-areas', AdminHousingAreasPage],
  ['/admin/statbank', AdminStatbankPage],
  ['/admin/municipality', AdminMunicipalityPage],
  ['/change-password', ChangePasswordPage],
  ['/queues', QueuesPage],
];

function resolve(path) {
  for (const [pattern, Page] of ROUTES) {
    const params = match(pattern, path);
    if (params) return { Page, params, pattern };
  }
  return { Page: NotFoundPage, params: {}, pattern: null };
}

const UNREAD_POLL_MS = 30_000;

function App() {
  const location = useLocation();
  const [locale, setLocaleState] = useState(getLocale());
  const [me, setMe] = useState(undefined); // undefined: checking; null: signed out
  const [notice, setNotice] = useState(null);
  const [unread, setUnread] = useState(null);

  const [vocabularyReady, setVocabularyReady] = useState(false);

  useEffect(() => onLocaleChange(setLocaleState), []);

  // Signed in: the vocabulary (stages, states, enumerations and their labels) comes from the API, once.
  useEffect(() => {
    if (!me || vocabularyReady) return;
    loadVocabulary()
      .then(() => setVocabularyReady(true))
      .catch(() => setMe(null));
  }, [me, vocabularyReady]);

  // On start: a session cookie (after a password sign-in, or the provider's redirect back) → who is it?
  useEffect(() => {
    if (!hasSession()) {
      setMe(null);
      return;
    }
    api('/auth/me')
      .then(setMe)
      .catch(() => setMe(null));
  }, []);

  useEffect(() => {
    const expired = () => {
      setMe(null);
      setNotice('expired');
    };
    window.addEventListener(SESSION_EXPIRED, expired);
    return () => window.removeEventListener(SESSION_EXPIRED, expired);
  }, []);

  const refreshUnread = useCallback(async () => {
    if (!hasSession()) return;
    try {
      const res = await api('/notifications/unread-count');
      setUnread(res.unread);
    } catch {
      /* the count is a convenience; the inbox page shows errors */
    }
  }, []);

  useEffect(() => {
    if (!me) return undefined;
    refreshUnread();
    const timer = setInterval(refreshUnread, UNREAD_POLL_MS);
    return () => clearInterval(timer);
  }, [me, refreshUnread, location.path]);

  const signIn = useCallback((user) => {
    setMe(user);
    setNotice(null);
  }, []);

  // Ends the session at the API (which clears its cookies); after a sign-in through the provider the API
  // names the provider's sign-out page, which ends the session there too and comes back here.
  const signOut = useCallback(async () => {
    let redirectTo = null;
    try {
      ({ redirectTo } = await api('/auth/logout', { method: 'POST' }));
    } catch {
      /* the session had ended already */
    }
    if (redirectTo) {
      window.location.assign(redirectTo);
      return;
    }
    setMe(null);
    setUnread(null);
    setNotice('signedOut');
    navigate('/', { replace: true });
  }, []);

  // Focus on route change: to the new page's heading, so a screen reader
  // announces it and the keyboard starts from the top of the content.
  const lastMoves = useRef(0);
  useEffect(() => {
    if (location.moves === lastMoves.current) return;
    lastMoves.current = location.moves;
    const focusHeading = (tries) => {
      const h1 = document.querySelector('#main h1');
      if (h1) h1.focus({ preventScroll: false });
      else if (tries > 0) setTimeout(() => focusHeading(tries - 1), 50);
      else document.getElementById('main')?.focus();
    };
    requestAnimationFrame(() => focusHeading(20));
    if (!location.hash) window.scrollTo(0, 0);
  }, [location.moves]);

  if (me === undefined || (me && !vocabularyReady)) {
    return html`<${Shell} locale=${locale}><p class="loading" role="status">${t('common.loading')}</p><//>`;
  }
  const session = {
    me,
    roles: me?.roles ?? [],
    hasRole: (...roles) => roles.some((r) => me?.roles?.includes(r)),
    signIn,
    signOut,
    unread,
    refreshUnread,
    locale,
  };
  if (!me) {
    return html`<${SessionContext.Provider} value=${session}>
      <${Shell} locale=${locale}><${LoginPage} notice=${notice} /><//>
    <//>`;
  }
  const { Page, params, pattern } = resolve(location.path);
  return html`<${SessionContext.Provider} value=${session}>
    <${Shell} locale=${locale} me=${me} unread=${unread} path=${location.path} pattern=${pattern}>
      <${Page} key=${location.path} params=${params} search=${location.search} hash=${location.hash} />
    <//>
  <//>`;
}

function LanguageSwitch({ locale }) {
  const other = locale === 'da' ? 'en' : 'da';
  return html`<button
    type="button"
    class="link-button"
    lang=${other}
    onClick=${() => setLocale(other)}
    aria-label=${t('language.switchTo')}
  >
    ${t('language.other')}
  </button>`;
}

const NAV = [
  {
    href: '/',
    key: 'nav.overview',
    match: (p) => p === '/' || (p.startsWith('/areas/') && p !== '/areas/compare') || p.startsWith('/plans/'),
  },
  { href: '/deadlines', key: 'nav.deadlines', match: (p) => p.startsWith('/deadlines') },
  { href: '/budget-rounds', key: 'nav.budgetRounds', match: (p) => p.startsWith('/budget-rounds') },
  { href: '/areas/compare', key: 'nav.compare', match: (p) => p === '/areas/compare' },
  { href: '/identification', key: 'nav.identification', match: (p) => p.startsWith('/identification') },
  { href: '/forum', key: 'nav.forum', match: (p) => p.startsWith('/forum') || p.startsWith('/meetings') },
  { href: '/projects', key: 'nav.projects', match: (p) => p.startsWith('/projects') },
  { href: '/portfolio', key: 'nav.portfolio', match: (p) => p.startsWith('/portfolio') },
  { href: '/indicators', key: 'nav.indicators', match: (p) => p.startsWith('/indicators') },
  { href: '/interventions', key: 'nav.interventions', match: (p) => p.startsWith('/interventions') },
  { href: '/notifications', key: 'nav.notifications', match: (p) => p.startsWith('/notifications'), unread: true },
  { href: '/admin', key: 'nav.admin', match: (p) => p.startsWith('/admin'), roles: ['administrator'] },
  { href: '/queues', key: 'nav.queues', match: (p) => p.startsWith('/queues'), roles: ['administrator'] },
];

function Shell({ locale, me, unread, path, children }) {
  const roleNames = me ? me.roles.map((r) => t(`roles.${r}`)).join(', ') : '';
  // On a phone the menu and the user's box fold away behind one button; every move to another page folds them.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  return html`
    <a class="skip-link" href="#main">${t('nav.skip')}</a>
    <header class=${`site-header ${menuOpen ? 'menu-open' : ''}`}>
      <div class="header-inner">
        <a class="brand" href="/"
          ><img src="/favicon.svg" alt="" width="28" height="28" />Byløft <small>${t('app.tagline')}</small></a
        >
        ${
          me &&
          html`<button
            type="button"
            class="menu-toggle"
            aria-expanded=${menuOpen ? 'true' : 'false'}
            aria-controls="site-menu"
            onClick=${() => setMenuOpen(!menuOpen)}
          >
            <span aria-hidden="true">☰</span> ${t('nav.menu')}
          </button>`
        }
        <div class="user-box" id="site-menu-user">
          ${
            me &&
            html`<span class="who"
              ><span>${me.displayName}</span
              ><span>${roleNames}${me.administration ? ` · ${me.administration.code}` : ''}</span></span
            >`
          }
          <${LanguageSwitch} locale=${locale} />
          ${me?.origin === 'local' && html`<a class="link-button" href="/change-password">${t('auth.changePassword')}</a>`}
          ${me && html`<${SignOutButton} />`}
        </div>
      </div>
      ${
        me &&
        html`<nav class="site-nav" id="site-menu" aria-label=${t('nav.main')}>
          <div class="nav-inner">
            <ul>
              ${NAV.filter((n) => !n.roles || n.roles.some((r) => me.roles.includes(r))).map(
                (n) =>
                  html`<li key=${n.href}>
                    <a href=${n.href} aria-current=${n.match(path ?? '') ? 'page' : undefined}>
                      ${t(n.key)}${
                        n.unread && unread > 0
                          ? html`<span class="badge-count"
                              >${unread}<span class="visually-hidden"> ${t('notifications.unreadSuffix')}</span></span
                            >`
                          : null
                      }
                    </a>
                  </li>`,
              )}
            </ul>
          </div>
        </nav>`
      }
    </header>
    <main id="main" tabindex="-1">
      <div class="page">${children}</div>
    </main>
    <footer class="site-footer">
      <div class="page">${t('app.footer')} · <a href="/api/docs" data-external="">${t('app.apiDocs')}</a></div>
    </footer>
  `;
}

function SignOutButton() {
  return html`<${SessionContext.Consumer}>
    ${(s) => html`<button type="button" class="link-button" onClick=${s.signOut}>${t('auth.signOut')}</button>`}
  <//>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
