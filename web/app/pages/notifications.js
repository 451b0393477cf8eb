import { html, useState } from '../html.js';
import { api, qs } from '../api.js';
import { formatDateTime, t } from '../i18n.js';
import { setSearch } from '../router.js';
import {
  Loading,
  PageHeading,
  ProblemNotice,
  RadioGroup,
  SuccessNotice,
  useAsync,
  useSession,
  useSubmit,
} from '../components.js';

const PAGE = 20;

export function NotificationsPage({ search }) {
  const session = useSession();
  const filter = search.get('filter') === 'unread' ? 'unread' : 'all';
  const page = Math.max(0, Number(search.get('page') ?? 0) || 0);
  const data = useAsync(
    () =>
      api(
        `/notifications${qs({ unread: filter === 'unread' ? 'true' : undefined, limit: PAGE, offset: page * PAGE })}`,
      ),
    [filter, page],
  );
  const [marked, setMarked] = useState(null);
  const { run: mark, error } = useSubmit(async (n) => {
    if (n) {
      await api(`/notifications/${n.id}/read`, { method: 'POST' });
    } else {
      setMarked((await api('/notifications/read-all', { method: 'POST' })).marked);
    }
    await data.reload();
    session.refreshUnread();
  });
  const markRead = (n) => mark(null, n);
  const markAll = () => mark(null);
  const open = (n) => {
    if (!n.readAt)
      api(`/notifications/${n.id}/read`, { method: 'POST' }).then(
        () => session.refreshUnread(),
        () => undefined,
      );
  };

  const list = data.data;
  return html`
    <${PageHeading} key="page-title" title=${t('notifications.title')} />
    ${list && html`<p class="lead" role="status">${t('notifications.unreadCount', { n: list.unread })}</p>`}
    ${marked !== null && html`<${SuccessNotice}><p>${t('notifications.markedAll', { n: marked })}</p><//>`}
    <${ProblemNotice} error=${error ?? data.error} onReload=${data.reload} />
    <form onSubmit=${(e) => e.preventDefault()}>
      <${RadioGroup}
        id="notification-filter"
        label=${t('notifications.show')}
        value=${filter}
        onChange=${(v) => setSearch({ filter: v === 'unread' ? 'unread' : undefined, page: undefined })}
        options=${[
          { value: 'all', label: t('notifications.all') },
          { value: 'unread', label: t('notifications.onlyUnread') },
        ]}
      />
    </form>
    ${list && list.unread > 0 && html`<div class="button-row"><button type="button" class="secondary" onClick=${markAll}>${t('notifications.markAll')}</button></div>`}
    ${
      !list
        ? html`<${Loading} />`
        : list.items.length === 0
          ? html`<p class="empty">${filter === 'unread' ? t('notifications.noneUnread') : t('notifications.none')}</p>`
          : html`<ul class="items">
              ${list.items.map(
                (n) =>
                  html`<li key=${n.id} class=${`notification${n.readAt ? '' : ' unread'}`}>
                    <h2>
                      ${!n.readAt && html`<span class="tag unread">${t('notifications.unread')}</span> `}${n.title}
                    </h2>
                    <p class="meta">${formatDateTime(n.createdAt)}</p>
                    <p>${n.body}</p>
                    <div class="button-row">
                      ${n.link && html`<a href=${n.link} onClick=${() => open(n)}>${t('notifications.open')}<span class="visually-hidden">: ${n.title}</span></a>`}
                      ${
                        !n.readAt &&
                        html`<button type="button" class="link-button" onClick=${() => markRead(n)}>
                          ${t('notifications.markRead')}<span class="visually-hidden">: ${n.title}</span>
                        </button>`
                      }
                    </div>
                  </li>`,
              )}
            </ul>`
    }
    ${
      list &&
      list.total > PAGE &&
      html`<nav aria-label=${t('notifications.pages')} class="button-row">
        ${page > 0 && html`<a href=${`/notifications${qs({ filter: filter === 'unread' ? 'unread' : undefined, page: page - 1 || undefined })}`}>${t('notifications.newer')}</a>`}
        <span>${t('notifications.pageOf', { page: page + 1, pages: Math.ceil(list.total / PAGE) })}</span>
        ${(page + 1) * PAGE < list.total && html`<a href=${`/notifications${qs({ filter: filter === 'unread' ? 'unread' : undefined, page: page + 1 })}`}>${t('notifications.older')}</a>`}
      </nav>`
    }
  `;
}
