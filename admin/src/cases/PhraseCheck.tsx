import { Alert, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { FormDataConsumer, required as requiredRule, TextInput, useDataProvider, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { CHECK_TEXT } from './documents.js';

export interface PhraseHit {
  phrase: string;
  start: number;
  end: number;
  excerpt: string;
}

type GateState = 'ok' | 'checking' | 'hits';

/** The dialog's gate: any checked text with a forbidden phrase (or still being checked) blocks sending. */
const GateContext = createContext<((source: string, state: GateState) => void) | null>(null);

export function usePhraseGate(): { blocked: boolean; Provider: (props: { children: ReactNode }) => ReactNode } {
  const [states, setStates] = useState<Record<string, GateState>>({});
  const report = useCallback((source: string, state: GateState) => setStates((s) => (s[source] === state ? s : { ...s, [source]: state })), []);
  const Provider = useMemo(() => ({ children }: { children: ReactNode }) => <GateContext.Provider value={report}>{children}</GateContext.Provider>, [report]);
  return { blocked: Object.values(states).some((s) => s !== 'ok'), Provider };
}

/** How long typing must pause before the draft is checked. */
export const CHECK_DELAY_MS = 400;

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
  const dp = useDataProvider<TianpingDataProvider>();
  const translate = useTranslate();
  const report = useContext(GateContext);
  const [hits, setHits] = useState<PhraseHit[] | null>([]);

  // A field that goes away (e.g. "referred to" for another outcome) no longer blocks.
  useEffect(() => () => report?.(source, 'ok'), [report, source]);

  useEffect(() => {
    if (!text.trim()) {
      setHits([]);
      report?.(source, 'ok');
      return;
    }
    setHits(null);
    report?.(source, 'checking');
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const data = await dp.graphql<{ checkText: { ok: boolean; hits: PhraseHit[] } }>(CHECK_TEXT, { text });
        if (!live) return;
        setHits(data.checkText.hits);
        report?.(source, data.checkText.ok && !data.checkText.hits.length ? 'ok' : 'hits');
      } catch {
        // The server checks again on save; a failed check must not keep the dialog shut.
        if (!live) return;
        setHits([]);
        report?.(source, 'ok');
      }
    }, CHECK_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, source, dp, report]);

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
