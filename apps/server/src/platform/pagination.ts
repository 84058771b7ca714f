/** Paging and sorting for list endpoints, shared so every list behaves the same. */
import type { TListQuery } from '@qinglian/contracts';
import { type AnyColumn, asc, desc, type SQL } from 'drizzle-orm';

/** limit/offset for a page. */
export const pageOf = (q: Pick<TListQuery, 'page' | 'pageSize'>) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

/** ORDER BY for a whitelisted sort key, falling back to `fallback`; unknown keys are ignored, never interpolated. */
export function orderOf(q: Pick<TListQuery, 'sort' | 'order'>, sortable: Record<string, AnyColumn>, fallback: AnyColumn): SQL[] {
  const col = (q.sort && sortable[q.sort]) || fallback;
  return [q.order === 'desc' ? desc(col) : asc(col)];
}

/** `%q%` for ILIKE with the wildcard characters of the user's text escaped. */
export const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
