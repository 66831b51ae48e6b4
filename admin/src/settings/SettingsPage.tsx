import { Box, Tab, Tabs } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ApiKeysPage } from './ApiKeysPage.js';
import { CalendarPage } from './CalendarPage.js';
import { CaseSettingsPage } from './CaseSettingsPage.js';
import { CommitmentsPage } from './CommitmentsPage.js';
import { PhrasesPage } from './PhrasesPage.js';

/** The pages of 机构设置, each a tab with its own path (links can be shared). */
export const SETTINGS_PAGES = [
  { path: 'commitments', label: 'tianping.settings.commitments', element: <CommitmentsPage /> },
  { path: 'phrases', label: 'tianping.settings.phrases', element: <PhrasesPage /> },
  { path: 'calendar', label: 'tianping.settings.calendar', element: <CalendarPage /> },
  { path: 'api-keys', label: 'tianping.settings.api_keys', element: <ApiKeysPage /> },
  { path: 'case-settings', label: 'tianping.settings.case_settings', element: <CaseSettingsPage /> },
] as const;

export const SettingsPage = () => {
  const translate = useTranslate();
  const { pathname } = useLocation();
  const current = SETTINGS_PAGES.find((p) => pathname.endsWith(`/settings/${p.path}`)) ?? SETTINGS_PAGES[0];
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={`${translate('tianping.settings.title')} · ${translate(current.label)}`} />
      <Tabs value={current.path} variant="scrollable" scrollButtons="auto" sx={{ mb: 2 }}>
        {SETTINGS_PAGES.map((p) => (
          <Tab key={p.path} value={p.path} label={translate(p.label)} component={Link} to={`/settings/${p.path}`} />
        ))}
      </Tabs>
      <Routes>
        {SETTINGS_PAGES.map((p) => (
          <Route key={p.path} path={p.path} element={p.element} />
        ))}
        <Route path="*" element={<Navigate to="commitments" replace />} />
      </Routes>
    </Box>
  );
};
