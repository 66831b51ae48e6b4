import { inArray } from 'drizzle-orm';
import { tenants } from '../../../schema/db/tenancy.js';
import type { Executor } from '../../db/client.js';
import { type CivilDate } from '../../domain/calendar/civil-date.js';
import { CASE_KIND_LABEL, CATEGORY_LABEL, CHANNEL_LABEL, labelOf, OUTCOME_LABEL, ratingLabel, STATUS_LABEL } from '../../domain/labels.js';
import type { Rating } from '../../domain/cases/vocabulary.js';
import type { Viewer } from '../../domain/tenancy/access.js';
import { type Period, previousPeriod } from '../../domain/stats/periods.js';
import { type Statistics, statisticsOf } from '../stats/statistics.js';
import type { TableColumn, TableRow, TableSpec } from './table.js';

/**
 * The statistics export (Art. 12, 16, 17): the same report as the `statistics` query, for a period
 * and the one before it, as one row per figure — category, item, unit, this period, the previous
 * one, the change. A few hundred rows at most, so it is built whole and then streamed.
 */
export const STATISTICS_COLUMNS: readonly TableColumn[] = [
  { key: 'section', header: '类别', width: 12 },
  { key: 'item', header: '项目', width: 30 },
  { key: 'unit', header: '单位', width: 8 },
  { key: 'current', header: '本期', type: 'decimal', decimals: 1, width: 10 },
  { key: 'previous', header: '上期', type: 'decimal', decimals: 1, width: 10 },
  { key: 'change', header: '增减', type: 'decimal', decimals: 1, width: 10 },
];

type Figure = { section: string; item: string; unit: string; value: number | null };

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** Every figure of a report, in a fixed order (so two periods line up row by row). */
function figures(s: Statistics, names: Map<string, string>): Figure[] {
  const out: Figure[] = [];
  const add = (section: string, item: string, unit: string, value: number | null) => out.push({ section, item, unit, value });
  const r = s.received;
  add('受理', '受理总数', '件', r.total);
  for (const c of r.byChannel) add('受理', `渠道：${labelOf(CHANNEL_LABEL, c.key)}`, '件', c.count);
  for (const c of r.byKind) add('受理', `类型：${labelOf(CASE_KIND_LABEL, c.key)}`, '件', c.count);
  for (const c of r.byCategory) add('受理', `服务类别：${c.key === 'NONE' ? '未关联服务事项' : labelOf(CATEGORY_LABEL, c.key)}`, '件', c.count);
  for (const c of r.byStatus) add('受理', `当前状态：${labelOf(STATUS_LABEL, c.key)}`, '件', c.count);
  add('受理', '逾期', '件', r.overdue);
  add('受理', '延期', '件', r.extended);
  const d = s.resolved;
  add('办结', '办结总数', '件', d.total);
  for (const c of d.byOutcome) add('办结', `结果：${labelOf(OUTCOME_LABEL, c.key)}`, '件', c.count);
  add('办结', '法定时限内办结', '件', d.onTimeStatutory.count);
  add('办结', '法定时限按时办结率', '%', pct(d.onTimeStatutory.rate));
  add('办结', '承诺时限内办结', '件', d.onTimeCommitted.count);
  add('办结', '承诺时限按时办结率', '%', pct(d.onTimeCommitted.rate));
  add('办结', '平均办理用时', '工作日', d.averageWorkingDays);
  add('办结', '90%办结用时不超过', '工作日', d.p90WorkingDays);
  const a = s.activity;
  add('转办', '转出', '件', a.transfers.out);
  add('转办', '转入', '件', a.transfers.in);
  add('转办', '接收', '件', a.transfers.accepted);
  add('转办', '退回', '件', a.transfers.rejected);
  add('转办', '接收率', '%', pct(a.transfers.acceptanceRate));
  add('督办', '发出督办', '件', a.supervision.issued);
  add('督办', '答复督办', '件', a.supervision.responded);
  add('督办', '按期答复', '件', a.supervision.respondedOnTime);
  add('督办', '提级督办', '件', a.supervision.escalated);
  add('回访', '差评回访答复', '件', a.followUps.answered);
  add('回访', '按期答复', '件', a.followUps.answeredOnTime);
  add('评价', '评价总数', '件', s.ratings.total);
  for (const c of s.ratings.distribution) add('评价', ratingLabel(c.key as Rating), '件', c.count);
  add('评价', '满意率', '%', pct(s.ratings.satisfactionRate));
  for (const t of s.byTenant ?? []) {
    const name = `${names.get(t.tenantId) ?? t.tenantId}${t.includesSubtree ? '（含下级）' : '（本级）'}`;
    add('下级单位', `${name}：受理`, '件', t.received);
    add('下级单位', `${name}：办结`, '件', t.resolved);
    add('下级单位', `${name}：承诺时限按时办结率`, '%', pct(t.onTimeCommittedRate));
    add('下级单位', `${name}：满意率`, '%', pct(t.satisfactionRate));
    add('下级单位', `${name}：逾期`, '件', t.overdue);
  }
  return out;
}

export interface StatisticsExport {
  spec: TableSpec;
  rows: TableRow[];
  tenantName: string;
  tenantSlug: string;
}

/** Computes the report for `period` and the one before it, as the viewer (authorized by statisticsOf). */
export async function statisticsExport(
  tx: Executor,
  viewer: Viewer,
  input: { tenantId?: string | null; subtree: boolean; period: Period; now: Date },
): Promise<StatisticsExport> {
  const current = await statisticsOf(tx, viewer, { tenantId: input.tenantId, subtree: input.subtree, from: input.period.from, to: input.period.to, now: input.now });
  const before = previousPeriod(input.period);
  const previous = await statisticsOf(tx, viewer, { tenantId: current.tenantId, subtree: input.subtree, from: before.from, to: before.to, now: input.now });
  const ids = [current.tenantId, ...(current.byTenant ?? []).map((t) => t.tenantId), ...(previous.byTenant ?? []).map((t) => t.tenantId)];
  const rows = await tx.select({ id: tenants.id, name: tenants.name, slug: tenants.slug }).from(tenants).where(inArray(tenants.id, [...new Set(ids)]));
  const names = new Map(rows.map((t) => [t.id, t.name]));
  const self = rows.find((t) => t.id === current.tenantId);
  const now = figures(current, names);
  const then = new Map(figures(previous, names).map((f) => [`${f.section}|${f.item}`, f.value]));
  const title = `统计报表　${self?.name ?? ''}${input.subtree ? '（含下级单位）' : ''}　${span(current.from, current.to)}（上期 ${span(before.from, before.to)}）`;
  return {
    spec: { columns: STATISTICS_COLUMNS, sheetName: '统计报表', title },
    rows: now.map((f) => {
      const prev = then.get(`${f.section}|${f.item}`) ?? null;
      return { section: f.section, item: f.item, unit: f.unit, current: f.value, previous: prev, change: f.value !== null && prev !== null ? Math.round((f.value - prev) * 10) / 10 : null };
    }),
    tenantName: self?.name ?? '',
    tenantSlug: self?.slug ?? 'tenant',
  };
}

const span = (from: CivilDate, to: CivilDate) => (from === to ? from : `${from} 至 ${to}`);
