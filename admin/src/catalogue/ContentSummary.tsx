import { Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

type Data = Record<string, any>;

const Row = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 1.5 }}>
      <Typography variant="caption" color="text.secondary">
        {translate(label)}
      </Typography>
      <Typography variant="body2" component="div" sx={{ whiteSpace: 'pre-wrap' }}>
        {children || '—'}
      </Typography>
    </Box>
  );
};

/**
 * What a service item says (a draft or a frozen version), read-only: the disclosure texts, the
 * limits, the materials, the procedure, the stages and the form's fields.
 */
export const ContentSummary = ({ content }: { content: Data }) => {
  const translate = useTranslate();
  const F = (k: string) => `resources.serviceItems.fields.content.${k}`;
  const limit = (l: Data | undefined) => (l ? `${l.amount} ${translate(`enums.LimitUnit.${l.unit}`, { _: l.unit })}` : '');
  return (
    <Box data-testid="content-summary">
      <Row label={F('name')}>{content.name}</Row>
      <Row label={F('code')}>{content.code}</Row>
      <Row label={F('category')}>{translate(`enums.ServiceCategory.${content.category}`, { _: content.category })}</Row>
      <Row label={F('channels')}>
        <Stack direction="row" spacing={0.5}>
          {(content.channels ?? []).map((c: string) => (
            <Chip key={c} size="small" label={translate(`enums.Channel.${c}`, { _: c })} />
          ))}
        </Stack>
      </Row>
      <Row label={F('legalBasis')}>{content.legalBasis}</Row>
      <Row label={F('conditions')}>{content.conditions}</Row>
      <Row label={F('rightsAndObligations')}>{content.rightsAndObligations}</Row>
      <Row label={F('fee')}>{content.fee}</Row>
      <Row label={F('results')}>{content.results}</Row>
      <Row label="tianping.catalogue.limits">
        {translate('tianping.catalogue.limits_value', { statutory: limit(content.statutoryLimit), committed: limit(content.committedLimit) })}
      </Row>
      <Row label={F('materials')}>
        {(content.materials ?? []).map((m: Data) => (
          <div key={m.key}>
            {m.required ? '● ' : '○ '}
            {m.name}
            {m.note ? ` (${m.note})` : ''}
          </div>
        ))}
      </Row>
      <Row label={F('procedure')}>
        {(content.procedure ?? []).map((s: Data, i: number) => (
          <div key={i}>
            {i + 1}. {s.title}
            {s.description ? `: ${s.description}` : ''}
          </div>
        ))}
      </Row>
      <Row label={F('stages')}>
        {(content.stages ?? []).map((s: Data) => (
          <div key={s.key}>{translate('tianping.catalogue.stage_value', { name: s.name, days: s.budgetWorkingDays })}</div>
        ))}
      </Row>
      <Typography variant="caption" color="text.secondary">
        {translate(F('formFields'))}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.serviceItems.fields.key')}</TableCell>
            <TableCell>{translate('resources.serviceItems.fields.label')}</TableCell>
            <TableCell>{translate('resources.serviceItems.fields.type')}</TableCell>
            <TableCell>{translate('resources.serviceItems.fields.required')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(content.formFields ?? []).map((f: Data) => (
            <TableRow key={f.key}>
              <TableCell>{f.key}</TableCell>
              <TableCell>{f.label}</TableCell>
              <TableCell>{translate(`tianping.catalogue.types.${f.type}`, { _: f.type })}</TableCell>
              <TableCell>{f.required ? translate('tianping.intake.yes') : translate('tianping.intake.no')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
