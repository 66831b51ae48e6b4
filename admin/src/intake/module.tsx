import AssignmentAddIcon from '@mui/icons-material/AssignmentAdd';
import { Route } from 'react-router-dom';
import type { AdminModule } from '../module.js';
import { IntakePage } from './IntakePage.js';

/** Taking in a case (openCase): STAFF at the counter or the phone; the server also lets SUPERVISORs. */
const module: AdminModule = {
  name: 'intake',
  routes: (roles) => (roles.includes('STAFF') || roles.includes('SUPERVISOR') ? [<Route key="intake" path="/intake" element={<IntakePage />} />] : []),
  menu: (roles) => (roles.includes('STAFF') ? [{ to: '/intake', label: 'tianping.intake.menu', icon: AssignmentAddIcon }] : []),
};
export default module;
