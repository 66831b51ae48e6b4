import { Alert, AlertTitle, Button } from '@mui/material';
import { useEffect, useState } from 'react';
import { Link, useDataProvider, useGetIdentity, usePermissions, useTranslate } from 'react-admin';
import type { TianpingIdentity } from '../auth/authProvider.js';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { MISSING_YEARS } from './documents.js';

/** Only the municipal bureau's admins load the national arrangement (the server decides again). */
export function useMaintainsCalendar(): boolean {
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions<string[]>();
  return (identity as TianpingIdentity | undefined)?.tenant.kind === 'MUNICIPAL_BUREAU' && !!permissions?.includes('ADMIN');
}

/**
 * A prominent warning while this year's or next year's holiday arrangement is not loaded: deadlines
 * that reach into a missing year are refused (Art. 15), so cases there could not be opened. Give it
 * `years` when the page already has them; without, it asks the server (for the dashboard).
 * Renders nothing when every year is there.
 */
export const MissingYearsWarning = ({ years }: { years?: number[] }) => {
  const dp = useDataProvider<TianpingDataProvider>();
  const translate = useTranslate();
  const maintains = useMaintainsCalendar();
  const [fetched, setFetched] = useState<number[] | null>(null);
  useEffect(() => {
    if (years) return;
    let live = true;
    dp.graphql<{ missingHolidayYears: number[] }>(MISSING_YEARS)
      .then((d) => live && setFetched(d.missingHolidayYears))
      .catch(() => live && setFetched([]));
    return () => {
      live = false;
    };
  }, [dp, years]);
  const missing = years ?? fetched;
  if (!missing?.length) return null;
  const list = [...missing].sort((a, b) => a - b).join('、');
  return (
    <Alert
      severity="warning"
      variant="filled"
      data-testid="missing-years-warning"
      sx={{ mb: 2 }}
      action={
        !years && maintains ? (
          <Button color="inherit" size="small" component={Link} to="/settings/calendar">
            {translate('tianping.calendar.load_year')}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{translate('tianping.calendar.missing_title', { years: list })}</AlertTitle>
      {translate(maintains ? 'tianping.calendar.missing_root' : 'tianping.calendar.missing_tenant')}
    </Alert>
  );
};
