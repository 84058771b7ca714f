/** Departments: search, filter by institution, sort, page, create, edit, (de)activate, export, print. */
import { PlusOutlined } from '@ant-design/icons';
import type { TDepartment } from '@qinglian/contracts';
import { Button, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { ActiveTag } from '../../../components/ActiveToggle.tsx';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { actionsColumn, ListTable, RowActions } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useCan } from '../../../lib/session.tsx';
import { useScope } from '../../../lib/scope.ts';
import { useOrgList, useSetActive } from '../api.ts';
import { DepartmentForm } from '../components/DepartmentForm.tsx';
import { OrgFilters } from '../components/OrgFilters.tsx';

/** The departments page. */
export default function DepartmentsPage() {
  const t = useT();
  const td = t.org.department;
  usePageTitle(td.title);
  const can = useCan();
  const regionUser = useScope() === 'region';
  const writable = can('department.write');
  const list = useListParams({ active: 'true' });
  const { data, isFetching, error } = useOrgList('departments', list.query);
  const setActive = useSetActive('departments');
  const [editing, setEditing] = useState<TDepartment | 'new' | null>(null);

  const columns: TableColumnsType<TDepartment> = [
    { title: td.code, dataIndex: 'code', key: 'code', sorter: true, sortOrder: list.sortOrder('code'), width: 120 },
    { title: td.name, dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrder('name') },
    ...(regionUser ? [{ title: td.institution, dataIndex: 'institutionName', key: 'institutionName', sorter: true, sortOrder: list.sortOrder('institutionName') }] : []),
    {
      title: td.type,
      dataIndex: 'clinical',
      key: 'clinical', sorter: true, sortOrder: list.sortOrder('clinical'),
      render: (v: boolean) => (v ? <Tag color="blue">{td.clinicalYes}</Tag> : <Tag>{td.clinicalNo}</Tag>),
      width: 100,
    },
    { title: td.staffCount, dataIndex: 'staffCount', key: 'staffCount', align: 'right', width: 90 },
    { title: t.common.status, dataIndex: 'active', key: 'active', sorter: true, sortOrder: list.sortOrder('active'), render: (v: boolean) => <ActiveTag active={v} />, width: 90 },
  ];
  if (writable)
    columns.push(
      actionsColumn(t.common.actions, (r) => (
        <RowActions active={r.active} onEdit={() => setEditing(r)} onToggle={(active) => setActive.mutateAsync({ id: r.id, active })} />
      )),
    );

  return (
    <>
      <PageHeader
        title={td.title}
        extra={
          <>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-button">
                {td.create}
              </Button>
            )}
            <ExportButton path="/api/org/departments/export" query={list.query} filename={`${td.title}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={td.searchPlaceholder}>
        <OrgFilters list={list} department={false} />
      </ListToolbar>
      <ListTable testId="departments-table" list={list} data={data} loading={isFetching}
        error={error} columns={columns} />
      <DepartmentForm editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}
