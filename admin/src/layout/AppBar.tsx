import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Box, Button, Typography } from '@mui/material';
import { AppBar, LoadingIndicator, LocalesMenuButton, Logout, TitlePortal, UserMenu, useGetIdentity, useTranslate } from 'react-admin';
import type { TianpingIdentity } from '../auth/authProvider.js';
import { modules } from '../registry.js';

/** The tenant and user signed in, always in view (a municipal admin acts for many tenants). */
const ViewerBadge = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const who = identity as TianpingIdentity | undefined;
  if (!who) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', mx: 1, lineHeight: 1.1, minWidth: 0 }} data-testid="viewer">
      <Typography variant="body2" noWrap sx={{ fontWeight: 600, maxWidth: { xs: 140, sm: 320 } }} data-testid="viewer-tenant">
        {who.tenant.name}
      </Typography>
      <Typography variant="caption" noWrap sx={{ opacity: 0.85 }} data-testid="viewer-user">
        {who.fullName} · {who.roles.map((r) => translate(`enums.UserRole.${r}`)).join('、')}
      </Typography>
    </Box>
  );
};

/** The viewer's tenant's disclosure page (Art. 17), served by the server at /public/<slug>. */
export const PublicPageButton = ({ slug }: { slug?: string }) => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const target = slug ?? (identity as TianpingIdentity | undefined)?.tenant.slug;
  if (!target) return null;
  return (
    <Button color="inherit" size="small" href={`/public/${encodeURIComponent(target)}`} target="_blank" rel="noopener" endIcon={<OpenInNewIcon fontSize="small" />} sx={{ whiteSpace: 'nowrap' }}>
      {translate('tianping.app.public_page')}
    </Button>
  );
};

const Toolbar = () => (
  <>
    <ViewerBadge />
    <Box sx={{ display: { xs: 'none', md: 'block' } }}>
      <PublicPageButton />
    </Box>
    {modules.flatMap((m) => m.appBarItems ?? []).map((Item, i) => (
      <Item key={i} />
    ))}
    <LocalesMenuButton />
    <LoadingIndicator />
  </>
);

export const TianpingAppBar = () => (
  <AppBar
    toolbar={<Toolbar />}
    userMenu={
      <UserMenu>
        <Logout />
      </UserMenu>
    }
  >
    <TitlePortal />
  </AppBar>
);
