import { Resource } from 'react-admin';
import type { AdminModule } from '../module.js';
import resource from './index.js';

const module: AdminModule = {
  name: 'cases',
  resources: (roles) => {
    const has = (r: (typeof roles)[number]) => roles.includes(r);
    return has('STAFF') || has('SUPERVISOR') ? [<Resource key="cases" name="cases" {...resource} />] : [];
  },
};
export default module;
