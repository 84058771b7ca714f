/** The antd Table every list uses: URL-backed paging and sorting, a test id, and an actions column helper. */
import type { TPage } from '@qinglian/contracts';
import { Alert, Button, Space, Table, type TableColumnsType, type TableProps } from 'antd';
import { errorMessage } from '../lib/forms.ts';
import type { ReactNode } from 'react';
import { useT } from '../lib/i18n/index.tsx';
import type { ListParams } from '../lib/listParams.ts';
import { ActiveToggle } from './ActiveToggle.tsx';

interface Props<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'onChange' | 'columns'> {
  testId: string;
  list: ListParams;
  data: TPage<T> | undefined;
  columns: TableColumnsType<T>;
  /** A failed load (shown above the table instead of an endless empty list). */
  error?: unknown;
}

/** A paged, sortable table bound to URL list state. */
export function ListTable<T extends { id: string }>({ testId, list, data, columns, error, ...rest }: Props<T>) {
  return (
    <div data-testid={testId}>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} data-testid="list-error" /> : null}
      <Table<T>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        pagination={list.pagination(data?.total)}
        onChange={list.onTableChange}
        scroll={{ x: 'max-content' }}
        {...rest}
      />
    </div>
  );
}

/** 编辑 + 停用/启用 for one row. */
export function RowActions({
  active,
  onEdit,
  onToggle,
  extra,
}: {
  active: boolean;
  onEdit?: () => void;
  onToggle?: (active: boolean) => Promise<unknown>;
  extra?: ReactNode;
}) {
  const t = useT();
  return (
    <Space size={0} wrap>
      {onEdit && (
        <Button type="link" size="small" onClick={onEdit} data-testid="row-edit">
          {t.common.edit}
        </Button>
      )}
      {extra}
      {onToggle && <ActiveToggle active={active} onChange={onToggle} testId="row-toggle" />}
    </Space>
  );
}

/** The trailing actions column, kept off paper. */
export function actionsColumn<T>(title: string, render: (row: T) => ReactNode, width = 150): TableColumnsType<T>[number] {
  return { title, key: 'actions', className: 'ql-no-print', fixed: 'right', width, render: (_: unknown, row: T) => render(row) };
}
