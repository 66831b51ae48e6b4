import { Box, Button, Card, CardContent, Chip, MenuItem, Switch, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useDataProvider, useGetIdentity, useTranslate } from 'react-admin';
import type { TianpingIdentity } from '../auth/authProvider.js';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { CREATE_PHRASE, PHRASES, UPDATE_PHRASE } from './documents.js';
import { PhraseCheck } from './PhraseCheck.js';
import { useSubmit } from './useSubmit.js';

interface Phrase {
  id: string;
  kind: 'FORBIDDEN' | 'STANDARD';
  text: string;
  note: string | null;
  active: boolean;
  version: number;
  tenant: { id: string; name: string };
}

const KINDS = ['FORBIDDEN', 'STANDARD'] as const;

const AddPhrase = ({ onAdded }: { onAdded(): void }) => {
  const translate = useTranslate();
  const dp = useDataProvider<TianpingDataProvider>();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('FORBIDDEN');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const { busy, errors, run } = useSubmit();
  const submit = async () => {
    const done = await run(() => dp.graphql(CREATE_PHRASE, { input: { kind, text, note: note.trim() || undefined } }), 'tianping.phrases.added');
    if (done) {
      setText('');
      setNote('');
      onAdded();
    }
  };
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }} data-testid="add-phrase">
      <TextField fullWidth={false} select size="small" label={translate('resources.phrases.fields.kind')} value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])} sx={{ minWidth: 140 }}>
        {KINDS.map((k) => (
          <MenuItem key={k} value={k}>
            {translate(`enums.PhraseKind.${k}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField fullWidth={false} size="small" label={translate('resources.phrases.fields.text')} value={text} onChange={(e) => setText(e.target.value)} error={!!errors.text} helperText={errors.text ?? ' '} slotProps={{ htmlInput: { 'data-testid': 'phrase-text' } }} sx={{ flex: 2, minWidth: 200 }} />
      <TextField fullWidth={false} size="small" label={translate('resources.phrases.fields.note')} value={note} onChange={(e) => setNote(e.target.value)} error={!!errors.note} helperText={errors.note ?? ' '} sx={{ flex: 2, minWidth: 200 }} />
      <Button variant="contained" onClick={submit} disabled={busy || !text.trim()}>
        {translate('ra.action.add')}
      </Button>
    </Box>
  );
};

/** The tenant's own phrases: switched off rather than deleted, so an old decision stays readable. */
const OwnPhrases = ({ rows, onChanged }: { rows: Phrase[]; onChanged(): void }) => {
  const translate = useTranslate();
  const dp = useDataProvider<TianpingDataProvider>();
  const { busy, run } = useSubmit();
  const toggle = async (p: Phrase) => {
    if (await run(() => dp.graphql(UPDATE_PHRASE, { input: { id: p.id, version: p.version, active: !p.active } }), 'tianping.settings.saved')) onChanged();
  };
  if (!rows.length) return <Typography variant="body2">{translate('tianping.phrases.none')}</Typography>;
  return (
    <Table size="small" data-testid="own-phrases">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.phrases.fields.text')}</TableCell>
          <TableCell>{translate('resources.phrases.fields.kind')}</TableCell>
          <TableCell>{translate('resources.phrases.fields.note')}</TableCell>
          <TableCell>{translate('resources.phrases.fields.active')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((p) => (
          <TableRow key={p.id}>
            <TableCell>{p.text}</TableCell>
            <TableCell>
              <Chip size="small" color={p.kind === 'FORBIDDEN' ? 'error' : 'default'} label={translate(`enums.PhraseKind.${p.kind}`)} />
            </TableCell>
            <TableCell>{p.note ?? '—'}</TableCell>
            <TableCell>
              <Switch checked={p.active} disabled={busy} onChange={() => void toggle(p)} slotProps={{ input: { 'aria-label': p.text } }} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** What applies from above (the root's and the district's lists): read only here. */
const Inherited = ({ rows }: { rows: Phrase[] }) => {
  const translate = useTranslate();
  if (!rows.length) return <Typography variant="body2">{translate('tianping.phrases.none_inherited')}</Typography>;
  const byTenant = new Map<string, Phrase[]>();
  for (const p of rows) byTenant.set(p.tenant.name, [...(byTenant.get(p.tenant.name) ?? []), p]);
  return (
    <Box data-testid="inherited-phrases">
      {[...byTenant].map(([tenant, list]) => (
        <Box key={tenant} sx={{ mb: 1 }}>
          <Typography variant="subtitle2">{tenant}</Typography>
          <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
            {list.map((p) => (
              <Chip key={p.id} size="small" variant="outlined" color={p.kind === 'FORBIDDEN' ? 'error' : 'default'} label={p.text} title={[translate(`enums.PhraseKind.${p.kind}`), p.note].filter(Boolean).join(' · ')} />
            ))}
          </Box>
        </Box>
      ))}
    </Box>
  );
};

export const PhrasesPage = () => {
  const translate = useTranslate();
  const dp = useDataProvider<TianpingDataProvider>();
  const { identity } = useGetIdentity();
  const tenantId = (identity as TianpingIdentity | undefined)?.tenant.id;
  const [data, setData] = useState<{ own: Phrase[]; effective: Phrase[] } | null>(null);
  const load = useCallback(async () => {
    if (!tenantId) return;
    setData(await dp.graphql<{ own: Phrase[]; effective: Phrase[] }>(PHRASES, { tenantId }));
  }, [dp, tenantId]);
  useEffect(() => void load().catch(() => setData({ own: [], effective: [] })), [load]);
  const own = data?.own.filter((p) => p.tenant.id === tenantId) ?? [];
  const inherited = data?.effective.filter((p) => p.tenant.id !== tenantId) ?? [];
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Card>
        <CardContent>
          <Typography variant="h6">{translate('tianping.phrases.check_title')}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('tianping.phrases.check_intro')}
          </Typography>
          <PhraseCheck />
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6" sx={{ mb: 1 }}>
            {translate('tianping.phrases.own')}
          </Typography>
          <AddPhrase onAdded={() => void load()} />
          <OwnPhrases rows={own} onChanged={() => void load()} />
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6" sx={{ mb: 1 }}>
            {translate('tianping.phrases.inherited')}
          </Typography>
          <Inherited rows={inherited} />
        </CardContent>
      </Card>
    </Box>
  );
};
