/**
 * Demo incidents (Art. 19): one resolved after both levels acknowledged, one acknowledged by the
 * district only, one just reported and not acknowledged yet (the sweeper escalates it once its
 * district's minutes pass). Made through the use cases at the times they happened.
 */
import { sql } from 'drizzle-orm';
import type { UserRole } from '../schema/db/tenancy.js';
import type { Config } from '../server/config.js';
import { rowsOf, type Database } from '../server/db/client.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { runAs } from '../server/usecases/context.js';
import { acknowledgeIncident, addIncidentUpdate, reportIncident, resolveIncident } from '../server/usecases/incidents/incidents.js';

const MINUTE = 60_000;

export async function seedDemoIncidents(database: Database, config: Config, seededAt = new Date()): Promise<number> {
  const viewers = new Map(
    rowsOf<{ id: string; tenant_id: string; username: string; roles: UserRole[] }>(
      await database.db.execute(sql`select id, tenant_id, username, roles from users`),
    ).map((u) => [u.username, { userId: u.id, tenantId: u.tenant_id, username: u.username, roles: u.roles } satisfies Viewer]),
  );
  const as = (u: string) => viewers.get(u)!;
  const ago = (minutes: number) => new Date(seededAt.getTime() - minutes * MINUTE);

  // 1. Resolved: a disturbance at the Longxi office, acknowledged by Yubei and the municipal bureau.
  let a = await runAs(database, config, as('longxi.staff'), (ctx) =>
    reportIncident(ctx, {
      category: 'SERIOUS_DISORDER',
      severity: 'III',
      occurredAt: ago(185),
      place: '渝北区龙溪司法所接待大厅',
      peopleCount: 6,
      description: '数名群众因邻里纠纷调解结果发生争执，在接待大厅推搡，影响办公秩序。',
      actionsTaken: '值班人员隔离双方并报警，社区民警到场处置。',
    }), ago(180));
  await runAs(database, config, as('yubei.supervisor'), (ctx) => acknowledgeIncident(ctx, { id: a.id }), ago(172));
  await runAs(database, config, as('city.supervisor'), (ctx) => acknowledgeIncident(ctx, { id: a.id }), ago(168));
  a = await runAs(database, config, as('longxi.staff'), (ctx) => addIncidentUpdate(ctx, { id: a.id, version: a.version, text: '民警到场后双方情绪稳定，已分别做笔录。' }), ago(150));
  await runAs(database, config, as('longxi.staff'), (ctx) => resolveIncident(ctx, { id: a.id, version: a.version, text: '现场秩序恢复，约定下周再次调解。' }), ago(120));

  // 2. Open, acknowledged by the district: people blocking the legal-aid centre's entrance.
  await runAs(database, config, as('yubei.legalaid.staff'), (ctx) =>
    reportIncident(ctx, {
      category: 'OFFICE_DISRUPTION',
      severity: 'IV',
      occurredAt: ago(45),
      place: '渝北区法律援助中心门口',
      peopleCount: 3,
      description: '三名申请人对援助决定不满，在中心门口拉横幅。',
      actionsTaken: '中心负责人出面解释复议途径，安排专人陪同。',
    }), ago(40)).then((b) => runAs(database, config, as('yubei.supervisor'), (ctx) => acknowledgeIncident(ctx, { id: b.id }), ago(35)));

  // 3. Just reported, not acknowledged yet: a gathering outside the Jiefangbei office.
  const c = await runAs(database, config, as('jiefangbei.staff'), (ctx) =>
    reportIncident(ctx, {
      category: 'MASS_GATHERING',
      severity: 'II',
      occurredAt: ago(6),
      place: '渝中区解放碑司法所门前',
      peopleCount: 30,
      description: '约三十名业主因物业纠纷聚集，要求司法所出面协调。',
      actionsTaken: '所长现场接待代表，已通知街道和派出所。',
    }), ago(5));
  await runAs(database, config, as('jiefangbei.staff'), (ctx) => addIncidentUpdate(ctx, { id: c.id, version: c.version, text: '已推选五名代表进入会议室座谈，其余人员在门外等候。' }), ago(2));
  return 3;
}
