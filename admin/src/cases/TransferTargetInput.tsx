import { Autocomplete, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { required, useDataProvider, useInput, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { TRANSFER_TARGETS } from './documents.js';

export interface TransferTarget {
  id: string;
  name: string;
  kind: string;
  district: { name: string } | null;
}

/**
 * Where a case may be transferred (转办, Art. 10): any active tenant of the city, found in the
 * public directory — the 12348 hotline sends cases to district bureaus it cannot otherwise read
 * (the `tenants` list is the viewer's own tree). The viewer's own tenant is left out.
 */
export const TransferTargetInput = ({ ownTenantId }: { ownTenantId: string }) => {
  const dp = useDataProvider<TianpingDataProvider>();
  const translate = useTranslate();
  const { field, fieldState } = useInput({ source: 'toTenantId', validate: required() });
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<TransferTarget[]>([]);
  const [chosen, setChosen] = useState<TransferTarget | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      dp.graphql<{ publicDirectory: TransferTarget[] }>(TRANSFER_TARGETS, { search: search.trim() || null })
        .then((data) => live && setOptions(data.publicDirectory.filter((t) => t.id !== ownTenantId).slice(0, 50)))
        .catch(() => live && setOptions([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [dp, search, ownTenantId]);

  const error = fieldState.error?.message;
  return (
    <Autocomplete
      options={options}
      value={chosen}
      filterOptions={(x) => x}
      getOptionLabel={(t) => t.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      groupBy={(t) => t.district?.name ?? translate('tianping.cases.transfer_city_level')}
      onInputChange={(_e, value, reason) => reason === 'input' && setSearch(value)}
      onChange={(_e, value) => {
        setChosen(value);
        field.onChange(value?.id ?? '');
      }}
      onBlur={field.onBlur}
      renderOption={(props, t) => (
        <li {...props} key={t.id}>
          {t.name} · {translate(`enums.TenantKind.${t.kind}`)}
        </li>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          name="toTenantId"
          label={translate('resources.cases.fields.toTenantId')}
          error={!!error}
          helperText={error ? translate(error, { _: error }) : translate('tianping.cases.transfer_target_help')}
          variant="filled"
          size="small"
        />
      )}
      sx={{ minWidth: 360 }}
    />
  );
};
