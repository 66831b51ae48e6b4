import { Alert, Box, CircularProgress, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { usePhraseCheck } from '../shared/phraseCheck.js';
import { type Hit, highlightSegments } from './highlight.js';

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
