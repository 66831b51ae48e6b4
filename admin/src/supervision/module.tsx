import AlarmIcon from '@mui/icons-material/Alarm';
import GavelIcon from '@mui/icons-material/Gavel';
import { Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import type { AdminModule } from '../module.js';
import { Dashboard } from './Dashboard.js';
import incidentScreens from './incidents/index.js';
import { OverdueCases } from './OverdueCases.js';
import { incidents, supervisionOrders } from './resources.js';
import { SupervisionOrderList } from './SupervisionOrderList.js';

/**
 * Supervisors' screens: the home dashboard (statistics of the subtree), the overdue queue, the
 * supervision queues (督办) and incidents (重大情况报告) with each level's acknowledgement.
 * The per-case orders (CaseSupervision.tsx) are placed on the case page by the cases module.
 */
const module: AdminModule = {
  name: 'supervision',
  dashboard: Dashboard,
  resources: (roles) => {
    const has = (r: (typeof roles)[number]) => roles.includes(r);
    const out = [];
    // The handling tenant's staff answer orders; supervisors issue, remind and close them.
    if (has('STAFF') || has('SUPERVISOR')) out.push(<Resource key="supervisionOrders" name="supervisionOrders" list={SupervisionOrderList} icon={GavelIcon} />);
    // Anyone may report an incident for their tenant; the levels above see and acknowledge it.
    out.push(<Resource key="incidents" name="incidents" {...incidentScreens} />);
    return out;
  },
  routes: (roles) =>
    roles.includes('SUPERVISOR')
      ? [<Route key="supervision-overdue" path="/supervision/overdue" element={<OverdueCases />} />]
      : [],
  menu: (roles) => (roles.includes('SUPERVISOR') ? [{ to: '/supervision/overdue', label: 'tianping.supervision.overdue.menu', icon: AlarmIcon }] : []),
  dataResources: { supervisionOrders, incidents },
};
export default module;
