import { Autocomplete, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { useSubmit } from '../settings/useSubmit.js';
import { MOVE_TENANT } from './documents.js';

interface Option {
  id: string;
  name: string;
  parent?: { name: string } | null;
}

/** Tenants matching what was typed, a moment after typing stops. */
function useTenantSearch(q: string) {
  const dp = useDataProvider<TianpingDataProvider>();
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      dp.getList('tenants', { filter: { q: q.trim() || undefined, status: 'ACTIVE' }, pagination: { page: 1, perPage: 20 }, sort: { field: 'id', order: 'ASC' } })
        .then(({ data }) => live && setOptions(data as unknown as Option[]))
        .catch(() => live && setOptions([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [dp, q]);
  return options;
}

/**
 * Moves a tenant (with everything below it) under another parent. The server decides what may
 * move where (its own subtree, outside the admin's tenants, a suspended parent): its refusals
 * show under the parent field.
 */
export function MoveTenantDialog(props: { tenant: { id: string; name: string; version: number }; open: boolean; onClose(): void; onMoved(): void }) {
  const { tenant, open, onClose, onMoved } = props;
  const translate = useTranslate();
  const dp = useDataProvider<TianpingDataProvider>();
  const [q, setQ] = useState('');
  const [parent, setParent] = useState<Option | null>(null);
  const options = useTenantSearch(q).filter((o) => o.id !== tenant.id);
  const { busy, errors, setErrors, run } = useSubmit();

  const submit = async () => {
    if (!parent) return setErrors({ newParentId: translate('ra.validation.required') });
    const done = await run(() => dp.graphql(MOVE_TENANT, { input: { id: tenant.id, version: tenant.version, newParentId: parent.id } }), 'tianping.tenants.moved');
    if (done) {
      onMoved();
      onClose();
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" data-testid="move-tenant-dialog">
      <DialogTitle>{translate('tianping.tenants.move_title', { name: tenant.name })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate('tianping.tenants.move_help')}</DialogContentText>
        <Autocomplete
          options={options}
          value={parent}
          onChange={(_, v) => setParent(v)}
          onInputChange={(_, v) => setQ(v)}
          filterOptions={(o) => o}
          getOptionLabel={(o) => o.name}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          renderOption={(p, o) => (
            <li {...p} key={o.id}>
              {o.name}
              {o.parent ? <span style={{ opacity: 0.6, marginLeft: 8 }}>‹ {o.parent.name}</span> : null}
            </li>
          )}
          renderInput={(params) => (
            <TextField {...params} label={translate('tianping.tenants.new_parent')} error={!!errors.newParentId} helperText={errors.newParentId ?? ' '} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'new-parent' } }} />
          )}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button variant="contained" onClick={submit} disabled={busy}>
          {translate('tianping.tenants.move')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
