/** Regions (for region administrators): the top of the organisation tree. */
import { PlusOutlined } from '@ant-design/icons';
import type { TRegion } from '@qinglian/contracts';
import { Button, Form, Input, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ActiveTag } from '../../../components/ActiveToggle.tsx';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { actionsColumn, ListTable, RowActions } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useOrgList, useOrgSave, useSetActive } from '../api.ts';

/** The regions page. */
export default function RegionsPage() {
  const t = useT();
  const tr = t.org.region;
  usePageTitle(tr.title);
  const list = useListParams({ active: 'true' });
  const { data, isFetching, error } = useOrgList('regions', list.query);
  const save = useOrgSave('regions');
  const setActive = useSetActive('regions');
  const [editing, setEditing] = useState<TRegion | 'new' | null>(null);
  const current = editing && editing !== 'new' ? editing : null;

  const columns: TableColumnsType<TRegion> = [
    { title: tr.code, dataIndex: 'code', key: 'code', sorter: true, sortOrder: list.sortOrder('code'), width: 160 },
    { title: tr.name, dataIndex: 'name', key: 'name', sorter: true, sortOrder: list.sortOrder('name') },
    { title: t.common.status, dataIndex: 'active', key: 'active', sorter: true, sortOrder: list.sortOrder('active'), render: (v: boolean) => <ActiveTag active={v} />, width: 90 },
    actionsColumn(t.common.actions, (r) => (
      <RowActions active={r.active} onEdit={() => setEditing(r)} onToggle={(active) => setActive.mutateAsync({ id: r.id, active })} />
    )),
  ];

  return (
    <>
      <PageHeader
        title={tr.title}
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-button">
              {tr.create}
            </Button>
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tr.searchPlaceholder} />
      <ListTable testId="regions-table" list={list} data={data} loading={isFetching}
        error={error} columns={columns} />
      <FormModal
        open={editing !== null}
        title={current ? tr.edit : tr.create}
        initialValues={current ? { code: current.code, name: current.name } : {}}
        onClose={() => setEditing(null)}
        onSubmit={(values) => save.mutateAsync({ id: current?.id, values })}
        testId="region-form"
      >
        <Form.Item name="code" label={tr.code} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item name="name" label={tr.name} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
    </>
  );
}
