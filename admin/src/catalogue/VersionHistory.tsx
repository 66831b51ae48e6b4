import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow, Tab, Tabs } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useLocaleState, useNotify, useRecordContext, useTranslate } from 'react-admin';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { formatDateTime } from '../shared/DateTimeField.js';
import { ContentSummary } from './ContentSummary.js';
import { FormPreview } from './FormPreview.js';
import { VERSIONS } from './serviceItems.js';

interface Version {
  versionNo: number;
  publishedAt: string;
  content?: Record<string, any>;
}

/** Every published version (frozen: cases opened under it keep it), with its content on request. */
export const VersionHistory = () => {
  const record = useRecordContext<{ id: string; versions: Version[]; publishedVersionNo: number | null }>();
  const dp = useDataProvider<TianpingDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [shown, setShown] = useState<Version | null>(null);
  const [tab, setTab] = useState(0);
  if (!record) return null;
  if (!record.versions?.length) return <Alert severity="info">{translate('tianping.catalogue.no_versions')}</Alert>;

  const view = async (versionNo: number) => {
    try {
      const data = await dp.graphql<{ node: { versions: Version[] } | null }>(VERSIONS, { id: record.id });
      const v = data.node?.versions.find((x) => x.versionNo === versionNo);
      if (v) {
        setTab(0);
        setShown(v);
      }
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };

  return (
    <>
      <Table size="small" data-testid="version-history">
        <TableHead>
          <TableRow>
            <TableCell>{translate('tianping.catalogue.version_no')}</TableCell>
            <TableCell>{translate('tianping.catalogue.published_at')}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {[...record.versions].reverse().map((v) => (
            <TableRow key={v.versionNo}>
              <TableCell>
                v{v.versionNo}
                {v.versionNo === record.publishedVersionNo ? ` (${translate('tianping.catalogue.current')})` : ''}
              </TableCell>
              <TableCell>{formatDateTime(v.publishedAt, locale)}</TableCell>
              <TableCell>
                <Button size="small" onClick={() => view(v.versionNo)}>
                  {translate('tianping.catalogue.view_version')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Dialog open={!!shown} onClose={() => setShown(null)} maxWidth="md" fullWidth>
        <DialogTitle>{shown ? translate('tianping.catalogue.version_title', { version: shown.versionNo, date: formatDateTime(shown.publishedAt, locale) }) : ''}</DialogTitle>
        <DialogContent>
          <Tabs value={tab} onChange={(_e, t: number) => setTab(t)} sx={{ mb: 2 }}>
            <Tab label={translate('tianping.catalogue.tab_content')} />
            <Tab label={translate('tianping.catalogue.preview')} />
          </Tabs>
          {shown?.content && tab === 0 && <ContentSummary content={shown.content} />}
          {shown?.content && tab === 1 && <FormPreview fields={shown.content.formFields ?? []} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setShown(null)}>{translate('ra.action.close')}</Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
