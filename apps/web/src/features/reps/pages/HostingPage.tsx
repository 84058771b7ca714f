/** 我的接待: visits the user hosted — write the record, confirm it — and reporting a rep seen where reps may not go. */
import { WarningOutlined } from '@ant-design/icons';
import type { TVisit } from '@qinglian/contracts';
import { Alert, App, Button, Form, Input, Select, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../../components/FormModal.tsx';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useMe } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { DepartmentSelect } from '../../org/components/Pickers.tsx';
import { confirmRecord, reportSighting, useHosting, useRepsMutation, writeRecord } from '../api.ts';
import { VisitStatusTag } from '../components/RepTags.tsx';

const KINDS = ['clinical_area', 'prescription_stats', 'gift', 'no_booking', 'other'] as const;

export default function HostingPage() {
  const t = useT();
  const tr = t.reps;
  const th = tr.hosting;
  usePageTitle(th.title);
  const me = useMe();
  const { message } = App.useApp();
  const list = useListParams();
  const { data, error } = useHosting(list.query);
  const [writing, setWriting] = useState<TVisit | null>(null);
  const [reporting, setReporting] = useState(false);
  const write = useRepsMutation(({ id, body }: { id: string; body: object }) => writeRecord(id, body));
  const confirm = useRepsMutation(confirmRecord);
  const report = useRepsMutation(reportSighting);
  const mine = (v: TVisit) => v.hosts.find((h) => h.personId === me.personId);

  const columns: TableColumnsType<TVisit> = [
    { title: tr.visits.checkedIn, dataIndex: 'checkedInAt', key: 'checkedInAt', render: (v: string) => formatDateTime(v) },
    { title: tr.common.rep, key: 'rep', render: (_: unknown, v) => `${v.repName ?? ''}（${v.companyName}）` },
    { title: tr.common.department, key: 'dept', render: (_: unknown, v) => `${v.departmentName}${v.room ? ` · ${v.room}` : ''}` },
    { title: tr.common.purpose, dataIndex: 'purpose', key: 'purpose', width: 200 },
    {
      title: tr.visits.content,
      key: 'content',
      width: 260,
      render: (_: unknown, v) =>
        v.content ? (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v.content }} style={{ margin: 0, maxWidth: 260 }}>
            {v.content}
          </Typography.Paragraph>
        ) : (
          tr.common.none
        ),
    },
    {
      title: tr.common.hosts,
      key: 'hosts',
      render: (_: unknown, v) => (
        <Space size={4} wrap>
          {v.hosts.map((h) => (
            <Tag key={h.personId} color={h.confirmedAt ? 'green' : 'default'}>
              {h.name}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t.common.status, dataIndex: 'status', key: 'status', render: (s: TVisit['status']) => <VisitStatusTag status={s} /> },
    actionsColumn(
      t.common.actions,
      (v: TVisit) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setWriting(v)} data-testid="visit-write">
            {th.write}
          </Button>
          {v.content && !mine(v)?.confirmedAt && (
            <Button
              type="link"
              size="small"
              data-testid="visit-confirm"
              onClick={() => confirm.mutateAsync(v.id).then(() => message.success(t.common.saved), (e) => message.error(errorMessage(e)))}
            >
              {th.confirm}
            </Button>
          )}
          {mine(v)?.confirmedAt && <Tag color="green">{th.confirmedByMe}</Tag>}
        </Space>
      ),
      200,
    ),
  ];

  return (
    <>
      <PageHeader
        title={th.title}
        subtitle={th.subtitle}
        extra={
          <Button danger icon={<WarningOutlined />} onClick={() => setReporting(true)} data-testid="sighting-button">
            {th.sighting}
          </Button>
        }
      />
      <ListTable<TVisit> testId="hosting-table" list={list} data={data} columns={columns} error={error} />
      <FormModal<{ content: string; materials?: string; attendees?: string }>
        open={!!writing}
        title={th.recordTitle}
        onClose={() => setWriting(null)}
        initialValues={{ content: writing?.content ?? '', materials: writing?.materials ?? '', attendees: writing?.attendees.join('，') ?? '' }}
        onSubmit={(v) =>
          write.mutateAsync({
            id: writing!.id,
            body: { content: v.content, materials: v.materials ?? '', attendees: (v.attendees ?? '').split(/[,，、\s]+/).filter(Boolean) },
          })
        }
        testId="record-form"
      >
        <Form.Item name="content" label={tr.visits.content} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={4} placeholder={th.contentPh} />
        </Form.Item>
        <Form.Item name="materials" label={tr.visits.materials}>
          <Input placeholder={th.materialsPh} />
        </Form.Item>
        <Form.Item name="attendees" label={tr.visits.attendees}>
          <Input placeholder={th.attendeesPh} />
        </Form.Item>
      </FormModal>
      <FormModal<{ repName?: string; companyName?: string; kind: string; departmentId?: string; description: string }>
        open={reporting}
        title={th.sightingTitle}
        onClose={() => setReporting(false)}
        initialValues={{ kind: 'clinical_area' }}
        successText={th.reported}
        onSubmit={(v) => report.mutateAsync(v)}
        testId="sighting-form"
      >
        <Alert type="info" title={th.sightingHint} style={{ marginBottom: 12 }} />
        <Form.Item name="kind" label={tr.violations.kind} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: tr.violationKinds[k] }))} />
        </Form.Item>
        <Form.Item name="repName" label={th.repName}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="companyName" label={th.companyName}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="departmentId" label={th.where}>
          <DepartmentSelect institutionId={me.institutionId} allowClear />
        </Form.Item>
        <Form.Item name="description" label={th.what} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </FormModal>
    </>
  );
}
