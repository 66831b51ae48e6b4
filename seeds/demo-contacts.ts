/**
 * Demo contacts (Art. 21): hotline calls, chat sessions and left messages over the three weeks
 * before the seeding day, for the 12348 centre and a few district tenants — most answered in time,
 * some late, a few abandoned — recorded through the same command the integrations use (as each
 * tenant's staff: the demo seeds no integration key; admins create one with createApiKey).
 * Deterministic: a fixed pseudo-random sequence, times counted back from the seeding day.
 */
import { sql } from 'drizzle-orm';
import type { Config } from '../server/config.js';
import { rowsOf, type Database } from '../server/db/client.js';
import type { UserRole } from '../schema/db/tenancy.js';
import { addDays, civilDateAt, startOfDay } from '../server/domain/calendar/civil-date.js';
import type { ContactChannel } from '../server/domain/contacts/policy.js';
import type { Viewer } from '../server/domain/tenancy/access.js';
import { recordContacts } from '../server/usecases/contacts/record-contacts.js';
import { runAs } from '../server/usecases/context.js';

interface Plan {
  /** Who records them (staff of the tenant), and who answers them. */
  recorder: string;
  agents: string[];
  prefix: string;
  /** How many per channel. */
  counts: Partial<Record<ContactChannel, number>>;
  /** Share answered late, and abandoned (calls and chats only). */
  late: number;
  abandoned: number;
}

const PLANS: Plan[] = [
  { recorder: 'hotline.supervisor', agents: ['hotline.staff', 'hotline.supervisor'], prefix: 'CQ12348', counts: { HOTLINE: 36, CHAT: 12, MESSAGE: 12 }, late: 0.1, abandoned: 0.06 },
  { recorder: 'yubei.staff', agents: ['yubei.staff'], prefix: 'YUBEI', counts: { CHAT: 6, MESSAGE: 6 }, late: 0.15, abandoned: 0.08 },
  { recorder: 'longxi.staff', agents: ['longxi.staff'], prefix: 'LONGXI', counts: { HOTLINE: 6 }, late: 0.2, abandoned: 0.1 },
  { recorder: 'yuzhong.staff', agents: ['yuzhong.staff'], prefix: 'YUZHONG', counts: { HOTLINE: 4, MESSAGE: 4 }, late: 0.25, abandoned: 0.1 },
];

/** mulberry32: a small, fixed pseudo-random sequence. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function seedDemoContacts(database: Database, config: Config, seededAt = new Date()): Promise<number> {
  const viewers = new Map(
    rowsOf<{ id: string; tenant_id: string; username: string; roles: UserRole[] }>(
      await database.db.execute(sql`select id, tenant_id, username, roles from users`),
    ).map((u) => [u.username, { userId: u.id, tenantId: u.tenant_id, username: u.username, roles: u.roles } satisfies Viewer]),
  );
  // A few hotline calls of the 12348 centre belong to its demo hotline cases.
  const hotlineCases = rowsOf<{ number: string }>(
    await database.db.execute(sql`select c.number from cases c join tenants t on t.id = c.origin_tenant_id
      where t.slug = 'cq-12348' and c.channel = 'HOTLINE' and not c.sensitive order by c.number limit 3`),
  ).map((r) => r.number);
  const next = random(21);
  const today = civilDateAt(seededAt);
  let total = 0;
  for (const plan of PLANS) {
    const recorder = viewers.get(plan.recorder);
    if (!recorder) throw new Error(`demo contacts: no user ${plan.recorder}`);
    const entries: Record<string, unknown>[] = [];
    for (const [channel, count] of Object.entries(plan.counts) as [ContactChannel, number][]) {
      for (let i = 0; i < count; i++) {
        // A day 1..21 back, during office hours (08:30–17:30 Shanghai); never in the future.
        const day = addDays(today, -1 - Math.floor(next() * 21));
        const arrivedAt = new Date(startOfDay(day).getTime() + (8.5 + next() * 9) * 3_600_000);
        const roll = next();
        const abandoned = channel !== 'MESSAGE' && roll < plan.abandoned;
        const late = !abandoned && roll > 1 - plan.late;
        const waitSeconds =
          channel === 'MESSAGE'
            ? (late ? 35 + next() * 60 : 3 + next() * 25) * 60 // minutes: 3–28 in time, 35–95 late
            : late
              ? 3.5 + next() * 9 // 3.5–12.5 s
              : 0.8 + next() * 2.2; // 0.8–3 s
        entries.push({
          channel,
          externalId: `${plan.prefix}-${channel}-${String(i + 1).padStart(4, '0')}`,
          arrivedAt,
          answeredAt: abandoned ? null : new Date(arrivedAt.getTime() + Math.round(waitSeconds * 1000)),
          abandoned,
          agentUsername: abandoned ? null : plan.agents[Math.floor(next() * plan.agents.length)]!,
          caseNumber: channel === 'HOTLINE' && !abandoned && plan.prefix === 'CQ12348' ? (hotlineCases[i] ?? null) : null,
        });
      }
    }
    const result = await runAs(database, config, recorder, (ctx) => recordContacts(ctx, { contacts: entries }), seededAt);
    total += result.recorded;
  }
  return total;
}
