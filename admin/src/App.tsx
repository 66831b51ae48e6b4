import { Admin, Resource } from 'react-admin';
import { BrowserRouter } from 'react-router-dom';
import { createAuthProvider, currentToken } from './auth/authProvider.js';
import type { Role } from './auth/session.js';
import cases from './cases/index.js';
import { createClient } from './dataProvider/client.js';
import { createDataProvider } from './dataProvider/index.js';
import { i18nProvider, localizeServerMessage } from './i18n/index.js';
import { Layout } from './layout/Layout.js';
import tenants from './tenants/index.js';
import users from './users/index.js';

const localize = localizeServerMessage((key, options) => i18nProvider.translate(key, options));
const dataProvider = createDataProvider({ getToken: () => currentToken(), localize });
const authProvider = createAuthProvider(createClient({ getToken: () => currentToken(), localize }));

/** What each role works with; the server decides again on every request. */
const resourcesFor = (roles: Role[]) => {
  const has = (r: Role) => roles.includes(r);
  return [
    has('ADMIN') && <Resource key="tenants" name="tenants" {...tenants} />,
    has('ADMIN') && <Resource key="users" name="users" {...users} />,
    (has('STAFF') || has('SUPERVISOR')) && <Resource key="cases" name="cases" {...cases} />,
  ];
};

/**
 * Real paths under /admin (the server answers index.html for them), not react-admin's default
 * hash router: links to a tenant or a case can be shared and bookmarked.
 */
export const App = () => (
  <BrowserRouter basename="/admin">
    <Admin
      title="tianping.app.title"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={Layout}
      requireAuth
      disableTelemetry
    >
      {(permissions: Role[] | undefined) => resourcesFor(permissions ?? [])}
    </Admin>
  </BrowserRouter>
);
