/** 医廉码: the codes of institutions, departments and clinicians — generate, view, replace, print posters. */
import { PlusOutlined, PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import type { TIntegrityCode } from '@qinglian/contracts';
import { App, Button, Modal, Popconfirm, Select, Space, type TableColumnsType, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { actionsColumn, ListTable } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { OrgFilters } from '../../org/components/OrgFilters.tsx';
import { useCodes, useReplaceCode } from '../api.ts';
import { GenerateCodesModal } from '../components/GenerateCodesModal.tsx';
import { PosterPrint } from '../components/Posters.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { codeKindOptions } from '../labels.ts';
import '../reports.css';

export default function CodesPage() {
  const t = useT();
  const tr = t.reports;
  usePageTitle(tr.codesTitle);
  const { message } = App.useApp();
  const regionUser = useScope() === 'region';
  const list = useListParams();
  const { data, isFetching } = useCodes(list.query);
  const replace = useReplaceCode();
  const [generating, setGenerating] = useState(false);
  const [viewing, setViewing] = useState<TIntegrityCode | null>(null);
  const [selected, setSelected] = useState<TIntegrityCode[]>([]);
  const [printing, setPrinting] = useState<TIntegrityCode[] | null>(null);
  const donePrinting = useCallback(() => setPrinting(null), []);
  const where = (c: TIntegrityCode) => (c.personName ? `${c.departmentName ?? ''} · ${c.personName}` : (c.departmentName ?? tr.wholeInstitution));

  const columns: TableColumnsType<TIntegrityCode> = [
    {
      title: tr.qr,
      key: 'qr',
      width: 76,
      render: (_: unknown, r) => (
        <Button type="text" style={{ padding: 0, height: 56 }} onClick={() => setViewing(r)} aria-label={tr.viewQr}>
          <QrCode id={r.id} size={56} />
        </Button>
      ),
    },
    { title: tr.codeKind, dataIndex: 'kind', key: 'kind', render: (v: TIntegrityCode['kind']) => tr.codeKinds[v] },
    ...(regionUser ? [{ title: tr.institution, dataIndex: 'institutionName', key: 'institutionName' }] : []),
    { title: tr.codeWhere, key: 'where', render: (_: unknown, r) => where(r) },
    { title: tr.token, dataIndex: 'token', key: 'token', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      title: tr.link,
      dataIndex: 'url',
      key: 'url',
      render: (v: string) => (
        <Typography.Text copyable={{ text: v }} style={{ fontSize: 12 }}>
          <a href={v} target="_blank" rel="noreferrer" data-testid="code-url">
            {v}
          </a>
        </Typography.Text>
      ),
    },
    { title: tr.scans, dataIndex: 'scans', key: 'scans', width: 90 },
    { title: tr.createdAt, dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
    actionsColumn(
      t.common.actions,
      (r) => (
        <Space size={0}>
          <Button type="link" size="small" icon={<QrcodeOutlined />} onClick={() => setViewing(r)} data-testid="code-view">
            {t.common.view}
          </Button>
          <Popconfirm
            title={tr.replaceConfirm}
            okText={t.common.ok}
            cancelText={t.common.cancel}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              replace
                .mutateAsync(r.id)
                .then(() => message.success(tr.replaced))
                .catch((e) => message.error(errorMessage(e)))
            }
          >
            <Button type="link" size="small" danger data-testid="code-replace">
              {tr.replace}
            </Button>
          </Popconfirm>
        </Space>
      ),
      170,
    ),
  ];

  return (
    <>
      <PageHeader
        title={tr.codesTitle}
        subtitle={tr.codesSubtitle}
        extra={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setGenerating(true)} data-testid="generate-button">
              {tr.generate}
            </Button>
            <Button icon={<PrinterOutlined />} disabled={!selected.length} onClick={() => setPrinting(selected)} data-testid="print-posters">
              {tr.printSelected(selected.length)}
            </Button>
          </>
        }
      />
      <ListToolbar list={list} placeholder={tr.codeSearch} statusFilter={false}>
        <Select
          aria-label={tr.codeKind}
          placeholder={tr.codeKind}
          allowClear
          style={{ width: 130 }}
          value={list.value('kind')}
          onChange={(v) => list.set({ kind: v })}
          options={codeKindOptions(t)}
          data-testid="filter-kind"
        />
        <OrgFilters list={list} />
      </ListToolbar>
      <ListTable<TIntegrityCode>
        testId="codes-table"
        list={list}
        data={data}
        loading={isFetching}
        columns={columns}
        rowSelection={{ selectedRowKeys: selected.map((c) => c.id), onChange: (_, rows) => setSelected(rows), preserveSelectedRowKeys: true }}
      />
      <GenerateCodesModal open={generating} onClose={() => setGenerating(false)} />
      <Modal
        open={!!viewing}
        title={viewing ? `${viewing.institutionName} · ${where(viewing)}` : ''}
        onCancel={() => setViewing(null)}
        footer={[
          <Button key="close" onClick={() => setViewing(null)}>
            {t.common.close}
          </Button>,
          <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={() => viewing && setPrinting([viewing])} data-testid="print-one">
            {tr.printPoster}
          </Button>,
        ]}
      >
        {viewing && (
          <div style={{ textAlign: 'center' }} data-testid="code-detail">
            <QrCode id={viewing.id} size={260} />
            <Typography.Paragraph copyable={{ text: viewing.url }} style={{ marginTop: 12 }}>
              {viewing.url}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{tr.scansN(viewing.scans)}</Typography.Text>
          </div>
        )}
      </Modal>
      {printing && <PosterPrint codes={printing} onDone={donePrinting} />}
    </>
  );
}
