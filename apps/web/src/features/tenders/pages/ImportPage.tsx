/**
 * 导入招标数据: upload an OCDS file with a progress bar (upload, then the server's check and flag
 * computation), see the counts, or — when the file is refused — every bad line with its reason.
 * The server imports all or nothing, so a refused file left no trace.
 */
import { InboxOutlined } from '@ant-design/icons';
import type { TTenderImportResult } from '@qinglian/contracts';
import { Alert, Button, Card, Descriptions, Flex, Progress, Result, Table, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ApiError, type RowIssue } from '../../../lib/api.ts';
import { downloadCsv } from '../../../lib/csv.ts';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useScope } from '../../../lib/scope.ts';
import { useCan } from '../../../lib/session.tsx';
import { useImportTenders } from '../api.ts';
import '../tenders.css';

export default function ImportPage() {
  const t = useT();
  const ti = t.tenders.import;
  usePageTitle(ti.title);
  const regionUser = useScope() === 'region';
  const canRead = useCan()('tender.read');
  const run = useImportTenders();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<TTenderImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<RowIssue[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setProgress(null);
    setResult(null);
    setRowErrors(null);
    setError(null);
  };

  const submit = async () => {
    if (!file) {
      setError(ti.fileRequired);
      return;
    }
    setError(null);
    setRowErrors(null);
    setResult(null);
    setProgress(0);
    try {
      setResult(await run.mutateAsync({ file, onProgress: setProgress }));
    } catch (e) {
      if (e instanceof ApiError && e.rowErrors.length > 0) setRowErrors(e.rowErrors);
      else setError(errorMessage(e));
    } finally {
      setProgress(null);
    }
  };

  const exportErrors = () =>
    downloadCsv(
      `${file?.name.replace(/\.[^.]+$/, '') ?? 'import'}-errors.csv`,
      [ti.row, ti.path, ti.message],
      (rowErrors ?? []).map((e) => [e.row || '', e.column, e.message]),
    );

  const uploading = progress !== null && progress < 1;
  const busy = run.isPending;

  return (
    <>
      <PageHeader title={ti.title} />
      <Card size="small" className="ql-tender-section">
        <Alert type="info" showIcon title={ti.rules} description={regionUser ? ti.regionRule : ti.institutionRule} style={{ marginBottom: 16 }} />
        {result ? (
          <Result
            status="success"
            title={ti.successTitle}
            data-testid="import-success"
            subTitle={
              <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ maxWidth: 640, margin: '0 auto', textAlign: 'left' }}>
                <Descriptions.Item label={ti.format}>{ti.formats[result.format] ?? result.format}</Descriptions.Item>
                <Descriptions.Item label={ti.processes}>{result.processes}</Descriptions.Item>
                <Descriptions.Item label={ti.created}>{result.created}</Descriptions.Item>
                <Descriptions.Item label={ti.updated}>{result.updated}</Descriptions.Item>
                <Descriptions.Item label={ti.unchanged}>{result.unchanged}</Descriptions.Item>
                <Descriptions.Item label={ti.matched}>{result.matched}</Descriptions.Item>
                <Descriptions.Item label={ti.flags}>{result.flags}</Descriptions.Item>
              </Descriptions>
            }
            extra={[
              canRead && (
                <Link key="list" to="/tenders">
                  <Button type="primary">{ti.viewList}</Button>
                </Link>
              ),
              <Button key="again" onClick={reset} data-testid="import-again">
                {ti.again}
              </Button>,
            ]}
          />
        ) : (
          <>
            <div data-testid="import-file" style={{ marginBottom: 16 }}>
              <Upload.Dragger
                accept=".jsonl,.ndjson,.json,application/json"
                maxCount={1}
                disabled={busy}
                fileList={file ? [{ uid: 'f', name: file.name, status: 'done', size: file.size }] : []}
                beforeUpload={(f) => {
                  reset();
                  setFile(f);
                  return false;
                }}
                onRemove={() => {
                  reset();
                  return true;
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-hint">{ti.hint}</p>
              </Upload.Dragger>
            </div>
            {busy && (
              <div data-testid="import-progress" style={{ marginBottom: 16 }}>
                <Progress percent={Math.round((progress ?? 1) * 100)} status="active" />
                <span className="ql-muted">{uploading ? ti.uploading(Math.round((progress ?? 0) * 100)) : ti.processing}</span>
              </div>
            )}
            <Flex gap={8} style={{ marginBottom: 16 }}>
              <Button type="primary" loading={busy} disabled={!file || rowErrors !== null} onClick={submit} data-testid="import-submit">
                {ti.submit}
              </Button>
            </Flex>
            {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
            {rowErrors && (
              <div data-testid="import-errors">
                <Alert type="error" showIcon title={ti.failedTitle} description={ti.failedBody(rowErrors.length)} style={{ marginBottom: 12 }} />
                <Flex justify="flex-end" gap={8} style={{ marginBottom: 8 }}>
                  <Button size="small" onClick={exportErrors}>
                    {ti.downloadErrors}
                  </Button>
                  <Button size="small" onClick={reset} data-testid="import-again">
                    {ti.again}
                  </Button>
                </Flex>
                <Table<RowIssue & { key: number }>
                  size="small"
                  rowKey="key"
                  dataSource={rowErrors.map((e, i) => ({ ...e, key: i }))}
                  pagination={rowErrors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                  columns={[
                    { title: ti.row, dataIndex: 'row', key: 'row', width: 90, render: (v: number) => v || ti.inPackage },
                    { title: ti.path, dataIndex: 'column', key: 'column', width: 220, render: (v: string) => v || '—' },
                    { title: ti.message, dataIndex: 'message', key: 'message' },
                  ]}
                />
              </div>
            )}
          </>
        )}
      </Card>
    </>
  );
}
