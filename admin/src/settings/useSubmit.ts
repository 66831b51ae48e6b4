import { useCallback, useState } from 'react';
import { useNotify } from 'react-admin';
import { fieldErrorsOf } from '../dataProvider/errors.js';

/**
 * Runs a mutation for a hand-made dialog: while it runs `busy`; on a refusal the server's field
 * messages go to `errors` (shown beside each field) and the summary to a notification, so nothing
 * the server said is lost even when no field shows it. Resolves to the result, or undefined.
 */
export function useSubmit() {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const run = useCallback(
    async <T>(fn: () => Promise<T>, success?: string): Promise<T | undefined> => {
      setBusy(true);
      setErrors({});
      try {
        const result = await fn();
        if (success) notify(success, { type: 'success' });
        return result;
      } catch (err) {
        setErrors(fieldErrorsOf(err));
        notify((err as Error).message, { type: 'error' });
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [notify],
  );
  return { busy, errors, setErrors, run };
}
