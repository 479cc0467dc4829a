import type { RoleName } from '@basket/schema';
import { forbidden, unauthenticated } from '../errors';
import type { Viewer } from './tokens';

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export function requireRole(viewer: Viewer | null, ...roles: RoleName[]): Viewer {
  const v = requireViewer(viewer);
  if (!roles.includes(v.role)) throw forbidden(`Requires role ${roles.join(' or ')}`);
  return v;
}
