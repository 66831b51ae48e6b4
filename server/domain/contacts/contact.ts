/**
 * Contact records (Art. 21) as the telephony and chat systems post them: what a valid batch is,
 * and what a repeated post of the same contact does.
 */
import { z } from 'zod';
import { CONTACT_CHANNELS } from '../../../schema/db/stats.js';
import { badInput, type FieldErrors } from '../shared/errors.js';
import type { ContactChannel } from './policy.js';

export const MAX_CONTACTS_PER_CALL = 500;
/** Clocks of the reporting systems may run a little ahead of ours. */
export const CLOCK_SKEW_MS = 5 * 60_000;
const EARLIEST = new Date('2000-01-01T00:00:00Z');

const text = (max: number) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, 'is required')
        .max(max, `must be at most ${max} characters`)
        .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters'),
    );

/**
 * One contact. Validation errors are keyed by the path, so a batch names the entry:
 * `contacts.3.answeredAt`.
 */
export function contactSchema(now: Date) {
  const latest = now.getTime() + CLOCK_SKEW_MS;
  return z
    .object({
      channel: z.enum(CONTACT_CHANNELS, { message: `must be one of ${CONTACT_CHANNELS.join(', ')}` }),
      externalId: text(128),
      arrivedAt: z.date({ message: 'must be an instant' }),
      answeredAt: z.date({ message: 'must be an instant' }).nullish().transform((d) => d ?? null),
      abandoned: z.boolean().nullish().transform((b) => b ?? false),
      agentUsername: text(64).nullish().transform((s) => s ?? null),
      caseNumber: text(64).nullish().transform((s) => s ?? null),
    })
    .superRefine((c, issues) => {
      const problem = (path: string, message: string) => issues.addIssue({ code: 'custom', path: [path], message });
      if (c.arrivedAt.getTime() > latest) problem('arrivedAt', 'is in the future');
      if (c.arrivedAt < EARLIEST) problem('arrivedAt', 'is before 2000');
      if (c.answeredAt) {
        if (c.abandoned) problem('answeredAt', 'must be empty for an abandoned contact');
        else if (c.answeredAt < c.arrivedAt) problem('answeredAt', 'is before arrivedAt');
        else if (c.answeredAt.getTime() > latest) problem('answeredAt', 'is in the future');
      }
    });
}

const BatchSchema = z.object({
  contacts: z
    .array(z.unknown())
    .min(1, 'give at least one contact')
    .max(MAX_CONTACTS_PER_CALL, `at most ${MAX_CONTACTS_PER_CALL} contacts per call`),
});

/**
 * A batch, entry by entry: the valid entries (null where invalid) and every problem found, keyed
 * `contacts.<index>.<field>`, so one refusal names every bad entry. A malformed batch (not 1..500
 * entries) throws BAD_USER_INPUT `contacts`.
 */
export function parseContacts(raw: unknown, now: Date): { entries: (ContactInput | null)[]; problems: FieldErrors } {
  const batch = BatchSchema.safeParse(raw);
  if (!batch.success) {
    const issue = batch.error.issues[0]!;
    throw badInput({ [issue.path.join('.') || 'contacts']: issue.message });
  }
  const schema = contactSchema(now);
  const problems: FieldErrors = {};
  const entries = batch.data.contacts.map((c, i) => {
    const parsed = schema.safeParse(c);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) problems[['contacts', i, ...issue.path].join('.')] ??= issue.message;
    return null;
  });
  return { entries, problems };
}

export type ContactInput = z.output<ReturnType<typeof contactSchema>>;

/** What a contact's identity is: the reporting system's id, per channel (and tenant). */
export const contactKey = (c: { channel: string; externalId: string }) => `${c.channel}\u0000${c.externalId}`;

export interface StoredContact {
  channel: ContactChannel | string;
  arrivedAt: Date;
  answeredAt: Date | null;
  abandoned: boolean;
  agentUserId: string | null;
  caseId: string | null;
}

export type Repost =
  | { kind: 'DUPLICATE' }
  | { kind: 'COMPLETES'; answeredAt: Date | null; abandoned: boolean; agentUserId: string | null; caseId: string | null }
  | { kind: 'INVALID'; field: 'answeredAt'; message: string };

/**
 * A contact posted again (same channel and external id). The first record stands: a repost
 * changes nothing — except that it may complete a pending contact (neither answered nor
 * abandoned yet, e.g. a message posted on arrival and again once replied to) with its answer or
 * abandonment, filling the agent and the case when they were empty. Arrival time and anything
 * already complete never change.
 */
export function repostOf(stored: StoredContact, incoming: { answeredAt: Date | null; abandoned: boolean; agentUserId: string | null; caseId: string | null }): Repost {
  const pending = stored.answeredAt === null && !stored.abandoned;
  if (!pending || (incoming.answeredAt === null && !incoming.abandoned)) return { kind: 'DUPLICATE' };
  if (incoming.answeredAt && incoming.answeredAt < stored.arrivedAt) {
    return { kind: 'INVALID', field: 'answeredAt', message: 'is before the arrivedAt recorded for this contact' };
  }
  return {
    kind: 'COMPLETES',
    answeredAt: incoming.answeredAt,
    abandoned: incoming.abandoned,
    agentUserId: stored.agentUserId ?? incoming.agentUserId,
    caseId: stored.caseId ?? incoming.caseId,
  };
}
