import { Box, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { LiveStatus } from './connection.js';
import { useLive } from './useLive.js';

const COLOR: Record<LiveStatus, string> = { live: '#4caf50', connecting: '#ffb300', reconnecting: '#ff7043', stopped: '#9e9e9e' };

/** A small dot in the app bar: live, connecting, reconnecting or off. */
export const ConnectionDot = () => {
  const { status } = useLive();
  const translate = useTranslate();
  return (
    <Tooltip title={translate(`tianping.live.status.${status}`)}>
      <Box
        component="span"
        role="status"
        aria-label={translate(`tianping.live.status.${status}`)}
        data-testid="live-status"
        data-status={status}
        sx={{ display: 'inline-block', width: 10, height: 10, borderRadius: '50%', bgcolor: COLOR[status], mx: 1, flex: 'none', boxShadow: '0 0 0 2px rgba(255,255,255,0.6)' }}
      />
    </Tooltip>
  );
};
