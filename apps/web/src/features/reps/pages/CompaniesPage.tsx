/** 企业名录: the region's drug and device companies, their reps, and whether they are blacklisted. */
import { PlusOutlined } from '@ant-design/icons';
import { COMPANY_KINDS, type TRepCompany } from '@qinglian/contracts';
import { Button, Form, Input, Select, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../../components/FormModal.tsx';
import { ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useCan } from '../../../lib/session.tsx';
import { formatDate } from '../../../lib/time.ts';
import { createCompany, useCompanies, useRepsMutation } from '../api.ts';

export default function CompaniesPage() {
  const t = useT();
  const tr = t.reps;
  usePageTitle(tr.companies.title);
  const can = useCan();
  const list = useListParams();
  const { data, error } = useCompanies(list.query);
  const [creating, setCreating] = useState(false);
  const create = useRepsMutation(createCompany);

  const columns: TableColumnsType<TRepCompany> = [
    { title: tr.common.company, dataIndex: 'name', key: 'name' },
    { title: tr.common.creditCode, dataIndex: 'creditCode', key: 'creditCode' },
    { title: tr.common.kind, dataIndex: 'kind', key: 'kind', render: (v: TRepCompany['kind']) => tr.companyKinds[v] },
    { title: tr.common.licenceNo, dataIndex: 'licenceNo', key: 'licenceNo', render: (v: string | null) => v ?? tr.common.none },
    { title: tr.companies.reps, dataIndex: 'repCount', key: 'repCount' },
    { title: t.common.status, dataIndex: 'blacklisted', key: 'blacklisted', render: (v: boolean) => (v ? <Tag color="red">{tr.companies.blacklisted}</Tag> : tr.common.none) },
    { title: tr.common.createdAt, dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDate(v) },
  ];

  return (
    <>
      <PageHeader
        title={tr.companies.title}
        subtitle={tr.companies.subtitle}
        extra={
          can('rep.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-button">
              {tr.companies.create}
            </Button>
          )
        }
      />
      <ListToolbar list={list} placeholder={tr.companies.search} statusFilter={false} />
      <ListTable<TRepCompany> testId="companies-table" list={list} data={data} columns={columns} error={error} />
      <FormModal<{ name: string; creditCode: string; kind: string; licenceNo?: string }>
        open={creating}
        title={tr.companies.create}
        onClose={() => setCreating(false)}
        onSubmit={(v) => create.mutateAsync(v)}
        initialValues={{ kind: 'manufacturer' }}
        testId="company-form"
      >
        <Form.Item name="name" label={tr.common.company} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="creditCode" label={tr.common.creditCode} rules={[{ required: true, len: 18 }]}>
          <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
        </Form.Item>
        <Form.Item name="kind" label={tr.common.kind} rules={[{ required: true }]}>
          <Select options={COMPANY_KINDS.map((k) => ({ value: k, label: tr.companyKinds[k] }))} />
        </Form.Item>
        <Form.Item name="licenceNo" label={tr.common.licenceNo}>
          <Input maxLength={60} />
        </Form.Item>
      </FormModal>
    </>
  );
}
