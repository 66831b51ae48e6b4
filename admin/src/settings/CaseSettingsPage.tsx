import { Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { CASE_SETTINGS, SET_CASE_SETTINGS } from './documents.js';
import { useSubmit } from './useSubmit.js';

interface Defaults {
  hotlineAnswerSeconds: number;
  chatAnswerSeconds: number;
  messageReplyMinutes: number;
}
type Settings = Record<string, any>;

const RESPONSE = [
  ['hotlineSeconds', 'hotlineAnswerSeconds', 'tianping.case_settings.unit_seconds'],
  ['chatSeconds', 'chatAnswerSeconds', 'tianping.case_settings.unit_seconds'],
  ['messageMinutes', 'messageReplyMinutes', 'tianping.case_settings.unit_minutes'],
] as const;
const DAYS = ['followUpWorkingDays', 'transferDecisionWorkingDays', 'supervisionRespondWorkingDays'] as const;

const toText = (v: unknown) => (v == null ? '' : String(v));
const toNumber = (v: string) => (v.trim() === '' ? null : Number(v));

/**
 * Response times (Art. 21: only stricter than the municipal defaults; empty follows them) and the
 * working days a tenant gives itself for follow-ups, transfer decisions and supervision answers.
 * The rest of the settings object is sent back as it was read.
 */
export const CaseSettingsPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const dp = useDataProvider<TianpingDataProvider>();
  const [loaded, setLoaded] = useState<{ settings: Settings; version: number; defaults: Defaults } | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const { busy, errors, run } = useSubmit();
  const load = useCallback(async () => {
    try {
      const d = await dp.graphql<{ caseSettings: { settings: Settings; version: number }; responseTimeDefaults: Defaults }>(CASE_SETTINGS);
      setLoaded({ settings: d.caseSettings.settings, version: d.caseSettings.version, defaults: d.responseTimeDefaults });
      const s = d.caseSettings.settings;
      setValues(Object.fromEntries([...RESPONSE.map(([k]) => [k, toText(s.responseTimes?.[k])]), ...DAYS.map((k) => [k, toText(s[k])])]));
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    }
  }, [dp, notify]);
  useEffect(() => void load(), [load]);
  if (!loaded) return null;

  const save = async () => {
    const settings = {
      ...loaded.settings,
      responseTimes: Object.fromEntries(RESPONSE.map(([k]) => [k, toNumber(values[k] ?? '')])),
      ...Object.fromEntries(DAYS.map((k) => [k, toNumber(values[k] ?? '')])),
    };
    if (await run(() => dp.graphql(SET_CASE_SETTINGS, { input: { settings, version: loaded.version } }), 'tianping.settings.saved')) void load();
  };
  const field = (key: string, label: string, helper: string, errorKey: string) => (
    <TextField fullWidth={false}
      key={key}
      type="number"
      label={label}
      value={values[key] ?? ''}
      onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
      error={!!errors[errorKey]}
      helperText={errors[errorKey] ?? helper}
      sx={{ width: 280 }}
    />
  );
  return (
    <Card>
      <CardContent sx={{ display: 'grid', gap: 2 }}>
        <Typography variant="h6">{translate('tianping.case_settings.response_times')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('tianping.case_settings.response_help')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
          {RESPONSE.map(([k, d, unit]) =>
            field(k, `${translate(`tianping.case_settings.${k}`)} (${translate(unit)})`, translate('tianping.case_settings.municipal', { value: loaded.defaults[d] }), `responseTimes.${k}`),
          )}
        </Box>
        <Typography variant="h6">{translate('tianping.case_settings.working_days')}</Typography>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>{DAYS.map((k) => field(k, translate(`tianping.case_settings.${k}`), translate('tianping.case_settings.days_help'), k))}</Box>
        <Box>
          <Button variant="contained" onClick={save} disabled={busy}>
            {translate('ra.action.save')}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
};
