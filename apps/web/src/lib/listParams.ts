/**
 * List state (page, size, search, sort, filters) kept in the address bar, so a list survives reload,
 * the back button and being sent to a colleague as a link.
 */
import type { TablePaginationConfig } from 'antd';
import type { Key } from 'react';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from './i18n/index.tsx';

/** A filter explicitly set to "all", as opposed to left at its default. */
export const ALL = 'all';

type Patch = Record<string, string | number | boolean | null | undefined>;
type SortOrder = 'ascend' | 'descend' | null;
/** The part of antd's SorterResult we read (kept structural so it fits every Table<T>). */
interface SorterLike {
  order?: SortOrder;
  columnKey?: Key;
  field?: Key | readonly Key[];
}

/** URL-backed list state with helpers for antd Table. `defaults` apply while a key is absent from the URL. */
export function useListParams(defaults: Record<string, string> = {}) {
  const t = useT();
  const [sp, setSp] = useSearchParams();
  const defaultsKey = JSON.stringify(defaults);
  const defs = useMemo(() => JSON.parse(defaultsKey) as Record<string, string>, [defaultsKey]);

  const query = useMemo(() => {
    const o: Record<string, string> = { ...defs };
    sp.forEach((v, k) => {
      o[k] = v;
    });
    for (const k of Object.keys(o)) if (o[k] === ALL || o[k] === '') delete o[k];
    return o;
  }, [sp, defs]);

  const value = useCallback((key: string): string | undefined => sp.get(key) ?? defs[key], [sp, defs]);

  const set = useCallback(
    (patch: Patch, keepPage = false) =>
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (!keepPage && !('page' in patch)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setSp],
  );

  const reset = useCallback(() => setSp(new URLSearchParams(), { replace: true }), [setSp]);

  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Number(sp.get('pageSize')) || Number(defs.pageSize) || 20;
  const sort = query.sort;
  const order = query.order;

  const onTableChange = useCallback(
    (pagination: TablePaginationConfig, _filters: unknown, sorter: SorterLike | SorterLike[]) => {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.order ? String(s.columnKey ?? s.field) : undefined;
      set(
        {
          page: pagination.current === 1 ? undefined : pagination.current,
          pageSize: pagination.pageSize === 20 ? undefined : pagination.pageSize,
          sort: key,
          order: s?.order === 'descend' ? 'desc' : s?.order ? 'asc' : undefined,
        },
        true,
      );
    },
    [set],
  );

  /** The controlled sort state of a column. */
  const sortOrder = useCallback(
    (key: string): SortOrder => (sort === key ? (order === 'desc' ? 'descend' : 'ascend') : null),
    [sort, order],
  );

  /** antd pagination for a total. */
  const pagination = useCallback(
    (total: number | undefined): TablePaginationConfig => ({
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (n) => t.common.total(n),
    }),
    [page, pageSize, t],
  );

  return { query: { ...query, page: String(page), pageSize: String(pageSize) }, value, set, reset, onTableChange, sortOrder, pagination };
}

export type ListParams = ReturnType<typeof useListParams>;
