/** Institutions of the user's scope: search, filter, sort, page, create, edit, (de)activate, export, print. */
import { PlusOutlined } from '@ant-design/icons';
import type { TInstitution } from '@qinglian/contracts';
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
import { useOrgList, useSetActive } from '../api.ts';
import { InstitutionForm } from '../components/InstitutionForm.tsx';

/** The institutions page. */
export default function InstitutionsPage() {
  const t = useT();
  const ti = t.org.institution;
  usePageTitle(ti.title);
  const can = useCan();
  const writable = can('institution.write');
  const list = useListParams({ active: 'true' });
  const { data, isFetching, error } = useOrgList('institutions', list.query);
  const setActive = useSetActive('institutions');
  const [editing, setEditing] = useState<TInstitution | 'new' | null>(null);

  const columns: TableColumnsType<TInstitution> = [
    { title: ti.code, dataIndex: 'code', key: 'code', sorter: true, sortOrder: list.sortOrder('code'), width: 120 },
    { title: ti.name, dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrder('name') },
    {
      title: ti.level,
      dataIndex: 'level',
      key: 'level',
      sorter: true,
      sortOrder: list.sortOrder('level'),
      render: (v: TInstitution['level']) => t.org.levels[v],
      width: 90,
    },
    { title: ti.kind, dataIndex: 'kind', key: 'kind', sorter: true, sortOrder: list.sortOrder('kind'), render: (v: TInstitution['kind']) => t.org.kinds[v] },
    { title: ti.departmentCount, dataIndex: 'departmentCount', key: 'departmentCount', align: 'right', width: 90 },
    { title: ti.staffCount, dataIndex: 'staffCount', key: 'staffCount', align: 'right', width: 90 },
    {
      title: ti.requireTotpShort,
      dataIndex: 'requireTotpForDiscipline',
      key: 'requireTotpForDiscipline',
      render: (v: boolean) => (v ? <Tag color="gold">{t.common.yes}</Tag> : t.common.no),
      width: 110,
    },
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
        title={ti.title}
        extra={
          <>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-button">
                {ti.create}
              </Button>
            )}
            <ExportButton path="/api/org/institutions/export" query={list.query} filename={`${ti.title}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={ti.searchPlaceholder} />
      <ListTable testId="institutions-table" list={list} data={data} loading={isFetching}
        error={error} columns={columns} />
      <InstitutionForm editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}
