import { maskRequester, type Requester } from '../../domain/cases/masking.js';

/**
 * A ledger payload as it may leave the server (timeline, export): the requester masked and the
 * intake form's answers left out (Art. 26). Other payloads carry no personal data.
 */
export function maskedPayload(type: string, payload: unknown): unknown {
  if (type !== 'OPENED' || !payload || typeof payload !== 'object') return payload;
  const p = payload as { requester?: Requester; formData?: unknown };
  return { ...p, requester: p.requester ? maskRequester(p.requester) : p.requester, formData: '(omitted)' };
}
