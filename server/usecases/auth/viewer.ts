import type { Viewer } from '../../domain/tenancy/access.js';
import { unauthenticated } from '../../domain/shared/errors.js';
import type { CommandContext } from '../context.js';

export function requireViewer(ctx: Pick<CommandContext, 'viewer'>): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}
