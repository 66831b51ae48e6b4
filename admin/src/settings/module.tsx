import TuneIcon from '@mui/icons-material/Tune';
import { Route } from 'react-router-dom';
import type { AdminModule } from '../module.js';
import { SettingsPage } from './SettingsPage.js';

/** 机构设置: the tenant's commitments, phrase library, calendar, integration keys and case settings (ADMIN). */
const module: AdminModule = {
  name: 'settings',
  routes: (roles) => (roles.includes('ADMIN') ? [<Route key="settings" path="/settings/*" element={<SettingsPage />} />] : []),
  menu: (roles) => (roles.includes('ADMIN') ? [{ to: '/settings', label: 'tianping.settings.title', icon: TuneIcon }] : []),
};
export default module;
