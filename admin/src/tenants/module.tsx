import { Resource } from 'react-admin';
import type { AdminModule } from '../module.js';
import resource from './index.js';

const module: AdminModule = {
  name: 'tenants',
  resources: (roles) => {
    const has = (r: (typeof roles)[number]) => roles.includes(r);
    return has('ADMIN') ? [<Resource key="tenants" name="tenants" {...resource} />] : [];
  },
};
export default module;
