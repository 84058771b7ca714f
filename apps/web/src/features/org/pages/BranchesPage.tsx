/** Party branches with their secretaries and discipline members. */
import { PlusOutlined } from '@ant-design/icons';
import type { TBranch, TPage } from '@qinglian/contracts';
import { Button, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ActiveTag } from '../../../components/ActiveToggle.tsx';
import { CsvExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { api } from '../../../lib/api.ts';
import { actionsColumn, ListTable, RowActions } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useCan } from '../../../lib/session.tsx';
import { useScope } from '../../../lib/scope.ts';
import { useOrgList, useSetActive } from '../api.ts';
import { BranchForm } from '../components/BranchForm.tsx';
import { OrgFilters } from '../components/OrgFilters.tsx';

/** The party branches page. */
export default function BranchesPage() {
  const t = useT();
  const tb = t.org.branch;
  usePageTitle(tb.title);
  const can = useCan();
  const regionUser = useScope() === 'region';
  const writable = can('branch.write');
  const list = useListParams({ active: 'true' });
  const { data, isFetching, error } = useOrgList('branches', list.query);
  const setActive = useSetActive('branches');
  const [editing, setEditing] = useState<TBranch | 'new' | null>(null);
  const dash = (v: string | null | undefined) => v || t.common.none;

  // The API has no spreadsheet export for branches; a region has a few hundred, so gather them here.
  const exportRows = async () => {
    const { page: _p, pageSize: _s, ...filters } = list.query;
    const all = await api.get<TPage<TBranch>>('/api/org/branches', { ...filters, page: 1, pageSize: 500 });
    return {
      header: [tb.name, tb.institution, tb.department, tb.secretary, tb.inspector, t.common.status],
      rows: all.items.map((b) => [
        b.name,
        b.institutionName,
        b.departmentName,
        b.secretaryName,
        b.inspectorName,
        b.active ? t.common.active : t.common.inactive,
      ]),
    };
  };

  const columns: TableColumnsType<TBranch> = [
    { title: tb.name, dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrder('name') },
    ...(regionUser ? [{ title: tb.institution, dataIndex: 'institutionName', key: 'institutionName', sorter: true, sortOrder: list.sortOrder('institutionName') }] : []),
    { title: tb.department, dataIndex: 'departmentName', key: 'departmentName', sorter: true, sortOrder: list.sortOrder('departmentName'), render: dash },
    { title: tb.secretary, dataIndex: 'secretaryName', key: 'secretaryName', sorter: true, sortOrder: list.sortOrder('secretaryName'), render: dash },
    { title: tb.inspector, dataIndex: 'inspectorName', key: 'inspectorName', render: dash },
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
        title={tb.title}
        extra={
          <>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-button">
                {tb.create}
              </Button>
            )}
            <CsvExportButton filename={`${tb.title}.csv`} build={exportRows} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tb.searchPlaceholder}>
        <OrgFilters list={list} />
      </ListToolbar>
      <ListTable testId="branches-table" list={list} data={data} loading={isFetching}
        error={error} columns={columns} />
      <BranchForm editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}
