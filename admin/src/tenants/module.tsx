import { Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import type { AdminModule } from '../module.js';
import resource from './index.js';
import { TenantTree } from './TenantTree.js';

const module: AdminModule = {
  name: 'tenants',
  resources: (roles) => (roles.includes('ADMIN') ? [<Resource key="tenants" name="tenants" {...resource} />] : []),
  // Not under /tenants/…: react-admin's edit route (/tenants/:id) would take it.
  routes: (roles) => (roles.includes('ADMIN') ? [<Route key="tenant-tree" path="/tenant-tree" element={<TenantTree />} />] : []),
};
export default module;
