import { and, eq, inArray, sql } from 'drizzle-orm';
import { cases } from '../../../schema/db/cases.js';
import { contacts } from '../../../schema/db/stats.js';
import { users } from '../../../schema/db/tenancy.js';
import { affectedRows } from '../../db/client.js';
import { canSeeCase } from '../../domain/cases/access.js';
import { contactKey, type ContactInput, parseContacts, repostOf, type StoredContact } from '../../domain/contacts/contact.js';
import { badInput, forbidden, unauthenticated } from '../../domain/shared/errors.js';
import type { Viewer } from '../../domain/tenancy/access.js';
import type { CommandContext } from '../context.js';
import { partiesOf } from '../cases/lifecycle.js';
import { handledHere } from '../cases/store.js';
import type { ApiKeyPrincipal } from './api-keys.js';

export interface RecordContactsResult {
  /** New contacts stored. */
  recorded: number;
  /** Pending contacts (neither answered nor abandoned) this post completed. */
  updated: number;
  /** Entries already recorded, which changed nothing. */
  duplicates: number;
}

type Row = typeof contacts.$inferInsert;

/**
 * Records contacts for one tenant (Art. 21): posted by its telephony or chat system with an
 * integration key (`apiKey`), or by its staff signed in as themselves. 1..500 per call.
 *
 * Idempotent per (channel, externalId): the first record stands, a repost is a duplicate — unless
 * it completes a pending contact (see repostOf). The whole call is checked before anything is
 * written; any problem is BAD_USER_INPUT naming every bad entry (`contacts.3.answeredAt`), and
 * nothing is recorded.
 */
export async function recordContacts(ctx: CommandContext, raw: unknown, apiKey: ApiKeyPrincipal | null = null): Promise<RecordContactsResult> {
  const source = apiKey ? { tenantId: apiKey.tenantId, apiKeyId: apiKey.apiKeyId, viewer: null } : staffSource(ctx.viewer);
  const { entries: parsed, problems } = parseContacts(raw, ctx.now);
  // Entries that failed on their own are out of the rest of the checks (but keep their index).
  const entries = parsed.flatMap((e, i) => (e ? [{ ...e, index: i }] : []));

  // Who answered: users of the tenant, by username (one statement).
  const usernames = [...new Set(entries.flatMap((e) => (e.agentUsername ? [e.agentUsername.toLowerCase()] : [])))];
  const agents = new Map<string, string>();
  if (usernames.length) {
    const rows = await ctx.tx
      .select({ id: users.id, username: users.username })
      .from(users)
      .where(and(eq(users.tenantId, source.tenantId), inArray(sql`lower(${users.username})`, usernames)));
    for (const r of rows) agents.set(r.username.toLowerCase(), r.id);
  }

  // The cases named: ones the poster may see (row-level security and the sensitive-case rule).
  const numbers = [...new Set(entries.flatMap((e) => (e.caseNumber ? [e.caseNumber] : [])))];
  const caseIds = new Map<string, string[]>();
  if (numbers.length) {
    const rows = await ctx.tx.select({ row: cases, inSubtree: handledHere() }).from(cases).where(inArray(cases.number, numbers));
    const seer: Viewer = source.viewer ?? { userId: '', tenantId: source.tenantId, username: '', roles: [] };
    for (const r of rows) {
      if (!canSeeCase(seer, partiesOf(r.row), r.inSubtree)) continue;
      caseIds.set(r.row.number, [...(caseIds.get(r.row.number) ?? []), r.row.id]);
    }
  }

  const resolved = entries.map((e) => {
    const i = e.index;
    const agentUserId = e.agentUsername ? (agents.get(e.agentUsername.toLowerCase()) ?? null) : null;
    if (e.agentUsername && !agentUserId) problems[`contacts.${i}.agentUsername`] = 'is not a user of this tenant';
    const found = e.caseNumber ? (caseIds.get(e.caseNumber) ?? []) : [];
    if (e.caseNumber && found.length !== 1) problems[`contacts.${i}.caseNumber`] = found.length ? 'names more than one case; link it by id instead' : 'is not a case this tenant can see';
    return { ...e, agentUserId, caseId: found.length === 1 ? found[0]! : null };
  });

  if (resolved.length === 0) throw badInput(problems);
  // What is already recorded (one statement), then each entry in order against it.
  const keys = resolved.map((e) => sql`(${e.channel}, ${e.externalId})`);
  const existing = await ctx.tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, source.tenantId), sql`(${contacts.channel}, ${contacts.externalId}) in (${sql.join(keys, sql`, `)})`));
  const known = new Map<string, StoredContact & { id: string | null }>(existing.map((r) => [contactKey(r), { ...r }]));
  const inserts = new Map<string, Row>();
  const completions = new Map<string, { id: string; answeredAt: Date | null; abandoned: boolean; agentUserId: string | null; caseId: string | null }>();
  let duplicates = 0;
  resolved.forEach((e: ContactInput & { index: number; agentUserId: string | null; caseId: string | null }) => {
    const i = e.index;
    const key = contactKey(e);
    const stored = known.get(key);
    if (!stored) {
      const row: Row = {
        tenantId: source.tenantId,
        channel: e.channel,
        externalId: e.externalId,
        arrivedAt: e.arrivedAt,
        answeredAt: e.answeredAt,
        abandoned: e.abandoned,
        agentUserId: e.agentUserId,
        caseId: e.caseId,
        apiKeyId: source.apiKeyId,
        createdAt: ctx.now,
      };
      inserts.set(key, row);
      known.set(key, { ...row, answeredAt: row.answeredAt ?? null, abandoned: row.abandoned ?? false, agentUserId: row.agentUserId ?? null, caseId: row.caseId ?? null, id: null });
      return;
    }
    const repost = repostOf(stored, e);
    if (repost.kind === 'INVALID') problems[`contacts.${i}.${repost.field}`] = repost.message;
    if (repost.kind !== 'COMPLETES') {
      duplicates++;
      return;
    }
    Object.assign(stored, { answeredAt: repost.answeredAt, abandoned: repost.abandoned, agentUserId: repost.agentUserId, caseId: repost.caseId });
    const pendingInsert = inserts.get(key);
    if (pendingInsert) {
      // Completed within the same call: recorded once, complete.
      Object.assign(pendingInsert, { answeredAt: repost.answeredAt, abandoned: repost.abandoned, agentUserId: repost.agentUserId, caseId: repost.caseId });
      duplicates++;
    } else {
      completions.set(key, { id: stored.id!, ...repost });
    }
  });
  if (Object.keys(problems).length) throw badInput(problems);

  let recorded = 0;
  if (inserts.size) {
    // A concurrent post of the same contact wins the race: ours is then a duplicate.
    const rows = await ctx.tx
      .insert(contacts)
      .values([...inserts.values()])
      .onConflictDoNothing({ target: [contacts.tenantId, contacts.channel, contacts.externalId] })
      .returning({ id: contacts.id });
    recorded = rows.length;
    duplicates += inserts.size - rows.length;
  }
  let updated = 0;
  if (completions.size) {
    const values = [...completions.values()].map(
      (c) => sql`(${c.id}::uuid, ${c.answeredAt?.toISOString() ?? null}::timestamptz, ${c.abandoned}::boolean, ${c.agentUserId}::uuid, ${c.caseId}::uuid)`,
    );
    // Still pending (a concurrent post may have completed it meanwhile): the first completion stands.
    const result = await ctx.tx.execute(sql`
      update ${contacts} set answered_at = v.answered_at, abandoned = v.abandoned,
        agent_user_id = coalesce(${contacts.agentUserId}, v.agent_user_id), case_id = coalesce(${contacts.caseId}, v.case_id)
      from (values ${sql.join(values, sql`, `)}) as v(id, answered_at, abandoned, agent_user_id, case_id)
      where ${contacts.id} = v.id and ${contacts.answeredAt} is null and not ${contacts.abandoned}`);
    updated = affectedRows(result);
    duplicates += completions.size - updated;
  }
  return { recorded, updated, duplicates };
}

/** Staff of a tenant record its contacts (e.g. a call noted by hand); anyone signed in has a role. */
function staffSource(viewer: Viewer | null): { tenantId: string; apiKeyId: null; viewer: Viewer } {
  if (!viewer) throw unauthenticated();
  if (!viewer.roles.some((r) => r === 'STAFF' || r === 'SUPERVISOR' || r === 'ADMIN')) throw forbidden('only staff record contacts');
  return { tenantId: viewer.tenantId, apiKeyId: null, viewer };
}
