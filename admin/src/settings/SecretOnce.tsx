import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, AlertTitle, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

/**
 * The whole key, shown this once (the server keeps only its hash): a copy button, a clear warning,
 * and a deliberate "I have saved it" to close (no closing by Escape or a click beside it: the
 * secret would be lost unseen). Closing drops the secret from memory; nothing can
 * show it again.
 */
export const SecretOnce = ({ name, secret, onDone }: { name: string; secret: string; onDone(): void }) => {
  const translate = useTranslate();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, a refused permission): the text is selectable.
      setCopied('failed');
    }
  };
  return (
    <Dialog open fullWidth maxWidth="sm" data-testid="api-key-secret">
      <DialogTitle>{translate('tianping.api_keys.created_title', { name })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          <AlertTitle>{translate('tianping.api_keys.shown_once')}</AlertTitle>
          {translate('tianping.api_keys.shown_once_help')}
        </Alert>
        <Box
          component="code"
          data-testid="api-key-secret-value"
          sx={{ display: 'block', p: 1.5, bgcolor: 'action.hover', borderRadius: 1, fontFamily: 'monospace', wordBreak: 'break-all', userSelect: 'all' }}
        >
          {secret}
        </Box>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1 }}>
          <Button startIcon={<ContentCopyIcon />} onClick={copy} variant="outlined" size="small">
            {translate('tianping.api_keys.copy')}
          </Button>
          {copied && (
            <Typography variant="caption" color={copied === 'yes' ? 'success.main' : 'error'} role="status">
              {translate(copied === 'yes' ? 'tianping.api_keys.copied' : 'tianping.api_keys.copy_failed')}
            </Typography>
          )}
        </Box>
        <Typography variant="body2" sx={{ mt: 2 }}>
          {translate('tianping.api_keys.usage')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onDone}>
          {translate('tianping.api_keys.saved_it')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
