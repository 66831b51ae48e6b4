import { Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import type { AdminModule } from '../module.js';
import resource from './index.js';
import { serviceItems } from './serviceItems.js';
import { TemplateList } from './TemplateList.js';

/** The service catalogue and its form builder: ADMINs of any tenant (the root's templates are adoptable). */
const module: AdminModule = {
  name: 'catalogue',
  resources: (roles) => (roles.includes('ADMIN') ? [<Resource key="serviceItems" name="serviceItems" {...resource} />] : []),
  routes: (roles) => (roles.includes('ADMIN') ? [<Route key="catalogue-templates" path="/catalogue-templates" element={<TemplateList />} />] : []),
  dataResources: { serviceItems },
};
export default module;
