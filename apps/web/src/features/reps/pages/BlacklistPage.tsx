/** 黑名单: the region-wide blacklist every institution of the region sees; adding and lifting need rep.blacklist. */
import { PlusOutlined } from '@ant-design/icons';
import type { TBlacklistEntry } from '@qinglian/contracts';
import { Alert, Button, Form, Input, Select, type TableColumnsType, Tag } from 'antd';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { useState } from 'react';
import { FormModal } from '../../../components/FormModal.tsx';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { useCan, useMe } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { RepSelect } from '../components/Pickers.tsx';
import { addToBlacklist, liftBlacklist, useBlacklist, useCompanies, useRepsMutation } from '../api.ts';

export default function BlacklistPage() {
  const t = useT();
  const tr = t.reps;
  const tb = tr.blacklist;
  usePageTitle(tb.title);
  const can = useCan();
  const me = useMe();
  const regionUser = useScope() === 'region';
  /** Only the institution that decided a ban, or the region, may lift it. */
  const mayLift = (e: TBlacklistEntry) => can('rep.blacklist') && !e.liftedAt && (regionUser || (!!me.institutionId && me.institutionId === e.sourceInstitutionId));
  const list = useListParams({ active: 'true' });
  const { data, error } = useBlacklist(list.query);
  const [adding, setAdding] = useState(false);
  const [lifting, setLifting] = useState<TBlacklistEntry | null>(null);
  const [q, setQ] = useState('');
  const [companyId, setCompanyId] = useState<string | undefined>();
  const companies = useCompanies({ q, pageSize: 20, blacklisted: 'false' });
  const add = useRepsMutation(addToBlacklist);
  const lift = useRepsMutation(({ id, reason }: { id: string; reason: string }) => liftBlacklist(id, reason));

  const columns: TableColumnsType<TBlacklistEntry> = [
    { title: tr.common.company, dataIndex: 'companyName', key: 'companyName', sorter: true, sortOrder: list.sortOrder('companyName') },
    { title: tr.common.creditCode, dataIndex: 'creditCode', key: 'creditCode' },
    { title: tr.common.rep, dataIndex: 'repName', key: 'repName', render: (v: string | null) => v ?? tb.wholeCompany },
    { title: tr.common.reason, dataIndex: 'reason', key: 'reason', width: 280 },
    { title: tb.source, dataIndex: 'sourceInstitutionName', key: 'source', render: (v: string | null) => v ?? tb.region },
    { title: tr.common.createdAt, dataIndex: 'createdAt', key: 'createdAt', sorter: true, sortOrder: list.sortOrder('createdAt'), render: (v: string) => formatDateTime(v) },
    { title: t.common.status, dataIndex: 'liftedAt', key: 'liftedAt', sorter: true, sortOrder: list.sortOrder('liftedAt'), render: (v: string | null) => (v ? <Tag>{tb.lifted}</Tag> : <Tag color="red">{tb.active}</Tag>) },
    actionsColumn(t.common.actions, (e: TBlacklistEntry) =>
      mayLift(e) ? (
        <Button type="link" size="small" onClick={() => setLifting(e)} data-testid="blacklist-lift">
          {tb.lift}
        </Button>
      ) : null,
    ),
  ];

  return (
    <>
      <PageHeader
        title={tb.title}
        subtitle={tb.subtitle}
        extra={
          can('rep.blacklist') && (
            <Button type="primary" danger icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="create-button">
              {tb.add}
            </Button>
          )
        }
      />
      <ListToolbar list={list} placeholder={tb.search} statusFilter={false}>
        <Select
          aria-label={t.common.status}
          style={{ width: 140 }}
          value={list.value('active')}
          onChange={(v) => list.set({ active: v })}
          options={[
            { value: 'true', label: tb.active },
            { value: 'false', label: tb.liftedOnly },
            { value: 'all', label: t.common.all },
          ]}
        />
        <ExportButton path="/api/reps/blacklist/export" query={list.query} filename={`${tb.title}.xlsx`} />
      </ListToolbar>
      <ListTable<TBlacklistEntry> testId="blacklist-table" list={list} data={data} columns={columns} error={error} />
      <FormModal<{ companyId: string; repId?: string; reason: string }>
        open={adding}
        title={tb.add}
        onClose={() => {
          setAdding(false);
          setCompanyId(undefined);
        }}
        onSubmit={(v) => add.mutateAsync(v)}
        testId="blacklist-form"
      >
        <Form.Item name="companyId" label={tr.common.company} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            onChange={(v: string) => setCompanyId(v)}
            options={(companies.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.creditCode}）` }))}
          />
        </Form.Item>
        {companyId && (
          <Form.Item name="repId" label={tb.personal} extra={tb.personalHint}>
            <RepSelect companyId={companyId} allowClear placeholder={tb.wholeCompany} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={tr.common.reason} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
      <FormModal<{ reason: string }> open={!!lifting} title={tb.liftTitle} onClose={() => setLifting(null)} onSubmit={(v) => lift.mutateAsync({ id: lifting!.id, reason: v.reason })} testId="blacklist-lift-form">
        <Alert type="warning" showIcon title={`${lifting?.companyName ?? ''}${lifting?.repName ? ` · ${lifting.repName}` : ''}`} description={tb.liftHint} style={{ marginBottom: 12 }} />
        <Form.Item name="reason" label={tr.common.reason} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  );
}
