/**
 * 数据导入: choose one of the eleven file kinds (in the recommended order, with its columns and a header
 * template), upload with a progress bar (bytes sent, then the server's import progress), see the counts
 * or every problem by row, column and reason; the import history below.
 */
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import type { TScreeningImport, TScreeningKind } from '@qinglian/contracts';
import { Alert, App, Button, Card, Col, Descriptions, Flex, List, Progress, Row, Select, Statistic, Table, type TableColumnsType, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { ListTable } from '../../../components/ListTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { downloadCsv } from '../../../lib/csv.ts';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { formatDateTime } from '../../../lib/time.ts';
import { uploadImport, useImport, useImports, useRefreshImports, useScreeningMutation } from '../api.ts';
import { KIND_COLUMNS, templateCsv } from '../kinds.ts';
import { ImportStatusTag } from '../labels.tsx';

const KINDS = Object.keys(KIND_COLUMNS) as TScreeningKind[];
const ACCEPT = '.csv,.xlsx';

function saveTemplate(kind: TScreeningKind) {
  const blob = new Blob([templateCsv(kind)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${kind}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The outcome of one import: counts, or every problem with row, column and reason. */
function ImportResult({ rec }: { rec: TScreeningImport }) {
  const t = useT();
  const ti = t.screening.imports;
  const running = rec.status === 'running';
  const share = rec.bytesTotal > 0 ? Math.min(100, Math.round((rec.bytesRead / rec.bytesTotal) * 100)) : running ? 0 : 100;
  return (
    <Card size="small" title={`${ti.current}：${t.screening.kinds[rec.kind]} · ${rec.filename}`} extra={<ImportStatusTag status={rec.status} />} data-testid="import-result" style={{ marginBottom: 16 }}>
      {running && (
        <>
          <Typography.Text>{ti.processing}</Typography.Text>
          <Progress percent={share} status="active" data-testid="import-progress" />
        </>
      )}
      {!running && rec.status === 'done' && <Alert type="success" showIcon title={ti.resultDone} style={{ marginBottom: 12 }} data-testid="import-done" />}
      {!running && rec.status === 'failed' && (
        <Alert type="error" showIcon title={ti.resultFailed} description={rec.error ? (ti.errors[rec.error] ?? rec.error) : undefined} style={{ marginBottom: 12 }} data-testid="import-failed" />
      )}
      <Row gutter={[12, 12]}>
        {(
          [
            ['rowsRead', rec.rowsRead],
            ['imported', rec.imported],
            ['updated', rec.updated],
            ['unchanged', rec.unchanged],
            ['rejected', rec.rejected],
          ] as const
        ).map(([k, v]) => (
          <Col key={k} xs={12} md={4} data-testid={`import-${k}`}>
            <Statistic title={ti[k]} value={v} />
          </Col>
        ))}
      </Row>
      {rec.problemsTotal > 0 && (
        <div style={{ marginTop: 16 }} data-testid="import-problems">
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }} wrap gap={8}>
            <Typography.Text strong>
              {ti.problems}（{rec.problems.length < rec.problemsTotal ? ti.problemsMore(rec.problems.length, rec.problemsTotal) : ti.problemsCount(rec.problemsTotal)}）
            </Typography.Text>
            <Button
              icon={<DownloadOutlined />}
              data-testid="problems-download"
              onClick={() => downloadCsv(`${rec.filename.replace(/\.[^.]+$/, '')}-${ti.problems}.csv`, [ti.row, ti.column, ti.reason], rec.problems.map((p) => [p.row, p.column, p.message]))}
            >
              {ti.downloadProblems}
            </Button>
          </Flex>
          <Table
            size="small"
            rowKey={(p) => `${p.row}|${p.column}|${p.message}`}
            dataSource={rec.problems}
            pagination={{ pageSize: 10, showSizeChanger: true, pageSizeOptions: [10, 50, 100], showTotal: (n) => t.common.total(n) }}
            scroll={{ y: 420 }}
            data-testid="problems-table"
            columns={[
              { title: ti.row, dataIndex: 'row', width: 90 },
              { title: ti.column, dataIndex: 'column', width: 160 },
              { title: ti.reason, dataIndex: 'message' },
            ]}
          />
        </div>
      )}
    </Card>
  );
}

export default function ImportPage() {
  const t = useT();
  const ts = t.screening;
  const ti = ts.imports;
  usePageTitle(ti.title);
  const { message } = App.useApp();
  const list = useListParams();
  const { data, error } = useImports(list.query);
  const [kind, setKind] = useState<TScreeningKind>('institutions');
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const current = useImport(currentId);
  const refresh = useRefreshImports();
  const ended = current.data && current.data.status !== 'running' ? current.data.id : null;
  // The history shows the import as running until it ends; refresh it then.
  useEffect(() => {
    if (ended) refresh();
  }, [ended, refresh]);
  const upload = useScreeningMutation(({ k, f }: { k: TScreeningKind; f: File }) => uploadImport(k, f, setSent));

  const start = async () => {
    if (!file) return;
    setSent(0);
    setCurrentId(null);
    try {
      const rec = await upload.mutateAsync({ k: kind, f: file });
      setCurrentId(rec.id);
      setFile(null);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSent(null);
    }
  };

  const columns: TableColumnsType<TScreeningImport> = [
    { title: ti.kind, dataIndex: 'kind', key: 'kind', render: (k: TScreeningKind) => ts.kinds[k] },
    { title: ti.filename, dataIndex: 'filename', key: 'filename' },
    { title: ti.rows, key: 'rows', align: 'right', render: (_: unknown, r) => r.rowsRead.toLocaleString() },
    { title: ti.imported, dataIndex: 'imported', key: 'imported', align: 'right', render: (n: number) => n.toLocaleString() },
    { title: ti.updated, dataIndex: 'updated', key: 'updated', align: 'right', render: (n: number) => n.toLocaleString() },
    { title: ti.unchanged, dataIndex: 'unchanged', key: 'unchanged', align: 'right', render: (n: number) => n.toLocaleString() },
    { title: ti.problems, dataIndex: 'problemsTotal', key: 'problems', align: 'right', render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
    { title: t.common.status, dataIndex: 'status', key: 'status', render: (s: TScreeningImport['status']) => <ImportStatusTag status={s} /> },
    { title: ti.by, dataIndex: 'createdBy', key: 'createdBy', render: (v: string | null) => (v === 'cli' ? ts.trigger.cli : (v ?? t.common.none)) },
    { title: ti.at, dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
    {
      title: t.common.actions,
      key: 'actions',
      className: 'ql-no-print',
      render: (_: unknown, r) => (
        <Button type="link" size="small" onClick={() => setCurrentId(r.id)} data-testid="import-view">
          {ti.view}
        </Button>
      ),
    },
  ];

  const uploadShare = sent === null ? null : Math.round(sent * 100);
  return (
    <>
      <PageHeader title={ti.title} subtitle={ti.subtitle} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={10}>
          <Card size="small" title={ti.kindStep} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{ti.order}</Typography.Paragraph>
            <List
              size="small"
              data-testid="kind-list"
              dataSource={KINDS}
              renderItem={(k, i) => (
                <List.Item
                  onClick={() => setKind(k)}
                  style={{ cursor: 'pointer', background: k === kind ? '#fff1f0' : undefined, paddingInline: 8, borderRadius: 4 }}
                  data-testid={`kind-${k}`}
                >
                  <Typography.Text strong={k === kind}>
                    {i + 1}. {ts.kinds[k]}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {k}.csv
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={ti.fileStep} style={{ height: '100%' }}>
            <Select<TScreeningKind>
              aria-label={ti.kind}
              data-testid="import-kind"
              value={kind}
              onChange={setKind}
              style={{ width: '100%', marginBottom: 12 }}
              options={KINDS.map((k, i) => ({ value: k, label: `${i + 1}. ${ts.kinds[k]}（${k}）` }))}
            />
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }} styles={{ label: { width: 96, whiteSpace: 'nowrap' } }} data-testid="kind-columns">
              <Descriptions.Item label={ti.columns}>
                <Flex wrap gap={4}>
                  {KIND_COLUMNS[kind].map((c) => (
                    <Tag key={c} style={{ fontFamily: 'monospace', marginInlineEnd: 0 }}>
                      {c}
                    </Tag>
                  ))}
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={ti.kindHint}>{ts.kindHints[kind]}</Descriptions.Item>
            </Descriptions>
            <Button icon={<DownloadOutlined />} onClick={() => saveTemplate(kind)} style={{ marginBottom: 12 }} data-testid="template-download">
              {ti.template}
            </Button>
            <div data-testid="import-file">
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              maxCount={1}
              fileList={file ? [{ uid: '1', name: file.name, size: file.size, status: 'done' }] : []}
              beforeUpload={(f) => {
                if (!/\.(csv|xlsx)$/i.test(f.name)) {
                  message.error(ti.badType);
                  return Upload.LIST_IGNORE;
                }
                setFile(f);
                return false;
              }}
              onRemove={() => setFile(null)}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{ti.file}</p>
              <p className="ant-upload-hint">{ti.fileHint}</p>
            </Upload.Dragger>
            </div>
            {uploadShare !== null && (
              <div style={{ marginTop: 12 }}>
                <Typography.Text>{uploadShare < 100 ? ti.uploading : ti.uploaded}</Typography.Text>
                <Progress percent={uploadShare} status="active" data-testid="upload-progress" />
              </div>
            )}
            <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={upload.isPending} onClick={start} style={{ marginTop: 12 }} data-testid="import-start">
              {ti.upload}
            </Button>
          </Card>
        </Col>
      </Row>
      {current.data && <ImportResult rec={current.data} />}
      <Card size="small" title={ti.history}>
        <ListTable<TScreeningImport> testId="imports-table" list={list} data={data} columns={columns} error={error} />
      </Card>
    </>
  );
}
