import { Button, Stack, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import type { TianpingIdentity } from '../auth/authProvider.js';
import { type CaseAction, offeredActions, transitionOf } from './actions.js';
import { CaseActionDialog } from './CaseActionDialog.js';
import type { CaseRecord } from './types.js';
import { useCaseTransitions } from './useCaseData.js';

/** Actions that end or hand over the case are set apart in colour. */
const DANGER = new Set<CaseAction>(['reject', 'rejectTransfer']);
const PRIMARY = new Set<CaseAction>(['start', 'resolve', 'acceptTransfer', 'receiveMaterials']);

/**
 * The actions the server says this viewer may take on this case now (its `viewerEvents`, in the
 * order of `caseTransitions`); each opens its dialog.
 */
export const CaseActions = () => {
  const record = useRecordContext<CaseRecord>();
  const { identity } = useGetIdentity();
  const transitions = useCaseTransitions();
  const translate = useTranslate();
  const [open, setOpen] = useState<CaseAction | null>(null);
  if (!record || !identity) return null;
  const viewer = identity as TianpingIdentity;
  const actions = offeredActions(record, transitions ?? undefined);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} data-testid="case-actions">
      {actions.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {translate('tianping.cases.no_actions')}
        </Typography>
      )}
      {actions.map((a) => {
        const t = transitionOf(a, transitions ?? undefined);
        return (
          <Tooltip key={a} title={t ? translate('tianping.cases.basis', { basis: t.basis }) : ''}>
            <Button
              size="small"
              variant={PRIMARY.has(a) ? 'contained' : 'outlined'}
              color={DANGER.has(a) ? 'error' : 'primary'}
              onClick={() => setOpen(a)}
              data-action={a}
            >
              {translate(`tianping.cases.action.${a}`)}
            </Button>
          </Tooltip>
        );
      })}
      {open && <CaseActionDialog action={open} record={record} viewer={viewer} transitions={transitions} onClose={() => setOpen(null)} />}
    </Stack>
  );
};
