import { Admin, CustomRoutes } from 'react-admin';
import { BrowserRouter } from 'react-router-dom';
import { createAuthProvider, currentToken } from './auth/authProvider.js';
import type { Role } from './auth/session.js';
import { createClient } from './dataProvider/client.js';
import { createDataProvider } from './dataProvider/index.js';
import { i18nProvider, localizeServerMessage } from './i18n/index.js';
import { Layout } from './layout/Layout.js';
import { dataResources, modules } from './registry.js';

const localize = localizeServerMessage((key, options) => i18nProvider.translate(key, options));
const dataProvider = createDataProvider({ getToken: () => currentToken(), localize, resources: dataResources() });
const authProvider = createAuthProvider(createClient({ getToken: () => currentToken(), localize }));
const dashboard = modules.find((m) => m.dashboard)?.dashboard;

/** What each role works with (registry.ts); the server decides again on every request. */
const screensFor = (roles: Role[]) => [
  ...modules.flatMap((m) => m.resources?.(roles) ?? []),
  <CustomRoutes key="routes">{modules.flatMap((m) => m.routes?.(roles) ?? [])}</CustomRoutes>,
];

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
      dashboard={dashboard}
      requireAuth
      disableTelemetry
    >
      {(permissions: Role[] | undefined) => screensFor(permissions ?? [])}
    </Admin>
  </BrowserRouter>
);
