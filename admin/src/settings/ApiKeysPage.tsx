import AddIcon from '@mui/icons-material/Add';
import BlockIcon from '@mui/icons-material/Block';
import { Box, Button, Card, CardContent, Chip, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Confirm, useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { formatDateTime } from '../shared/DateTimeField.js';
import { API_KEYS, CREATE_API_KEY, REVOKE_API_KEY } from './documents.js';
import { SecretOnce } from './SecretOnce.js';
import { useSubmit } from './useSubmit.js';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  active: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: { id: string; displayName: string } | null;
}

/**
 * Integration keys for the tenant's telephony or chat system (Art. 21: contacts are recorded with
 * them). A key is shown whole only when created; a revoked key stops working at once.
 */
export const ApiKeysPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const dp = useDataProvider<TianpingDataProvider>();
  const [rows, setRows] = useState<ApiKey[] | null>(null);
  const [name, setName] = useState('');
  // The secret lives only here, until the dialog is closed.
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const { busy, errors, run } = useSubmit();
  const load = useCallback(async () => {
    try {
      setRows((await dp.graphql<{ apiKeys: ApiKey[] }>(API_KEYS)).apiKeys);
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
      setRows([]);
    }
  }, [dp, notify]);
  useEffect(() => void load(), [load]);

  const create = async () => {
    const data = await run(() => dp.graphql<{ createApiKey: { secret: string; apiKey: ApiKey } }>(CREATE_API_KEY, { input: { name } }));
    if (data) {
      setCreated({ name: data.createApiKey.apiKey.name, secret: data.createApiKey.secret });
      setName('');
      void load();
    }
  };
  const revoke = async () => {
    const key = revoking;
    setRevoking(null);
    if (key && (await run(() => dp.graphql(REVOKE_API_KEY, { input: { id: key.id } }), 'tianping.api_keys.revoked'))) void load();
  };
  const when = (v: string | null) => (v ? formatDateTime(v, locale, 'short') : '—');

  return (
    <Card>
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('tianping.api_keys.intro')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mb: 2 }}>
          <TextField fullWidth={false} size="small" label={translate('tianping.api_keys.name')} value={name} onChange={(e) => setName(e.target.value)} error={!!errors.name} helperText={errors.name ?? translate('tianping.api_keys.name_help')} sx={{ minWidth: 300 }} slotProps={{ htmlInput: { 'data-testid': 'api-key-name' } }} />
          <Button variant="contained" startIcon={<AddIcon />} onClick={create} disabled={busy || !name.trim()}>
            {translate('tianping.api_keys.create')}
          </Button>
        </Box>
        {rows && !rows.length && <Typography variant="body2">{translate('tianping.api_keys.none')}</Typography>}
        {!!rows?.length && (
          <Table size="small" data-testid="api-keys">
            <TableHead>
              <TableRow>
                <TableCell>{translate('tianping.api_keys.name')}</TableCell>
                <TableCell>{translate('tianping.api_keys.prefix')}</TableCell>
                <TableCell>{translate('tianping.api_keys.created_at')}</TableCell>
                <TableCell>{translate('tianping.api_keys.last_used_at')}</TableCell>
                <TableCell>{translate('tianping.api_keys.status')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((k) => (
                <TableRow key={k.id} data-testid={`api-key-${k.prefix}`}>
                  <TableCell>{k.name}</TableCell>
                  <TableCell>
                    <code>tpk_{k.prefix}_…</code>
                  </TableCell>
                  <TableCell>
                    {when(k.createdAt)}
                    {k.createdBy ? ` · ${k.createdBy.displayName}` : ''}
                  </TableCell>
                  <TableCell>{when(k.lastUsedAt)}</TableCell>
                  <TableCell>
                    {k.active ? (
                      <Chip size="small" color="success" label={translate('tianping.api_keys.active')} />
                    ) : (
                      <Chip size="small" label={`${translate('tianping.api_keys.revoked_at')} ${when(k.revokedAt)}`} />
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {k.active && (
                      <Button size="small" color="error" startIcon={<BlockIcon />} onClick={() => setRevoking(k)}>
                        {translate('tianping.api_keys.revoke')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {created && <SecretOnce name={created.name} secret={created.secret} onDone={() => setCreated(null)} />}
        <Confirm
          isOpen={!!revoking}
          title="tianping.api_keys.revoke_title"
          translateOptions={{ name: revoking?.name ?? '' }}
          content="tianping.api_keys.revoke_content"
          confirm="tianping.api_keys.revoke"
          confirmColor="warning"
          onConfirm={revoke}
          onClose={() => setRevoking(null)}
        />
      </CardContent>
    </Card>
  );
};
