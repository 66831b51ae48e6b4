import { Alert, Box, Card, CardContent, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { Link, Title, useGetIdentity, useTranslate } from 'react-admin';
import { MissingYearsWarning } from '../settings/MissingYearsWarning.js';
import type { TianpingIdentity } from '../auth/authProvider.js';
import { type Bar, BarChart, Figure, Panel, RateBar, StackedShares } from './charts.js';
import { MY_SUMMARY, STATISTICS } from './documents.js';
import { Downloads } from './Downloads.js';
import { customRangeProblem, initialPeriod, periodInput, periodParams, type PeriodState, type TenantRow } from './logic.js';
import { PeriodPicker } from './PeriodPicker.js';
import { TenantTable } from './TenantTable.js';
import { useGraphql } from './useGraphql.js';
import { useSubtreeTenants } from './useSubtreeTenants.js';

interface Count {
  key: string;
  label: string | null;
  count: number;
}
interface Stats {
  overdue: number;
  extended: number;
  period: { kind: string; from: string; to: string; days: number };
  received: { total: number; byChannel: Count[]; byCategory: Count[]; byKind: Count[] };
  resolved: { total: number; averageWorkingDays: number | null; p90WorkingDays: number | null; onTimeCommitted: { count: number; rate: number | null }; onTimeStatutory: { count: number; rate: number | null } };
  transfers: { in: number; out: number; accepted: number; rejected: number; acceptanceRate: number | null };
  supervision: { issued: number; responded: number; respondedOnTime: number; escalated: number };
  ratings: { total: number; satisfactionRate: number | null; distribution: Count[] };
  followUps: { answered: number; answeredOnTime: number };
}
type Report = Stats & { tenant: { id: string; name: string }; byTenant: TenantRow[] | null; previous: Stats };

const OVERSEERS = ['SUPERVISOR', 'ADMIN'];

/** The home page: the subtree overview for supervisors and admins, a short personal summary otherwise. */
export const Dashboard = () => {
  const { identity } = useGetIdentity();
  const viewer = identity as TianpingIdentity | undefined;
  if (!viewer) return <LinearProgress />;
  return (
    <>
      {/* Deadlines in a year without its holiday arrangement are refused: every admin should know. */}
      {viewer.roles.includes('ADMIN') && <MissingYearsWarning />}
      {viewer.roles.some((r) => OVERSEERS.includes(r)) ? <Overview viewer={viewer} /> : <PersonalSummary />}
    </>
  );
};

/** Breakdown rows as bars, labelled by the app's enum messages (the server's Chinese label as fallback). */
const useBars = () => {
  const translate = useTranslate();
  return (enumName: string, now: Count[], before: Count[] | undefined, noneKey?: string): Bar[] =>
    now.map((c) => ({
      key: c.key,
      label: c.key === 'NONE' && noneKey ? translate(noneKey) : translate(`enums.${enumName}.${c.key}`, { _: c.label ?? c.key }),
      value: c.count,
      previous: before?.find((p) => p.key === c.key)?.count ?? 0,
    }));
};

const Overview = ({ viewer }: { viewer: TianpingIdentity }) => {
  const translate = useTranslate();
  const bars = useBars();
  const [period, setPeriod] = useState<PeriodState>(() => initialPeriod());
  const [tenantId, setTenantId] = useState<string>(viewer.tenant.id);
  const input = useMemo(() => periodInput(period), [period]);
  const valid = customRangeProblem(period) === null;
  const vars = valid ? { period: input, tenantId: tenantId === viewer.tenant.id ? undefined : tenantId } : null;
  const { data, error, loading } = useGraphql<{ statistics: Report }>(STATISTICS, vars);
  const s = data?.statistics;
  const p = s?.previous;
  return (
    <Box sx={{ mt: 1 }} data-testid="supervision-dashboard">
      <Title title="tianping.supervision.dashboard.title" />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start', mb: 2 }}>
        <PeriodPicker value={period} onChange={setPeriod} />
        <TenantPicker viewer={viewer} value={tenantId} onChange={setTenantId} />
        {s && <Downloads scope={{ tenantId: tenantId === viewer.tenant.id ? undefined : tenantId, period: periodParams(input), from: s.period.from, to: s.period.to }} />}
      </Stack>
      {loading && <LinearProgress sx={{ mb: 1 }} />}
      {error && <Alert severity="error">{error.message}</Alert>}
      {s && p && (
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary" data-testid="dashboard-period">
            {translate('tianping.supervision.dashboard.showing', { tenant: s.tenant.name, from: s.period.from, to: s.period.to, prevFrom: p.period.from, prevTo: p.period.to })}
          </Typography>
          <Card variant="outlined">
            <CardContent>
              <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
                <Figure testId="figure-received" label={translate('tianping.supervision.dashboard.received')} value={s.received.total} previous={p.received.total} />
                <Figure label={translate('tianping.supervision.dashboard.resolved')} value={s.resolved.total} previous={p.resolved.total} />
                <Figure testId="figure-overdue" label={translate('tianping.supervision.dashboard.overdue')} value={s.overdue} previous={p.overdue} lowerIsBetter />
                <Figure label={translate('tianping.supervision.dashboard.extended')} value={s.extended} previous={p.extended} lowerIsBetter />
                <Figure label={translate('tianping.supervision.dashboard.average_days')} value={s.resolved.averageWorkingDays} previous={p.resolved.averageWorkingDays} lowerIsBetter />
                <Figure label={translate('tianping.supervision.dashboard.p90_days')} value={s.resolved.p90WorkingDays} previous={p.resolved.p90WorkingDays} lowerIsBetter />
              </Stack>
              {viewer.roles.includes('SUPERVISOR') && (
                <Stack direction="row" spacing={2} sx={{ mt: 1 }}>
                  <Link to="/supervision/overdue">{translate('tianping.supervision.overdue.title')}</Link>
                  <Link to="/supervisionOrders">{translate('resources.supervisionOrders.name', { smart_count: 2 })}</Link>
                </Stack>
              )}
            </CardContent>
          </Card>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <Panel title={translate('tianping.supervision.dashboard.by_channel')} testId="chart-channel">
              <BarChart bars={bars('Channel', s.received.byChannel, p.received.byChannel)} testId="bars-channel" />
            </Panel>
            <Panel title={translate('tianping.supervision.dashboard.by_category')} testId="chart-category">
              <BarChart bars={bars('ServiceCategory', s.received.byCategory, p.received.byCategory, 'tianping.supervision.dashboard.no_category')} />
            </Panel>
            <Panel title={translate('tianping.supervision.dashboard.on_time')} testId="chart-on-time">
              <Stack spacing={2}>
                <RateBar
                  testId="rate-statutory"
                  label={translate('tianping.supervision.dashboard.on_time_statutory')}
                  rate={s.resolved.onTimeStatutory.rate}
                  previous={p.resolved.onTimeStatutory.rate}
                  detail={`${s.resolved.onTimeStatutory.count}/${s.resolved.total}`}
                />
                <RateBar
                  testId="rate-committed"
                  label={translate('tianping.supervision.dashboard.on_time_committed')}
                  rate={s.resolved.onTimeCommitted.rate}
                  previous={p.resolved.onTimeCommitted.rate}
                  detail={`${s.resolved.onTimeCommitted.count}/${s.resolved.total}`}
                />
              </Stack>
            </Panel>
            <Panel title={translate('tianping.supervision.dashboard.transfers')} testId="chart-transfers">
              <BarChart
                bars={(['out', 'in', 'accepted', 'rejected'] as const).map((k) => ({ key: k, label: translate(`tianping.supervision.dashboard.transfer_${k}`), value: s.transfers[k], previous: p.transfers[k] }))}
              />
              <RateBar label={translate('tianping.supervision.dashboard.acceptance')} rate={s.transfers.acceptanceRate} previous={p.transfers.acceptanceRate} />
            </Panel>
            <Panel title={translate('tianping.supervision.dashboard.supervision')} testId="chart-supervision">
              <BarChart
                bars={(['issued', 'responded', 'respondedOnTime', 'escalated'] as const).map((k) => ({
                  key: k,
                  label: translate(`tianping.supervision.dashboard.supervision_${k}`),
                  value: s.supervision[k],
                  previous: p.supervision[k],
                }))}
              />
            </Panel>
            <Panel title={translate('tianping.supervision.dashboard.satisfaction')} testId="chart-satisfaction">
              <Stack spacing={2}>
                <StackedShares parts={bars('RatingLevel', s.ratings.distribution, p.ratings.distribution)} />
                <RateBar
                  label={translate('tianping.supervision.dashboard.satisfaction_rate')}
                  rate={s.ratings.satisfactionRate}
                  previous={p.ratings.satisfactionRate}
                  detail={translate('tianping.supervision.dashboard.ratings_total', { n: s.ratings.total })}
                />
              </Stack>
            </Panel>
          </Stack>
          {s.byTenant && s.byTenant.length > 0 && (
            <Panel title={translate('tianping.supervision.dashboard.by_tenant')}>
              <TenantTable rows={s.byTenant} onOpen={setTenantId} />
            </Panel>
          )}
        </Stack>
      )}
    </Box>
  );
};

/** The tenant shown: the viewer's own or one below it. */
const TenantPicker = ({ viewer, value, onChange }: { viewer: TianpingIdentity; value: string; onChange: (id: string) => void }) => {
  const translate = useTranslate();
  const options = useSubtreeTenants();
  // A tenant opened from the roll-up table beyond the first 100 is still shown.
  if (!options.some((o) => o.id === value)) options.push({ id: value, name: value === viewer.tenant.id ? viewer.tenant.name : '…', level: 1 });
  return (
    <TextField fullWidth={false} select size="small" label={translate('tianping.supervision.dashboard.tenant')} value={value} onChange={(e) => onChange(e.target.value)} sx={{ minWidth: 220 }} data-testid="tenant-picker">
      {options.map((o) => (
        <MenuItem key={o.id} value={o.id} sx={{ pl: 2 + o.level * 2 }}>
          {o.name}
        </MenuItem>
      ))}
    </TextField>
  );
};

const OPEN_STATUSES = ['OPEN', 'IN_PROGRESS', 'AWAITING_MATERIALS', 'TRANSFER_PENDING'];

/** For staff: my open cases and what is overdue, as counts with links into the inbox. */
const PersonalSummary = () => {
  const translate = useTranslate();
  const { data, error } = useGraphql<{ open: { totalCount: number }; overdue: { totalCount: number }; tenantOverdue: { totalCount: number } }>(MY_SUMMARY, { open: OPEN_STATUSES });
  const filter = (f: Record<string, unknown>) => `/cases?filter=${encodeURIComponent(JSON.stringify(f))}`;
  return (
    <Box sx={{ mt: 1 }} data-testid="personal-summary">
      <Title title="tianping.supervision.summary.title" />
      {error && <Alert severity="error">{error.message}</Alert>}
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {[
          { id: 'open', n: data?.open.totalCount, to: filter({ mine: true, status: OPEN_STATUSES }) },
          { id: 'overdue', n: data?.overdue.totalCount, to: filter({ mine: true, overdue: true }) },
          { id: 'tenant_overdue', n: data?.tenantOverdue.totalCount, to: filter({ scope: 'HANDLED_HERE', overdue: true }) },
        ].map((c) => (
          <Card key={c.id} variant="outlined" sx={{ minWidth: 200 }}>
            <CardContent>
              <Typography variant="caption" color="text.secondary">
                {translate(`tianping.supervision.summary.${c.id}`)}
              </Typography>
              <Typography variant="h4" data-testid={`summary-${c.id}`}>
                {c.n ?? '…'}
              </Typography>
              <Link to={c.to}>{translate('tianping.supervision.summary.open_list')}</Link>
            </CardContent>
          </Card>
        ))}
      </Stack>
    </Box>
  );
};
