import KeyIcon from '@mui/icons-material/Key';
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, Button as MuiButton, TextField } from '@mui/material';
import { useState } from 'react';
import { Button, useDataProvider, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { useSubmit } from '../settings/useSubmit.js';
import { RESET_PASSWORD } from './documents.js';

/**
 * An admin sets a new password for an account (forgotten, or handed over). The server checks the
 * password rules and signs the account out everywhere; its messages show under the field.
 */
export const ResetPasswordButton = () => {
  const record = useRecordContext<{ id: string; version: number; username: string; displayName: string }>();
  const dp = useDataProvider<TianpingDataProvider>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, errors, setErrors, run } = useSubmit();
  if (!record) return null;
  const close = () => {
    setOpen(false);
    setPassword('');
    setRepeat('');
    setErrors({});
  };
  const submit = async () => {
    // Typed twice: nobody can read it back afterwards.
    if (password !== repeat) return setErrors({ repeat: translate('tianping.users.passwords_differ') });
    const done = await run(() => dp.graphql(RESET_PASSWORD, { input: { id: record.id, version: record.version, newPassword: password } }), 'tianping.users.password_reset_done');
    if (done) {
      close();
      refresh();
    }
  };
  return (
    <>
      <Button label="tianping.users.reset_password" onClick={() => setOpen(true)}>
        <KeyIcon />
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm" data-testid="reset-password-dialog">
        <DialogTitle>{translate('tianping.users.reset_password_title', { name: `${record.displayName} (${record.username})` })}</DialogTitle>
        <DialogContent>
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('tianping.users.reset_password_guidance')}
          </Alert>
          <TextField
            type="password"
            autoComplete="new-password"
            label={translate('tianping.users.new_password')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={!!errors.newPassword}
            helperText={errors.newPassword ?? translate('tianping.users.password_help')}
            fullWidth
            margin="dense"
            slotProps={{ htmlInput: { 'data-testid': 'new-password' } }}
          />
          <TextField
            type="password"
            autoComplete="new-password"
            label={translate('tianping.users.repeat_password')}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            error={!!errors.repeat}
            helperText={errors.repeat ?? ' '}
            fullWidth
            margin="dense"
            slotProps={{ htmlInput: { 'data-testid': 'repeat-password' } }}
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={close}>{translate('ra.action.cancel')}</MuiButton>
          <MuiButton variant="contained" onClick={submit} disabled={busy || !password}>
            {translate('tianping.users.reset_password')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
};
