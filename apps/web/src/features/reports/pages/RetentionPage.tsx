/**
 * 保存期限: closed cases past their retention period, listed before anything is erased; erasing the
 * selected ones needs a reason and typing the number of cases (the server keeps number, dates, outcome).
 */
import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { type RetentionItem, usePurge, useRetention } from '../api.ts';
import { ActionModal } from '../components/ActionModal.tsx';

export default function RetentionPage() {
  const t = useT();
  const tr = t.reports;
  usePageTitle(tr.retentionTitle);
  const { data, isFetching, error } = useRetention();
  const purge = usePurge();
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState(false);

  const columns: TableColumnsType<RetentionItem> = [
    { title: tr.number, dataIndex: 'number', key: 'number' },
    { title: tr.institution, dataIndex: 'institutionName', key: 'institutionName' },
    { title: tr.closedAt, dataIndex: 'closedAt', key: 'closedAt', render: (v: string) => formatDateTime(v) },
    { title: tr.dueSince, dataIndex: 'dueSince', key: 'dueSince', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={tr.retentionTitle}
        subtitle={tr.retentionSubtitle}
        extra={
          <Button danger icon={<DeleteOutlined />} disabled={!selected.length} onClick={() => setOpen(true)} data-testid="purge-button">
            {tr.purgeSelected(selected.length)}
          </Button>
        }
      />
      <Alert type="info" showIcon title={tr.retentionExplain} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} />}
      <div data-testid="retention-table">
        <Table<RetentionItem>
          rowKey="id"
          size="middle"
          loading={isFetching}
          dataSource={data}
          columns={columns}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
          locale={{ emptyText: tr.nothingDue }}
        />
      </div>
      <ActionModal<{ reason: string; typed: string }>
        open={open}
        title={tr.purgeTitle}
        onClose={() => setOpen(false)}
        danger
        okText={tr.purge}
        successText={tr.purged}
        testId="purge-form"
        confirm={() => ({ title: tr.purgeConfirm(selected.length), danger: true })}
        onSubmit={async (v) => {
          await purge.mutateAsync({ ids: selected, reason: v.reason.trim() });
          setSelected([]);
        }}
      >
        <Alert type="error" showIcon title={tr.purgeWarning} style={{ marginBottom: 16 }} />
        <Form.Item name="reason" label={tr.purgeReason} rules={[{ required: true, whitespace: true, min: 2, message: tr.reasonRequired }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
        <Form.Item
          name="typed"
          label={tr.purgeType(selected.length)}
          rules={[{ validator: (_, v) => (String(v ?? '').trim() === String(selected.length) ? Promise.resolve() : Promise.reject(new Error(tr.purgeTypeWrong))) }]}
        >
          <Input style={{ width: 120 }} data-testid="purge-typed" />
        </Form.Item>
      </ActionModal>
    </>
  );
}
