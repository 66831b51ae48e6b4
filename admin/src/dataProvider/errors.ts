/**
 * The field messages of a refused request (BAD_USER_INPUT's `extensions.fields`, already in the
 * viewer's language: see client.ts), keyed by input path, for a hand-made form to show beside its
 * fields. `rename` maps a server path to the form's field name (a leading `input.` is dropped).
 * Empty when the error named no field (then the error's own message is the notice).
 */
export function fieldErrorsOf(error: unknown, rename: (path: string) => string = (p) => p): Record<string, string> {
  const errors = (error as { body?: { errors?: Record<string, unknown> } } | null)?.body?.errors;
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors ?? {})) {
    if (path === 'root' || typeof message !== 'string') continue;
    const name = rename(path.replace(/^input\./, ''));
    if (!(name in out)) out[name] = message;
  }
  return out;
}
