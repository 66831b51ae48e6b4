import { Alert, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { FormDataConsumer, required as requiredRule, TextInput, useTranslate } from 'react-admin';
import { usePhraseCheck } from '../shared/phraseCheck.js';

type GateState = 'ok' | 'checking' | 'hits';

/** The dialog's gate: any checked text with a forbidden phrase (or still being checked) blocks sending. */
const GateContext = createContext<((source: string, state: GateState) => void) | null>(null);

export function usePhraseGate(): { blocked: boolean; Provider: (props: { children: ReactNode }) => ReactNode } {
  const [states, setStates] = useState<Record<string, GateState>>({});
  const report = useCallback((source: string, state: GateState) => setStates((s) => (s[source] === state ? s : { ...s, [source]: state })), []);
  const Provider = useMemo(() => ({ children }: { children: ReactNode }) => <GateContext.Provider value={report}>{children}</GateContext.Provider>, [report]);
  return { blocked: Object.values(states).some((s) => s !== 'ok'), Provider };
}

/**
 * A text the requester or the public will read (a reply, a resolution), checked against the
 * forbidden phrases while typing (`checkText`, debounced) as the server will check it on save
 * (Art. 23). The phrases found are shown under the field and block sending.
 */
export const PhraseCheckedInput = ({ source, required = false, helperText, rows = 4 }: { source: string; required?: boolean; helperText?: string; rows?: number }) => (
  <Stack spacing={0.5} sx={{ width: '100%' }}>
    <TextInput source={source} multiline minRows={rows} validate={required ? requiredRule() : undefined} helperText={helperText ?? false} />
    <FormDataConsumer>{({ formData }) => <PhraseHits source={source} text={String((formData as Record<string, unknown>)?.[source] ?? '')} />}</FormDataConsumer>
  </Stack>
);

/** The check of one draft, and what it found. */
const PhraseHits = ({ source, text }: { source: string; text: string }) => {
  const translate = useTranslate();
  const report = useContext(GateContext);
  const { result, checking } = usePhraseCheck(text);
  // A failed check does not keep the dialog shut: the server checks again on save.
  const hits = checking ? null : (result?.hits ?? []);
  const state: GateState = checking ? 'checking' : hits?.length || (result && !result.ok) ? 'hits' : 'ok';

  // Before the browser paints: the send button never shows enabled beside a hit it has not heard of.
  useLayoutEffect(() => report?.(source, state), [report, source, state]);
  // A field that goes away (e.g. "referred to" for another outcome) no longer blocks.
  useEffect(() => () => report?.(source, 'ok'), [report, source]);

  const phrases = [...new Set((hits ?? []).map((h) => h.phrase))];
  return (
    <div data-testid={`phrase-check-${source}`} aria-live="polite">
      {hits === null ? (
        <Typography variant="caption" color="text.secondary">
          {translate('tianping.cases.phrase_checking')}
        </Typography>
      ) : phrases.length ? (
        <Alert severity="error" sx={{ py: 0 }}>
          {translate('tianping.cases.phrase_hits', { phrases: phrases.map((p) => `“${p}”`).join('、') })}
          <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
            {(hits ?? []).map((h) => (
              <Tooltip key={`${h.start}-${h.phrase}`} title={h.excerpt}>
                <Chip size="small" color="error" variant="outlined" label={h.phrase} />
              </Tooltip>
            ))}
          </Stack>
        </Alert>
      ) : text.trim() ? (
        <Typography variant="caption" color="success.main">
          {translate('tianping.cases.phrase_ok')}
        </Typography>
      ) : null}
    </div>
  );
};
