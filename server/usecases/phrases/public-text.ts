import { assertNoForbidden } from '../../domain/phrases/checker.js';
import type { Executor } from '../../db/client.js';
import { forbiddenMatcher } from './phrase-library.js';

/**
 * Every text a tenant sends to the public passes the same checker (Art. 23, 26): a forbidden
 * phrase is refused with BAD_USER_INPUT naming the field and the phrase.
 */
export async function assertPublicText(tx: Executor, tenantId: string, fields: Record<string, string | null | undefined>) {
  assertNoForbidden(await forbiddenMatcher(tx, tenantId), fields);
}
