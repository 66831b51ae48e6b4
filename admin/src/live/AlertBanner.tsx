import CloseIcon from '@mui/icons-material/Close';
import { Alert, AlertTitle, Box, Button, IconButton, Stack, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useDataProvider, useGetIdentity, useLocaleState, useLogout, useNotify, useTranslate } from 'react-admin';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { currentToken, type TianpingIdentity } from '../auth/authProvider.js';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { formatDateTime } from '../shared/DateTimeField.js';
import { showDesktopNotification } from './desktop.js';
import { ACKNOWLEDGE_ALERT, NOTIFICATIONS_HEAD } from './documents.js';
import type { BannerEntry, LiveAlert } from './state.js';
import { liveStore } from './store.js';
import { incidentPath, liveUrl, useLive } from './useLive.js';

/** At most this many alerts are stacked; the rest are counted below them. */
const SHOWN = 4;

/**
 * Opens the tab's live connection while signed in (closed on sign-out, which unmounts the layout;
 * a remount for the same user keeps it)
 * and shows the incident alert banner at the top of the content.
 */
export const LiveAlerts = () => {
  const { identity } = useGetIdentity();
  const who = identity as TianpingIdentity | undefined;
  const dp = useDataProvider<TianpingDataProvider>();
  const logout = useLogout();
  const notify = useNotify();
  const translate = useTranslate();
  const navigate = useNavigate();
  // The latest callbacks, without restarting the connection when they change identity.
  const latest = useRef({ dp, logout, notify, translate, navigate });
  latest.current = { dp, logout, notify, translate, navigate };
  const userId = who?.id === undefined ? undefined : String(who.id);
  const tenantId = who?.tenant.id;

  useEffect(() => {
    if (!userId || !tenantId) return;
    const key = `${userId}:${tenantId}`;
    return liveStore.retain(key, () => {
      void (async () => {
        let head: { unread: number; cursor: string | null; alerts: string } | null = null;
        let backlog: LiveAlert[] = [];
        try {
          const data = await latest.current.dp.graphql<{
            unreadNotificationCount: number;
            notifications: { edges: { node: { cursor: string } }[] };
            incidentAlertsHead: string;
            incidents: { edges: { node: NonNullable<LiveAlert['incident']> }[] };
          }>(NOTIFICATIONS_HEAD);
          head = { unread: data.unreadNotificationCount, cursor: data.notifications.edges[0]?.node.cursor ?? null, alerts: data.incidentAlertsHead };
          // Reported before this sign-in and still awaiting the viewer's level: on the banner at once.
          backlog = data.incidents.edges.map(({ node }) => ({ cursor: '', kind: 'REPORTED', at: node.reportedAt, level: null, incident: node }));
        } catch {
          /* offline for a moment: the stream still starts, the count comes with the list */
        }
        if (!liveStore.holds(key) || !currentToken()) return;
        liveStore.start({
          url: liveUrl(),
          token: () => currentToken(),
          userId,
          tenantId,
          storage: sessionStorage,
          head,
          backlog,
          onForbidden: () => {
            latest.current.notify('tianping.auth.session_expired', { type: 'warning' });
            void latest.current.logout();
          },
          onNewAlert: (alert) => notifyDesktop(alert, latest.current.translate, (path) => latest.current.navigate(path)),
        });
      })();
    });
  }, [userId, tenantId]);

  const { banner } = useLive();
  if (banner.length === 0) return null;
  const canAck = !!who?.roles.some((r) => r === 'SUPERVISOR' || r === 'ADMIN');
  return (
    <Stack spacing={1} sx={{ mt: 1, mb: 1 }} data-testid="live-alerts" role="region" aria-label={translate('tianping.live.alert.region')}>
      {banner.slice(0, SHOWN).map((entry) => (
        <AlertItem key={entry.incidentId} entry={entry} canAck={canAck} tenantId={tenantId} />
      ))}
      {banner.length > SHOWN && (
        <Typography variant="body2" color="text.secondary" data-testid="live-alerts-more">
          {translate('tianping.live.alert.more', { smart_count: banner.length - SHOWN })}
        </Typography>
      )}
    </Stack>
  );
};

function notifyDesktop(alert: LiveAlert, translate: (k: string, o?: object) => string, go: (path: string) => void) {
  const incident = alert.incident;
  if (!incident) return;
  // A replay after a long absence is on the banner; only fresh news interrupts the desktop.
  if (Date.now() - Date.parse(alert.at) > 5 * 60_000) return;
  showDesktopNotification(
    `${translate(`enums.IncidentAlertKind.${alert.kind}`)} · ${incident.tenant?.name ?? ''}`,
    `${translate(`enums.IncidentSeverity.${incident.severity}`)} · ${incident.place} · ${translate('tianping.live.alert.people', { smart_count: incident.peopleCount })}`,
    `incident-${incident.id}`,
    () => go(incidentPath(incident.id)),
  );
}

const AlertItem = ({ entry, canAck, tenantId }: { entry: BannerEntry; canAck: boolean; tenantId?: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const dp = useDataProvider<TianpingDataProvider>();
  const [busy, setBusy] = useState(false);
  const incident = entry.alert.incident!;
  const severe = incident.severity === 'I' || incident.severity === 'II';
  const level = incident.levels.find((l) => l.tenant?.id === tenantId);

  const acknowledge = async () => {
    setBusy(true);
    try {
      await dp.graphql(ACKNOWLEDGE_ALERT, { input: { id: incident.id } });
      liveStore.dismiss(incident.id);
      notify('tianping.live.alert.acknowledged', { type: 'success' });
    } catch (e) {
      const err = e as { message?: string; body?: { code?: string } };
      // Someone of the same level was quicker: it is acknowledged all the same.
      if (err.body?.code === 'CONFLICT') liveStore.dismiss(incident.id);
      else notify(err.message ?? 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert
      severity={severe ? 'error' : 'warning'}
      variant="filled"
      data-testid="live-alert"
      data-incident={incident.id}
      action={
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }}>
          {canAck && (
            <Button color="inherit" size="small" variant="outlined" onClick={acknowledge} disabled={busy}>
              {translate('tianping.live.alert.acknowledge')}
            </Button>
          )}
          <Button color="inherit" size="small" component={RouterLink} to={incidentPath(incident.id)}>
            {translate('tianping.live.alert.view')}
          </Button>
          <IconButton color="inherit" size="small" aria-label={translate('tianping.live.alert.dismiss')} onClick={() => liveStore.dismiss(incident.id)}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Box>
      }
    >
      <AlertTitle sx={{ fontWeight: 600 }}>
        {translate(`enums.IncidentAlertKind.${entry.alert.kind}`)} · {translate(`enums.IncidentSeverity.${incident.severity}`)} · {incident.tenant?.name ?? ''}
      </AlertTitle>
      {translate(`enums.IncidentCategory.${incident.category}`)} · {incident.place} · {translate('tianping.live.alert.people', { smart_count: incident.peopleCount })} ·{' '}
      {translate('tianping.live.alert.occurred', { at: formatDateTime(incident.occurredAt, locale, 'short') })}
      {level && <> · {translate('tianping.live.alert.ack_due', { at: formatDateTime(level.ackDueAt, locale, 'short') })}</>}
    </Alert>
  );
};
