import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { notificationReads, notifications, type NOTIFICATION_KINDS } from '../../../schema/db/cases.js';
import { affectedRows, type Executor } from '../../db/client.js';
import type { Viewer } from '../../domain/tenancy/access.js';
import { requireViewer } from '../auth/viewer.js';
import type { CommandContext } from '../context.js';
import { parseInput, uuidString } from '../validation.js';

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface Notice {
  /** The recipient tenant; with no user, every caseworker of it. */
  tenantId: string;
  userId?: string | null;
  kind: NotificationKind;
  caseId?: string | null;
  /** Short, zh-CN, no personal data (case number and subject at most). */
  title: string;
  /** Makes the notice idempotent (the sweeper's warnings): a second one with the key is dropped. */
  dedupeKey?: string | null;
  at: Date;
}

/** Records a notice in the caller's transaction (delivered only if it commits); false when its dedupe key was used. */
export async function notify(tx: Executor, n: Notice): Promise<boolean> {
  // No RETURNING: the writer may not read a notice meant for another tenant or user.
  const result = await tx
    .insert(notifications)
    .values({
      tenantId: n.tenantId,
      userId: n.userId ?? null,
      kind: n.kind,
      caseId: n.caseId ?? null,
      title: n.title.slice(0, 300),
      dedupeKey: n.dedupeKey ?? null,
      createdAt: n.at,
    })
    .onConflictDoNothing();
  return affectedRows(result) > 0;
}

/** The viewer's notices: their own and their tenant's, newest first, with whether each is read. */
export async function notificationsOf(tx: Executor, viewer: Viewer, opts: { unreadOnly?: boolean | null; offset: number; limit: number }) {
  const mine = or(eq(notifications.userId, viewer.userId), and(isNull(notifications.userId), eq(notifications.tenantId, viewer.tenantId)));
  const read = sql<boolean>`exists (select 1 from ${notificationReads} r where r.notification_id = ${notifications.id} and r.user_id = ${viewer.userId})`;
  const where = opts.unreadOnly ? and(mine, sql`not ${read}`) : mine;
  const rows = await tx
    .select({ n: notifications, read, total: sql<number>`(count(*) over ())::int`, unread: sql<number>`(count(*) filter (where not ${read}) over ())::int` })
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit + 1)
    .offset(opts.offset);
  return rows;
}

/** How many of the viewer's notices are unread. */
export async function unreadCount(tx: Executor, viewer: Viewer): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(
      and(
        or(eq(notifications.userId, viewer.userId), and(isNull(notifications.userId), eq(notifications.tenantId, viewer.tenantId))),
        sql`not exists (select 1 from ${notificationReads} r where r.notification_id = ${notifications.id} and r.user_id = ${viewer.userId})`,
      ),
    );
  return row?.n ?? 0;
}

const MarkInput = z.object({ ids: z.array(uuidString()).max(500).nullish(), all: z.boolean().nullish() });

/** Marks notices read (the given ones, or all); returns the unread count after. */
export async function markNotificationsRead(ctx: CommandContext, raw: z.input<typeof MarkInput>): Promise<number> {
  const viewer = requireViewer(ctx);
  const input = parseInput(MarkInput, raw);
  const mine = or(eq(notifications.userId, viewer.userId), and(isNull(notifications.userId), eq(notifications.tenantId, viewer.tenantId)));
  const targets = await ctx.tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(input.all ? mine : and(mine, inArray(notifications.id, input.ids?.length ? input.ids : ['00000000-0000-0000-0000-000000000000'])));
  if (targets.length) {
    await ctx.tx
      .insert(notificationReads)
      .values(targets.map((t) => ({ notificationId: t.id, userId: viewer.userId, readAt: ctx.now })))
      .onConflictDoNothing();
  }
  return unreadCount(ctx.tx, viewer);
}

/**
 * A notice's title: what happened and the case number, never the subject — a notice may reach a
 * whole tenant, and a sensitive (Art. 11) or law-firm case's subject must not travel with it. The
 * case itself is shown to whoever may see it.
 */
export const noticeTitle = (what: string, caseNumber: string) => `${what}：${caseNumber}`;

/** The highest notice number (owner connection). */
export async function lastNoticeSeq(db: Executor): Promise<number> {
  const [row] = await db.select({ n: sql<string>`coalesce(max(${notifications.seq}), 0)::text` }).from(notifications);
  return Number(row?.n ?? 0);
}

/** Where notices after a number go (owner connection, no content): their tenant and user. */
export async function noticeRoutesAfter(db: Executor, after: number, limit: number) {
  const rows = await db
    .select({ seq: notifications.seq, tenantId: notifications.tenantId, userId: notifications.userId })
    .from(notifications)
    .where(gt(notifications.seq, after))
    .orderBy(asc(notifications.seq))
    .limit(limit);
  return rows.map((r) => ({ seq: Number(r.seq), tenantIds: [r.tenantId], userId: r.userId }));
}

/** The viewer's notices by number or in a range, oldest first, shaped like `notificationsOf` rows. */
export async function noticesFor(tx: Executor, viewer: Viewer, range: { seqs: number[] } | { after: number; upTo: number; limit: number }) {
  const mine = or(eq(notifications.userId, viewer.userId), and(isNull(notifications.userId), eq(notifications.tenantId, viewer.tenantId)));
  const read = sql<boolean>`exists (select 1 from ${notificationReads} r where r.notification_id = ${notifications.id} and r.user_id = ${viewer.userId})`;
  const which = 'seqs' in range ? inArray(notifications.seq, range.seqs) : and(gt(notifications.seq, range.after), lte(notifications.seq, range.upTo));
  const query = tx.select({ n: notifications, read }).from(notifications).where(and(which, mine)).orderBy(asc(notifications.seq));
  return 'seqs' in range ? query : query.limit(range.limit);
}
