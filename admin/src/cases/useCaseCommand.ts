import { type HttpError, useDataProvider, useNotify, useRefresh } from 'react-admin';
import { fieldErrorsOf } from '../dataProvider/errors.js';
import type { TianpingDataProvider } from '../dataProvider/index.js';

/** A form's answer to a failed submission: field errors shown beside the fields. */
export type FieldErrors = Record<string, string | { serverError: string }>;

export interface CommandOutcome {
  ok: boolean;
  data?: Record<string, any>;
  /** For react-admin's `<Form onSubmit>`: shown beside each field. */
  errors?: FieldErrors;
}

/**
 * Runs one of the case page's mutations. Success reloads the case (its version moved on). A
 * CONFLICT — a stale version, or a state the event no longer fits because someone else acted —
 * says so and reloads. BAD_USER_INPUT comes back as field errors (`remap` moves server paths the
 * form shows elsewhere, e.g. `reasons.2` → `reasons`); anything else is a notification.
 */
export function useCaseCommand(remap?: (field: string) => string) {
  const dp = useDataProvider<TianpingDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  return async (document: string, variables: Record<string, unknown>, options: { silent?: boolean } = {}): Promise<CommandOutcome> => {
    try {
      const data = await dp.graphql(document, variables);
      if (!options.silent) notify('tianping.cases.done', { type: 'success' });
      refresh();
      return { ok: true, data };
    } catch (e) {
      const err = e as HttpError & { body?: { code?: string; errors?: FieldErrors } };
      if (err.body?.code === 'CONFLICT') {
        notify('tianping.cases.conflict', { type: 'warning' });
        refresh();
        return { ok: false };
      }
      notify(err.message, { type: 'error' });
      const errors = fieldErrorsOf(err, remap);
      return Object.keys(errors).length ? { ok: false, errors } : { ok: false };
    }
  };
}
