import { Alert, Box, CircularProgress, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { CHECK_TEXT } from './documents.js';
import { type Hit, highlightSegments } from './highlight.js';

export interface CheckResult {
  /** The text the answer is for: a later draft is not judged by an earlier answer. */
  text: string;
  ok: boolean;
  hits: Hit[];
}

/** The pause after the last keystroke before asking the server. */
export const CHECK_DELAY_MS = 400;

/**
 * Checks a draft against the forbidden phrases that apply to the viewer's tenant (its own and its
 * ancestors', the same check every public text goes through), a moment after typing stops. Only
 * the answer for the latest draft is kept, whatever order the answers arrive in.
 */
export function usePhraseCheck(text: string, delay = CHECK_DELAY_MS) {
  const dp = useDataProvider<TianpingDataProvider>();
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const seq = ++latest.current;
    if (!text.trim()) {
      setResult(null);
      setError(null);
      return;
    }
    const timer = setTimeout(() => {
      dp.graphql<{ checkText: { ok: boolean; hits: Hit[] } }>(CHECK_TEXT, { text })
        .then((data) => {
          if (seq !== latest.current) return;
          setError(null);
          setResult({ text, ok: data.checkText.ok, hits: data.checkText.hits });
        })
        .catch((err: Error) => seq === latest.current && setError(err.message));
    }, delay);
    return () => clearTimeout(timer);
  }, [dp, text, delay]);
  const current = result && result.text === text ? result : null;
  return { result: current, checking: !!text.trim() && !current && !error, error };
}

/** The draft with the phrases the check found marked, each with the phrase as its title. */
export const HighlightedText = ({ text, hits }: { text: string; hits: Hit[] }) => (
  <Box component="p" data-testid="phrase-check-preview" sx={{ whiteSpace: 'pre-wrap', m: 0, p: 1, border: 1, borderColor: 'divider', borderRadius: 1 }}>
    {highlightSegments(text, hits).map((s, i) =>
      s.phrases.length ? (
        <Box component="mark" key={i} title={s.phrases.join('、')} data-phrase={s.phrases.join('|')} sx={{ bgcolor: 'error.light', color: 'error.contrastText', px: 0.25, borderRadius: 0.5 }}>
          {s.text}
        </Box>
      ) : (
        <span key={i}>{s.text}</span>
      ),
    )}
  </Box>
);

/** A text box with the live forbidden-phrase check under it (Art. 23). */
export const PhraseCheck = ({ label = 'tianping.phrases.check_label' }: { label?: string }) => {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const { result, checking, error } = usePhraseCheck(text);
  return (
    <Box data-testid="phrase-check">
      <TextField
        label={translate(label)}
        value={text}
        onChange={(e) => setText(e.target.value)}
        multiline
        minRows={3}
        fullWidth
        slotProps={{ htmlInput: { 'data-testid': 'phrase-check-input' } }}
      />
      <Box sx={{ mt: 1, minHeight: 40 }} aria-live="polite">
        {checking && <CircularProgress size={16} />}
        {error && <Alert severity="warning">{error}</Alert>}
        {result && result.ok && (
          <Alert severity="success" data-testid="phrase-check-ok">
            {translate('tianping.phrases.check_ok')}
          </Alert>
        )}
        {result && !result.ok && (
          <>
            <Alert severity="error" data-testid="phrase-check-hits" sx={{ mb: 1 }}>
              {translate('tianping.phrases.check_hits', { smart_count: result.hits.length, phrases: [...new Set(result.hits.map((h) => h.phrase))].join('、') })}
            </Alert>
            <HighlightedText text={result.text} hits={result.hits} />
          </>
        )}
        {!text.trim() && (
          <Typography variant="caption" color="text.secondary">
            {translate('tianping.phrases.check_help')}
          </Typography>
        )}
      </Box>
    </Box>
  );
};
