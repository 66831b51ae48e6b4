/**
 * The module's pure rules: periods, chart scaling, sorting, and who may do what with an order or
 * an incident (the server decides again; these only decide what is offered).
 */

const TZ = 'Asia/Shanghai';

// ---------------------------------------------------------------- periods

export type PeriodKind = 'MONTH' | 'QUARTER' | 'YEAR' | 'CUSTOM';

/** What the period picker holds: a month `YYYY-MM`, a year and quarter, or a range of days. */
export interface PeriodState {
  kind: PeriodKind;
  month: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  from: string;
  to: string;
}

export interface StatisticsPeriodInput {
  kind: PeriodKind;
  date?: string;
  from?: string;
  to?: string;
}

/** Today's date in Asia/Shanghai (`YYYY-MM-DD`), which is not the browser's date near midnight. */
export function shanghaiToday(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function initialPeriod(now: Date = new Date()): PeriodState {
  const today = shanghaiToday(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return { kind: 'MONTH', month: today.slice(0, 7), year, quarter: (Math.floor((month - 1) / 3) + 1) as PeriodState['quarter'], from: `${today.slice(0, 8)}01`, to: today };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The picker's state as the schema's StatisticsPeriodInput: any day inside a calendar period. */
export function periodInput(p: PeriodState): StatisticsPeriodInput {
  switch (p.kind) {
    case 'MONTH':
      return { kind: 'MONTH', date: `${p.month}-01` };
    case 'QUARTER':
      return { kind: 'QUARTER', date: `${p.year}-${pad((p.quarter - 1) * 3 + 1)}-01` };
    case 'YEAR':
      return { kind: 'YEAR', date: `${p.year}-01-01` };
    case 'CUSTOM':
      return { kind: 'CUSTOM', from: p.from, to: p.to };
  }
}

/** The same period as query parameters of /reports/statistics.* (server/pages/reports.ts). */
export function periodParams(input: StatisticsPeriodInput): Record<string, string> {
  return input.kind === 'CUSTOM' ? { kind: 'CUSTOM', from: input.from ?? '', to: input.to ?? '' } : { kind: input.kind, date: input.date ?? '' };
}

/** Whether a custom range can be asked at all (the server also limits it to 366 days). */
export function customRangeProblem(p: PeriodState): 'missing' | 'reversed' | 'too_long' | null {
  if (p.kind !== 'CUSTOM') return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.from) || !/^\d{4}-\d{2}-\d{2}$/.test(p.to)) return 'missing';
  const days = (Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1) return 'reversed';
  if (days > 366) return 'too_long';
  return null;
}

/** The first instant of a Shanghai day (China has no daylight saving: always +08:00). */
export const shanghaiDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();
export const shanghaiDayEnd = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000 - 1).toISOString();
/** A `YYYY-MM-DDTHH:mm` typed by the viewer, read as Shanghai wall-clock time. */
export const shanghaiLocalToIso = (local: string) => new Date(`${local.length === 16 ? `${local}:00` : local}+08:00`).toISOString();
/** Now as Shanghai wall-clock time for a datetime-local input. */
export function shanghaiLocalNow(now: Date = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

// ---------------------------------------------------------------- numbers and charts

/** Bar lengths from 0 to `width` for values; all zero (not NaN) when nothing was counted. */
export function barLengths(values: readonly number[], width: number): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 && v > 0 ? (v / max) * width : 0));
}

/** Shares of a total, 0 to 1; zeros when the total is zero. */
export function shares(values: readonly number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((v) => (total > 0 ? v / total : 0));
}

/** A rate (0 to 1, or null for "nothing to measure") as a percentage with one decimal. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export type Trend = { direction: 'up' | 'down' | 'same' | 'none'; delta: number | null };

/** This period against the previous: the difference, or none when either is unknown. */
export function trend(current: number | null | undefined, previous: number | null | undefined): Trend {
  if (current == null || previous == null) return { direction: 'none', delta: null };
  const delta = current - previous;
  return { direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'same', delta };
}

// ---------------------------------------------------------------- the roll-up table

export interface TenantRow {
  tenant: { id: string; name: string };
  includesSubtree: boolean;
  received: number;
  resolved: number;
  overdue: number;
  onTimeCommittedRate: number | null;
  satisfactionRate: number | null;
}

export type TenantSortKey = 'name' | 'received' | 'resolved' | 'overdue' | 'onTimeCommittedRate' | 'satisfactionRate';

/** Sorted rows; unknown rates (null) always last, ties by name. */
export function sortTenantRows(rows: readonly TenantRow[], key: TenantSortKey, order: 'asc' | 'desc'): TenantRow[] {
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * a.tenant.name.localeCompare(b.tenant.name, 'zh-CN');
    const x = a[key];
    const y = b[key];
    if (x === null && y === null) return a.tenant.name.localeCompare(b.tenant.name, 'zh-CN');
    if (x === null) return 1;
    if (y === null) return -1;
    return x === y ? a.tenant.name.localeCompare(b.tenant.name, 'zh-CN') : sign * (x - y);
  });
}

// ---------------------------------------------------------------- who may do what

export interface ViewerLike {
  roles: readonly string[];
  tenant: { id: string };
}

export interface OrderLike {
  status: 'OPEN' | 'RESPONDED' | 'CLOSED' | 'ESCALATED';
  issuerTenant: { id: string } | null;
  case: { handlerTenant: { id: string } | null } | null;
}

/**
 * What the viewer may do with an order (server/usecases/cases/supervision.ts): the handling
 * tenant's STAFF or SUPERVISORs answer an open order; the issuing tenant's SUPERVISORs remind
 * (open or answered) and close (answered).
 */
export function orderActions(order: OrderLike, viewer: ViewerLike | undefined): { respond: boolean; remind: boolean; close: boolean } {
  if (!viewer) return { respond: false, remind: false, close: false };
  const handles = order.case?.handlerTenant?.id === viewer.tenant.id && (viewer.roles.includes('STAFF') || viewer.roles.includes('SUPERVISOR'));
  const issuer = order.issuerTenant?.id === viewer.tenant.id && viewer.roles.includes('SUPERVISOR');
  return {
    respond: handles && order.status === 'OPEN',
    remind: issuer && (order.status === 'OPEN' || order.status === 'RESPONDED'),
    close: issuer && order.status === 'RESPONDED',
  };
}

/** A SUPERVISOR of a tenant strictly above the handler issues orders; the viewer's tenant must not handle the case. */
export const canIssueOrder = (viewer: ViewerLike | undefined, handlerTenantId: string | undefined, status: string | undefined) =>
  !!viewer && viewer.roles.includes('SUPERVISOR') && !!handlerTenantId && handlerTenantId !== viewer.tenant.id && !!status && !['CLOSED', 'REJECTED'].includes(status);

export interface LevelLike {
  depth: number;
  acknowledgedAt: string | null;
  tenant: { id: string; name: string } | null;
}

/** The levels that have not acknowledged yet, nearest first. */
export const pendingLevels = <L extends LevelLike>(levels: readonly L[]): L[] => [...levels].filter((l) => !l.acknowledgedAt).sort((a, b) => a.depth - b.depth);

/**
 * The viewer acknowledges for their own tenant's level (server/usecases/incidents/incidents.ts):
 * a SUPERVISOR or ADMIN whose tenant is a level of the incident that has not acknowledged yet.
 */
export function canAcknowledge(levels: readonly LevelLike[], viewer: ViewerLike | undefined): boolean {
  if (!viewer || !(viewer.roles.includes('SUPERVISOR') || viewer.roles.includes('ADMIN'))) return false;
  return levels.some((l) => l.tenant?.id === viewer.tenant.id && !l.acknowledgedAt);
}

/** Whether the viewer's tenant reported the incident (it follows it up and resolves it). */
export const isReporter = (incident: { tenant: { id: string } | null; status: string }, viewer: ViewerLike | undefined) =>
  !!viewer && incident.tenant?.id === viewer.tenant.id;
