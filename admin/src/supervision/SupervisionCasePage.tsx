import { Box, Card, CardContent, Link as MuiLink, Stack, Typography } from '@mui/material';
import { Labeled, ShowBase, TextField, Title, useRecordContext, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import { DueField } from '../shared/DueField.js';
import { EnumField } from '../shared/EnumField.js';
import { CaseSupervision } from './CaseSupervision.js';

const Summary = () => {
  const record = useRecordContext<{ id: string; number: string; subject: string; confidential: boolean }>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      <Title title={`${translate('tianping.supervision.orders.of_case')} · ${record.number}`} />
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap', mb: 2 }}>
        <Labeled>
          <TextField source="number" />
        </Labeled>
        <Labeled>
          <EnumField source="status" enumName="CaseStatus" />
        </Labeled>
        <Labeled>
          <TextField source="handlerTenantName" emptyText="—" />
        </Labeled>
        <Labeled label="resources.cases.fields.statutoryClock.dueAt">
          <DueField clock="statutoryClock" />
        </Labeled>
        <Labeled label="resources.cases.fields.committedClock.dueAt">
          <DueField clock="committedClock" />
        </Labeled>
      </Stack>
      <Typography variant="body1" sx={{ mb: 1 }}>
        {record.confidential ? '—' : record.subject}
      </Typography>
      <MuiLink component={Link} to={`/cases/${encodeURIComponent(record.id)}/show`}>
        {translate('tianping.supervision.orders.open_case')}
      </MuiLink>
    </>
  );
};

/**
 * A case seen from supervision (from the overdue queue): its clocks and its orders, with "issue"
 * for supervisors above the handler. The same CaseSupervision sits on the case page.
 */
export const SupervisionCasePage = () => {
  const { id } = useParams();
  return (
    <ShowBase resource="cases" id={id}>
      <Box sx={{ mt: 1 }}>
        <Card variant="outlined">
          <CardContent>
            <Summary />
            <Box sx={{ mt: 2 }}>
              <CaseSupervision />
            </Box>
          </CardContent>
        </Card>
      </Box>
    </ShowBase>
  );
};
