import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { type ComponentType, useState } from 'react';
import {
  ArrayInput,
  AutocompleteInput,
  Form,
  FormDataConsumer,
  NumberInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleFormIterator,
  TextInput,
  useRedirect,
  useNotify,
  useTranslate,
} from 'react-admin';
import { enumChoices } from '../shared/EnumField.js';
import { ACTIONS, type ActionViewer, type CaseAction, type TransitionRow, transitionOf } from './actions.js';
import * as doc from './documents.js';
import { PhraseCheckedInput, usePhraseGate } from './PhraseCheck.js';
import { shanghaiInputNow, shanghaiInputToIso } from './time.js';
import { TransferTargetInput } from './TransferTargetInput.js';
import type { CaseRecord, Material } from './types.js';
import { useCaseCommand } from './useCaseCommand.js';
import { useChecklist } from './useCaseData.js';

type Values = Record<string, any>;

interface FieldsProps {
  record: CaseRecord;
  viewer: ActionViewer;
  checklist: Material[] | null;
}

/** One dialog: its inputs, its mutation and how the form's values become the mutation's input. */
interface Spec {
  document: string;
  /** A message key shown at the top of the dialog. */
  help?: string;
  Fields?: ComponentType<FieldsProps>;
  defaults?(record: CaseRecord, checklist: Material[] | null): Values;
  /** The input besides `id` and `version`. */
  input(values: Values, record: CaseRecord): Values;
  /** Server field paths the form shows under another input. */
  remap?(field: string): string;
  /** Needs the materials checklist before the form opens. */
  needsChecklist?: boolean;
  /** The answer's case is null: the viewer can no longer read it (a rejected transfer). */
  leaves?: boolean;
  danger?: boolean;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

const strategyChoices = enumChoices('Strategy', ['ANSWER', 'GUIDE', 'REFER']);
const handlingModeChoices = enumChoices('HandlingMode', ['ON_THE_SPOT', 'BY_APPOINTMENT', 'TRANSFER']);
const categoryChoices = enumChoices('ConsultationCategory', ['LEGAL', 'POLICY', 'INSTITUTION']);
const clockChoices = enumChoices('ClockKind', ['STATUTORY', 'COMMITTED']);
const unitChoices = enumChoices('LimitUnit', ['WORKING_DAYS', 'CALENDAR_DAYS', 'HOURS']);
const noticeChoices = enumChoices('NoticeMethod', ['WRITTEN', 'PHONE']);
/**
 * The outcomes that fit each kind of case (server/domain/cases/resolution.ts OUTCOME_RULES); the
 * server checks again and answers beside the field.
 */
const OUTCOMES_OF = {
  CONSULTATION: ['ANSWERED', 'GUIDED', 'REFERRED', 'OUT_OF_SCOPE', 'WITHDRAWN'],
  MATTER: ['HANDLED', 'GUIDED', 'REFERRED', 'OUT_OF_SCOPE', 'WITHDRAWN'],
} as const;
const SENDS_ELSEWHERE = new Set(['REFERRED', 'OUT_OF_SCOPE']);
const OTHER = 'other';

const Reason = ({ optional = false }: { optional?: boolean }) => <TextInput source="reason" multiline minRows={2} validate={optional ? undefined : required()} />;
const Note = () => <TextInput source="note" multiline minRows={2} />;

const TenantPicker = () => (
  <ReferenceInput source="toTenantId" reference="tenants" filter={{ status: 'ACTIVE' }} perPage={20}>
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} validate={required()} />
  </ReferenceInput>
);

/** A colleague of the viewer's tenant who handles cases. */
const ColleaguePicker = ({ viewer, optional = false }: { viewer: ActionViewer; optional?: boolean }) => (
  <ReferenceInput source="assigneeId" reference="users" filter={{ tenantId: viewer.tenant.id, active: true }} perPage={50}>
    <AutocompleteInput
      optionText={(u: { displayName: string; username: string }) => `${u.displayName}（${u.username}）`}
      filterToQuery={(q: string) => ({ q })}
      validate={optional ? undefined : required()}
      helperText="tianping.cases.select_colleague"
    />
  </ReferenceInput>
);

const StartFields = () => (
  <>
    <SelectInput source="strategy" choices={strategyChoices} />
    <SelectInput source="handlingMode" choices={handlingModeChoices} />
    <FormDataConsumer>
      {({ formData }) => (formData.handlingMode === 'BY_APPOINTMENT' ? <TextInput source="appointmentAt" type="datetime-local" validate={required()} /> : null)}
    </FormDataConsumer>
  </>
);

const MaterialsFields = ({ record, checklist }: FieldsProps) => {
  const translate = useTranslate();
  const choices = [...(checklist ?? []).map((m) => ({ id: m.key, name: m.name })), { id: OTHER, name: translate('tianping.cases.other_material') }];
  const later = (record.materialsRequests?.length ?? 0) > 0;
  return (
    <>
      <ArrayInput source="items" validate={required()}>
        <SimpleFormIterator inline disableReordering disableClear>
          {/* Labels named outright: inside an array react-admin would look under fields.items.* */}
          <SelectInput source="key" label="resources.cases.fields.key" choices={choices} translateChoice={false} validate={required()} />
          <TextInput source="note" label="resources.cases.fields.note" validate={required()} sx={{ minWidth: 320 }} />
        </SimpleFormIterator>
      </ArrayInput>
      {later && (
        <>
          <Alert severity="warning">{translate('tianping.cases.later_request')}</Alert>
          <PhraseCheckedInput source="reason" rows={2} />
        </>
      )}
    </>
  );
};

const ExtendFields = () => (
  <>
    <SelectInput source="clock" choices={clockChoices} validate={required()} />
    <Stack direction="row" spacing={2}>
      <NumberInput source="by.amount" min={1} validate={required()} />
      <SelectInput source="by.unit" choices={unitChoices} validate={required()} />
    </Stack>
    <PhraseCheckedInput source="reason" required rows={2} />
    <Stack direction="row" spacing={2}>
      <SelectInput source="noticeMethod" choices={noticeChoices} validate={required()} />
      <TextInput source="noticeAt" type="datetime-local" validate={required()} />
    </Stack>
  </>
);

const ResolveFields = ({ record }: FieldsProps) => {
  const translate = useTranslate();
  return (
    <>
      <Stack direction="row" spacing={2}>
        <SelectInput source="outcome" choices={enumChoices('Outcome', OUTCOMES_OF[record.kind])} validate={required()} />
        <SelectInput source="strategy" choices={strategyChoices} validate={required()} />
        {record.kind === 'CONSULTATION' && <SelectInput source="category" choices={categoryChoices} validate={required()} />}
      </Stack>
      <PhraseCheckedInput source="summary" required />
      <FormDataConsumer>
        {({ formData }) => (
          <>
            {formData.category === 'LEGAL' && <Alert severity="info">{translate('tianping.cases.legal_answer')}</Alert>}
            <PhraseCheckedInput source="legalBasis" rows={2} />
            <PhraseCheckedInput source="riskNotice" rows={2} />
            {SENDS_ELSEWHERE.has(formData.outcome) && (
              <>
                <Alert severity="info">{translate('tianping.cases.referred_help')}</Alert>
                <PhraseCheckedInput source="referredTo" rows={1} />
              </>
            )}
          </>
        )}
      </FormDataConsumer>
    </>
  );
};

const textInput = (values: Values) => ({ text: text(values.text) ?? '' });
const reasonInput = (values: Values) => ({ reason: text(values.reason) ?? '' });

/** Every action's dialog, by action (actions.ts says when each is offered). */
export const SPECS: Record<CaseAction, Spec> = {
  start: {
    document: doc.START_CASE,
    Fields: StartFields,
    defaults: (r) => ({ strategy: r.strategy ?? null, handlingMode: r.handlingMode ?? null }),
    input: (v) => ({ strategy: v.strategy || null, handlingMode: v.handlingMode || null, appointmentAt: shanghaiInputToIso(v.appointmentAt) }),
  },
  assign: {
    document: doc.ASSIGN_CASE,
    help: 'tianping.cases.assign_help',
    Fields: () => (
      <>
        <TenantPicker />
        <NumberInput source="reportWorkingDays" min={1} max={60} validate={required()} />
        <Note />
      </>
    ),
    defaults: () => ({ reportWorkingDays: 3 }),
    input: (v) => ({ toTenantId: v.toTenantId, reportWorkingDays: Number(v.reportWorkingDays), note: text(v.note) }),
  },
  reassign: {
    document: doc.REASSIGN_CASE,
    Fields: ({ viewer }) => <ColleaguePicker viewer={viewer} />,
    input: (v) => ({ assigneeId: v.assigneeId }),
  },
  requestMaterials: {
    document: doc.REQUEST_MATERIALS,
    help: 'tianping.cases.one_time_notice',
    needsChecklist: true,
    Fields: MaterialsFields,
    // The checklist's required materials to start from: the worker removes what the person brought.
    defaults: (_r, checklist) => ({ items: (checklist ?? []).filter((m) => m.required).map((m) => ({ key: m.key, note: '' })) }),
    input: (v) => {
      let n = 0;
      const items = ((v.items ?? []) as { key: string; note: string }[]).map((i) => ({
        key: i.key === OTHER ? `other:extra-${++n}` : i.key,
        note: text(i.note) ?? '',
      }));
      return { items, reason: text(v.reason) };
    },
  },
  receiveMaterials: { document: doc.RECEIVE_MATERIALS, Fields: Note, input: (v) => ({ note: text(v.note) }) },
  extend: {
    document: doc.EXTEND_DEADLINE,
    help: 'tianping.cases.extend_help',
    Fields: ExtendFields,
    defaults: () => ({ clock: 'COMMITTED', by: { amount: 5, unit: 'WORKING_DAYS' }, noticeMethod: 'PHONE', noticeAt: shanghaiInputNow() }),
    input: (v) => ({
      clock: v.clock,
      by: { amount: Number(v.by?.amount), unit: v.by?.unit },
      reason: text(v.reason) ?? '',
      noticeMethod: v.noticeMethod,
      noticeAt: shanghaiInputToIso(v.noticeAt),
    }),
  },
  reply: {
    document: doc.REPLY_TO_REQUESTER,
    help: 'tianping.cases.reply_help',
    Fields: () => <PhraseCheckedInput source="text" required />,
    input: textInput,
  },
  note: { document: doc.ADD_CASE_NOTE, help: 'tianping.cases.note_help', Fields: () => <TextInput source="text" multiline minRows={3} validate={required()} />, input: textInput },
  feedback: {
    document: doc.POST_FEEDBACK,
    help: 'tianping.cases.feedback_help',
    Fields: () => <TextInput source="text" multiline minRows={3} validate={required()} />,
    input: textInput,
  },
  transfer: {
    document: doc.TRANSFER_CASE,
    help: 'tianping.cases.transfer_help',
    Fields: ({ viewer }) => (
      <>
        <TransferTargetInput ownTenantId={viewer.tenant.id} />
        <Reason />
      </>
    ),
    input: (v) => ({ toTenantId: v.toTenantId, reason: text(v.reason) ?? '' }),
  },
  acceptTransfer: {
    document: doc.ACCEPT_TRANSFER,
    help: 'tianping.cases.accept_help',
    Fields: ({ viewer }) => <ColleaguePicker viewer={viewer} optional />,
    input: (v) => ({ assigneeId: v.assigneeId || null }),
  },
  rejectTransfer: { document: doc.REJECT_TRANSFER, Fields: () => <Reason />, input: reasonInput, leaves: true, danger: true },
  withdrawTransfer: { document: doc.WITHDRAW_TRANSFER, Fields: () => <Reason optional />, input: (v) => ({ reason: text(v.reason) }) },
  resolve: {
    document: doc.RESOLVE_CASE,
    Fields: ResolveFields,
    defaults: (r) => ({ strategy: r.strategy ?? null }),
    input: (v, r) => ({
      outcome: v.outcome,
      strategy: v.strategy,
      category: r.kind === 'CONSULTATION' ? v.category || null : null,
      summary: text(v.summary) ?? '',
      legalBasis: text(v.legalBasis),
      riskNotice: text(v.riskNotice),
      referredTo: SENDS_ELSEWHERE.has(v.outcome) ? text(v.referredTo) : null,
    }),
  },
  reopen: { document: doc.REOPEN_CASE, Fields: () => <Reason />, input: reasonInput },
  reject: {
    document: doc.REJECT_CASE,
    help: 'tianping.cases.reject_help',
    danger: true,
    Fields: () => <TextInput source="reasons" multiline minRows={3} validate={required()} />,
    input: (v) => ({ reasons: String(v.reasons ?? '').split('\n').map((s) => s.trim()).filter(Boolean) }),
    // One reason per line in one box: each line's error shows under the box.
    remap: (f) => (f.startsWith('reasons.') ? 'reasons' : f),
  },
  appealRating: { document: doc.APPEAL_RATING, Fields: () => <Reason />, input: reasonInput },
};

export interface CaseActionDialogProps {
  action: CaseAction;
  record: CaseRecord;
  viewer: ActionViewer;
  transitions?: TransitionRow[] | null;
  onClose(): void;
}

/**
 * The one dialog behind every action: the action's inputs, its help, the article it rests on, and
 * the mutation with the case `version`. Server field errors come back beside the inputs; texts the
 * requester reads are checked for forbidden phrases while typing, and block sending while they
 * contain one.
 */
export const CaseActionDialog = (props: CaseActionDialogProps) => {
  const spec = SPECS[props.action];
  const checklist = useChecklist(spec.needsChecklist ? props.record.id : undefined);
  const ready = !spec.needsChecklist || checklist !== undefined;
  return (
    <Dialog open onClose={props.onClose} fullWidth maxWidth="md" aria-labelledby="case-action-title">
      {ready ? <ActionForm {...props} spec={spec} checklist={checklist ?? null} /> : <CircularProgress sx={{ m: 4 }} />}
    </Dialog>
  );
};

const ActionForm = ({ action, record, viewer, transitions, onClose, spec, checklist }: CaseActionDialogProps & { spec: Spec; checklist: Material[] | null }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const run = useCaseCommand(spec.remap);
  const gate = usePhraseGate();
  const [busy, setBusy] = useState(false);
  const transition = transitionOf(action, transitions ?? undefined);
  const Fields = spec.Fields;

  const onSubmit = async (values: Values) => {
    setBusy(true);
    const outcome = await run(spec.document, { input: { id: record.id, version: record.version, ...spec.input(values, record) } }, { silent: spec.leaves });
    setBusy(false);
    if (outcome.ok) {
      onClose();
      if (spec.leaves) {
        notify('tianping.cases.transfer_returned', { type: 'info' });
        redirect('list', 'cases');
      }
      return undefined;
    }
    if (!outcome.errors) onClose(); // a conflict: the case was reloaded
    return outcome.errors;
  };

  return (
    <Form onSubmit={onSubmit} record={spec.defaults?.(record, checklist) ?? {}} resource="cases" noValidate>
      <DialogTitle id="case-action-title">
        {translate(`tianping.cases.action.${action}`)} · {record.number}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={1} sx={{ pt: 1 }} data-testid={`case-action-${action}`}>
          {spec.help && <Alert severity="info">{translate(spec.help)}</Alert>}
          {transition && (
            <Alert severity="success" icon={false} sx={{ py: 0 }}>
              {translate('tianping.cases.basis', { basis: transition.basis })}
              {transition.to && ` · ${translate('tianping.cases.to_state', { state: translate(`enums.CaseStatus.${transition.to}`) })}`}
            </Alert>
          )}
          <gate.Provider>{Fields && <Fields record={record} viewer={viewer} checklist={checklist} />}</gate.Provider>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
        <Button type="submit" variant="contained" color={spec.danger ? 'error' : 'primary'} disabled={busy || gate.blocked} data-testid="case-action-submit">
          {translate(`tianping.cases.action.${action}`)}
        </Button>
      </DialogActions>
    </Form>
  );
};

/** The event an action records (for tests and the page). */
export const eventOf = (action: CaseAction) => ACTIONS[action].event;
