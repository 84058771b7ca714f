/** Opens a page only for holders of its permission (the server enforces the same; this avoids dead ends). */
import type { TPermission } from '@qinglian/contracts';
import { lazy, type ReactNode } from 'react';
import { useCan } from '../lib/session.tsx';

// antd Result carries large illustrations; load it only when someone actually lands here.
const Forbidden = lazy(() => import('../components/Results.tsx').then((m) => ({ default: m.Forbidden })));

/** Renders the page, or 403 when the user lacks `perm`. */
export function Guard({ perm, children }: { perm?: TPermission; children: ReactNode }) {
  const can = useCan();
  if (perm && !can(perm)) return <Forbidden />;
  return <>{children}</>;
}
