/** Staff: search, filter by institution and department, import, export, masked national IDs, details. */
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { TPerson } from '@qinglian/contracts';
import { Button, type TableColumnsType } from 'antd';
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
import { ImportPeopleModal } from '../components/ImportPeopleModal.tsx';
import { OrgFilters } from '../components/OrgFilters.tsx';
import { PersonDrawer } from '../components/PersonDrawer.tsx';
import { PersonForm } from '../components/PersonForm.tsx';
import { RevealNationalId } from '../components/RevealNationalId.tsx';

/** The staff page. */
export default function PeoplePage() {
  const t = useT();
  const tp = t.org.person;
  usePageTitle(tp.title);
  const can = useCan();
  const regionUser = useScope() === 'region';
  const writable = can('person.write');
  const list = useListParams({ active: 'true' });
  const { data, isFetching, error } = useOrgList('people', list.query);
  const setActive = useSetActive('people');
  const [editing, setEditing] = useState<TPerson | 'new' | null>(null);
  const [viewing, setViewing] = useState<TPerson | null>(null);
  const [importing, setImporting] = useState(false);
  const dash = (v: string | null | undefined) => v || t.common.none;

  const columns: TableColumnsType<TPerson> = [
    { title: tp.staffNo, dataIndex: 'staffNo', key: 'staffNo', sorter: true, sortOrder: list.sortOrder('staffNo'), width: 110 },
    {
      title: tp.name,
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
      render: (v: string, r) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setViewing(r)} data-testid="person-name">
          {v}
        </Button>
      ),
    },
    ...(regionUser ? [{ title: tp.institution, dataIndex: 'institutionName', key: 'institutionName', sorter: true, sortOrder: list.sortOrder('institutionName') }] : []),
    { title: tp.department, dataIndex: 'departmentName', key: 'departmentName', sorter: true, sortOrder: list.sortOrder('departmentName'), render: dash },
    { title: tp.jobTitle, dataIndex: 'title', key: 'title', sorter: true, sortOrder: list.sortOrder('title'), render: dash },
    { title: tp.specialty, dataIndex: 'specialty', key: 'specialty', sorter: true, sortOrder: list.sortOrder('specialty'), render: dash },
    { title: tp.phone, dataIndex: 'phone', key: 'phone', render: dash },
    {
      title: tp.nationalId,
      dataIndex: 'nationalIdMasked',
      key: 'nationalIdMasked',
      render: (v: string | null, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <span style={{ fontFamily: 'monospace' }}>{dash(v)}</span>
          {v && can('person.read_sensitive') && (
            <span className="ql-no-print">
              <RevealNationalId person={r} />
            </span>
          )}
        </span>
      ),
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
        title={tp.title}
        extra={
          <>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-button">
                {tp.create}
              </Button>
            )}
            {can('person.import') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="import-button">
                {tp.import}
              </Button>
            )}
            <ExportButton path="/api/org/people/export" query={list.query} filename={`${tp.title}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tp.searchPlaceholder}>
        <OrgFilters list={list} />
      </ListToolbar>
      <ListTable testId="people-table" list={list} data={data} loading={isFetching}
        error={error} columns={columns} />
      <PersonForm editing={editing} onClose={() => setEditing(null)} />
      <PersonDrawer person={viewing} onClose={() => setViewing(null)} />
      <ImportPeopleModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
