import DoneAllIcon from '@mui/icons-material/DoneAll';
import NotificationsIcon from '@mui/icons-material/Notifications';
import { Badge, Box, Button, CircularProgress, Divider, IconButton, List, ListItemButton, ListItemText, Popover, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { TianpingDataProvider } from '../dataProvider/index.js';
import { formatDateTime } from '../shared/DateTimeField.js';
import { desktopPermission, enableDesktopNotifications } from './desktop.js';
import { MARK_NOTIFICATIONS_READ, NOTIFICATIONS } from './documents.js';
import type { LiveNotice } from './state.js';
import { liveStore } from './store.js';
import { casePath, useLive } from './useLive.js';

const PAGE = 20;

/** Newest first, each once: the list as read, with what arrived live since on top. */
export function mergeNotices(listed: readonly LiveNotice[], live: readonly LiveNotice[]): LiveNotice[] {
  const byId = new Map<string, LiveNotice>();
  for (const n of [...live, ...listed]) if (!byId.has(n.id)) byId.set(n.id, n);
  return [...byId.values()].sort((a, b) => Number(b.cursor) - Number(a.cursor));
}

/** The bell: the unread count (live), a list of the latest notices; a click marks one read and opens its case. */
export const NotificationBell = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const [locale] = useLocaleState();
  const dp = useDataProvider<TianpingDataProvider>();
  const { unread, recent } = useLive();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [listed, setListed] = useState<LiveNotice[] | null>(null);
  const [permission, setPermission] = useState(desktopPermission());

  const load = async () => {
    try {
      const data = await dp.graphql<{ notifications: { unreadCount: number; edges: { node: LiveNotice }[] } }>(NOTIFICATIONS, { first: PAGE });
      const nodes = data.notifications.edges.map((e) => e.node);
      setListed(nodes);
      liveStore.listed(data.notifications.unreadCount, nodes[0]?.cursor ?? null);
    } catch (e) {
      setListed([]);
      notify((e as Error).message ?? 'ra.notification.http_error', { type: 'error' });
    }
  };

  const markRead = async (ids: string[] | 'all') => {
    const data = await dp.graphql<{ markNotificationsRead: { unreadCount: number } }>(MARK_NOTIFICATIONS_READ, {
      input: ids === 'all' ? { all: true } : { ids },
    });
    liveStore.markedRead(data.markNotificationsRead.unreadCount, ids);
    setListed((l) => l?.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n)) ?? l);
  };

  const open = (notice: LiveNotice) => {
    const go = () => {
      if (notice.case) {
        setAnchor(null);
        navigate(casePath(notice.case.id));
      }
    };
    if (notice.read) return go();
    markRead([notice.id]).then(go, (e: Error) => notify(e.message ?? 'ra.notification.http_error', { type: 'error' }));
  };

  const items = listed ? mergeNotices(listed, recent).slice(0, PAGE) : null;
  return (
    <>
      <Tooltip title={translate('tianping.live.bell.title')}>
        <IconButton
          color="inherit"
          aria-label={translate('tianping.live.bell.label', { smart_count: unread })}
          data-testid="live-bell"
          onClick={(e) => {
            setAnchor(e.currentTarget);
            setListed(null);
            void load();
          }}
        >
          <Badge badgeContent={unread} color="error" max={99} data-testid="live-unread" data-count={unread}>
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Box sx={{ width: 380, maxWidth: '100vw' }} data-testid="live-notifications">
          <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1 }}>
            <Typography variant="subtitle1" sx={{ flex: 1, fontWeight: 600 }}>
              {translate('tianping.live.bell.title')}
            </Typography>
            <Button size="small" startIcon={<DoneAllIcon />} disabled={unread === 0} onClick={() => void markRead('all').catch((e: Error) => notify(e.message, { type: 'error' }))}>
              {translate('tianping.live.bell.mark_all')}
            </Button>
          </Box>
          <Divider />
          {items === null ? (
            <Box sx={{ display: 'flex', justifyContent: 'center', p: 2 }}>
              <CircularProgress size={24} />
            </Box>
          ) : items.length === 0 ? (
            <Typography sx={{ p: 2 }} color="text.secondary">
              {translate('tianping.live.bell.empty')}
            </Typography>
          ) : (
            <List dense sx={{ maxHeight: 420, overflow: 'auto', py: 0 }}>
              {items.map((n) => (
                <ListItemButton key={n.id} onClick={() => open(n)} data-testid="live-notification" data-read={n.read} sx={{ alignItems: 'flex-start', bgcolor: n.read ? undefined : 'action.hover' }}>
                  <ListItemText
                    primary={n.title}
                    slotProps={{ primary: { sx: { fontWeight: n.read ? 400 : 600 } } }}
                    secondary={`${translate(`enums.NotificationKind.${n.kind}`)} · ${formatDateTime(n.createdAt, locale, 'short')}${n.case && !n.title.includes(n.case.number) ? ` · ${n.case.number}` : ''}`}
                  />
                </ListItemButton>
              ))}
            </List>
          )}
          {permission === 'default' && (
            <>
              <Divider />
              <Box sx={{ px: 2, py: 1 }}>
                <Button size="small" onClick={() => void enableDesktopNotifications().then(setPermission)} data-testid="live-enable-desktop">
                  {translate('tianping.live.bell.enable_desktop')}
                </Button>
              </Box>
            </>
          )}
        </Box>
      </Popover>
    </>
  );
};
