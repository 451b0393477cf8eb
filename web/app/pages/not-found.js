import { html } from '../html.js';
import { t } from '../i18n.js';
import { PageHeading } from '../components.js';

export function NotFoundPage() {
  return html`<${PageHeading} key="page-title" title=${t('notFound.title')} />
    <p>${t('notFound.text')}</p>
    <p><a href="/">${t('notFound.home')}</a></p>`;
}
