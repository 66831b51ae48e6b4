import AddIcon from '@mui/icons-material/Add';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import DriveFileMoveIcon from '@mui/icons-material/DriveFileMove';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ListIcon from '@mui/icons-material/List';
import { Alert, Box, Card, CardContent, Chip, CircularProgress, IconButton, Button as MuiButton, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, Link, Title, useCreatePath, useGetIdentity, useTranslate } from 'react-admin';
import type { TianpingIdentity } from '../auth/authProvider.js';
import { MoveTenantDialog } from './MoveTenantDialog.js';
import { type Branch, type TreeNode, useTenantTree } from './useTenantTree.js';

type Tree = ReturnType<typeof useTenantTree>;

const NodeRow = ({ node, tree, own, onMove }: { node: TreeNode; tree: Tree; own: boolean; onMove(n: TreeNode): void }) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const open = tree.expanded.has(node.id);
  return (
    <Box
      data-testid={`tree-node-${node.slug}`}
      sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.25, pl: node.depth * 3, '&:hover .tree-actions, &:focus-within .tree-actions': { opacity: 1 } }}
    >
      {node.childCount > 0 ? (
        <IconButton size="small" onClick={() => tree.toggle(node.id)} aria-label={translate(open ? 'tianping.tenants.collapse' : 'tianping.tenants.expand', { name: node.name })} aria-expanded={open}>
          {open ? <ExpandMoreIcon fontSize="small" /> : <ChevronRightIcon fontSize="small" />}
        </IconButton>
      ) : (
        <Box sx={{ width: 34 }} />
      )}
      <Link to={createPath({ resource: 'tenants', id: node.id, type: 'show' })}>{node.name}</Link>
      <Typography variant="caption" color="text.secondary">
        {translate(`enums.TenantKind.${node.kind}`)}
        {node.childCount > 0 && ` · ${translate('tianping.tenants.child_count', { smart_count: node.childCount })}`}
      </Typography>
      {node.status === 'SUSPENDED' && <Chip size="small" color="error" label={translate('enums.TenantStatus.SUSPENDED')} />}
      <Box className="tree-actions" sx={{ opacity: { xs: 1, md: 0.35 }, display: 'flex' }}>
        {node.status === 'ACTIVE' && (
          <Tooltip title={translate('tianping.tenants.add_child')}>
            <IconButton size="small" component={Link} to={createPath({ resource: 'tenants', type: 'create' })} state={{ record: { parentId: node.id } }} aria-label={translate('tianping.tenants.add_child')}>
              <AddIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
        {/* The server moves only tenants strictly below the admin's own. */}
        {!own && !node.isRoot && (
          <Tooltip title={translate('tianping.tenants.move')}>
            <IconButton size="small" onClick={() => onMove(node)} aria-label={translate('tianping.tenants.move_title', { name: node.name })}>
              <DriveFileMoveIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
      </Box>
    </Box>
  );
};

const BranchView = ({ parent, branch, tree, onMove }: { parent: TreeNode; branch: Branch | undefined; tree: Tree; onMove(n: TreeNode): void }) => {
  const translate = useTranslate();
  const indent = (parent.depth + 1) * 3 + 4;
  if (!branch || branch.state === 'loading')
    return (
      <Box sx={{ pl: indent, py: 0.5 }}>
        <CircularProgress size={16} />
      </Box>
    );
  if (branch.state === 'error')
    return (
      <Box sx={{ pl: indent }}>
        <Typography variant="body2" color="error" component="span">
          {branch.message}
        </Typography>
        <MuiButton size="small" onClick={() => tree.retry(parent.id)}>
          {translate('ra.action.refresh')}
        </MuiButton>
      </Box>
    );
  return (
    <>
      {branch.children.map((child) => (
        <Subtree key={child.id} node={child} tree={tree} onMove={onMove} />
      ))}
      {branch.total > branch.children.length && (
        <Typography variant="caption" sx={{ pl: indent }} color="text.secondary">
          {translate('tianping.tenants.more_children', { smart_count: branch.total - branch.children.length })}
        </Typography>
      )}
    </>
  );
};

const Subtree = ({ node, tree, own = false, onMove }: { node: TreeNode; tree: Tree; own?: boolean; onMove(n: TreeNode): void }) => (
  <>
    <NodeRow node={node} tree={tree} own={own} onMove={onMove} />
    {tree.expanded.has(node.id) && node.childCount > 0 && <BranchView parent={node} branch={tree.branches[node.id]} tree={tree} onMove={onMove} />}
  </>
);

/** The tenants below the viewer's own, as a tree opened level by level. */
export const TenantTreeView = ({ rootId }: { rootId: string | undefined }) => {
  const tree = useTenantTree(rootId);
  const translate = useTranslate();
  const [moving, setMoving] = useState<TreeNode | null>(null);
  if (tree.root === undefined) return <CircularProgress size={24} />;
  if (tree.root === null) return <Alert severity="warning">{translate('ra.notification.item_doesnt_exist')}</Alert>;
  return (
    <Box data-testid="tenant-tree">
      <Subtree node={tree.root} tree={tree} own onMove={setMoving} />
      {moving && <MoveTenantDialog open tenant={moving} onClose={() => setMoving(null)} onMoved={() => void tree.refresh()} />}
    </Box>
  );
};

export const TenantTree = () => {
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const rootId = (identity as TianpingIdentity | undefined)?.tenant.id;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="tianping.tenants.tree_view" />
      <CardContent>
        <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {translate('tianping.tenants.tree_help')}
          </Typography>
          <Button component={Link} to="/tenants" label="tianping.tenants.list_view">
            <ListIcon />
          </Button>
        </Box>
        <TenantTreeView rootId={rootId} />
      </CardContent>
    </Card>
  );
};
