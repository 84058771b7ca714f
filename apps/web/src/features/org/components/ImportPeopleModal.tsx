/**
 * Staff import: pick the institution, get the template, upload. A rejected file imports nothing and
 * lists every bad row (row, column, problem), which can be downloaded to fix the file.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { TImportResult } from '@qinglian/contracts';
import { Alert, App, Button, Flex, Form, Modal, Result, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, download, type RowIssue } from '../../../lib/api.ts';
import { downloadCsv } from '../../../lib/csv.ts';
import { errorMessage } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useScope } from '../../../lib/scope.ts';
import { useImportPeople } from '../api.ts';
import { InstitutionSelect } from './Pickers.tsx';

/** The staff import dialog. */
export function ImportPeopleModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const ti = t.org.import;
  const me = useMe();
  const { message } = App.useApp();
  const regionUser = useScope() === 'region';
  const [institutionId, setInstitutionId] = useState<string | undefined>(me.institutionId ?? undefined);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<TImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<RowIssue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const importPeople = useImportPeople();

  const resetFile = () => {
    setFile(null);
    setResult(null);
    setRowErrors(null);
    setError(null);
  };
  const close = () => {
    resetFile();
    onClose();
  };
  const template = (format: 'xlsx' | 'csv') =>
    download('/api/org/people/import-template', { format }, `staff-template.${format}`).catch((e) => message.error(errorMessage(e)));

  const submit = async () => {
    if (!institutionId || !file) {
      setError(ti.fileRequired);
      return;
    }
    setError(null);
    setRowErrors(null);
    try {
      const r = await importPeople.mutateAsync({ institutionId, file });
      if (r.ok) setResult(r);
      else setRowErrors(r.errors);
    } catch (e) {
      if (e instanceof ApiError && e.rowErrors.length > 0) setRowErrors(e.rowErrors);
      else setError(errorMessage(e));
    }
  };

  const exportErrors = () =>
    downloadCsv(
      `${file?.name.replace(/\.[^.]+$/, '') ?? 'import'}-errors.csv`,
      [ti.row, ti.column, ti.message],
      (rowErrors ?? []).map((e) => [e.row, e.column, e.message]),
    );

  const footer = result
    ? [
        <Button key="done" type="primary" onClick={close}>
          {ti.done}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={close}>
          {t.common.cancel}
        </Button>,
        <Button
          key="go"
          type="primary"
          loading={importPeople.isPending}
          disabled={!file || !institutionId || rowErrors !== null}
          onClick={submit}
          data-testid="import-submit"
        >
          {ti.submit}
        </Button>,
      ];

  return (
    <Modal open={open} title={ti.title} width={760} onCancel={close} footer={footer} destroyOnHidden mask={{ closable: false }}>
      {result ? (
        <Result
          status="success"
          title={ti.successTitle}
          subTitle={ti.successBody(result.created, result.updated, result.unchanged)}
          data-testid="import-success"
        />
      ) : (
        <Form layout="vertical">
          <Alert type="info" showIcon title={ti.rules} style={{ marginBottom: 16 }} />
          {regionUser && (
            <Form.Item label={ti.institution} required>
              <InstitutionSelect value={institutionId} onChange={setInstitutionId} data-testid="import-institution" />
            </Form.Item>
          )}
          <Form.Item label={ti.template}>
            <Space wrap>
              <Button icon={<DownloadOutlined />} onClick={() => template('xlsx')} data-testid="template-xlsx">
                {ti.templateXlsx}
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => template('csv')} data-testid="template-csv">
                {ti.templateCsv}
              </Button>
            </Space>
          </Form.Item>
          <Form.Item label={ti.file} required>
            <div data-testid="import-file">
            <Upload.Dragger
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              maxCount={1}
              fileList={file ? [{ uid: 'f', name: file.name, status: 'done' }] : []}
              beforeUpload={(f) => {
                resetFile();
                setFile(f);
                return false;
              }}
              onRemove={() => {
                resetFile();
                return true;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-hint">{ti.fileHint}</p>
            </Upload.Dragger>
            </div>
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
          {rowErrors && (
            <div data-testid="import-errors">
              <Alert
                type="error"
                showIcon
                title={ti.failedTitle}
                description={ti.errorCount(rowErrors.length)}
                style={{ marginBottom: 12 }}
              />
              <Flex justify="flex-end" gap={8} style={{ marginBottom: 8 }}>
                <Button size="small" onClick={exportErrors}>
                  {ti.downloadErrors}
                </Button>
                <Button size="small" onClick={resetFile}>
                  {ti.again}
                </Button>
              </Flex>
              <Table<RowIssue & { key: number }>
                size="small"
                rowKey="key"
                dataSource={rowErrors.map((e, i) => ({ ...e, key: i }))}
                pagination={rowErrors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                scroll={{ y: 320 }}
                columns={[
                  { title: ti.row, dataIndex: 'row', key: 'row', width: 80 },
                  { title: ti.column, dataIndex: 'column', key: 'column', width: 160 },
                  { title: ti.message, dataIndex: 'message', key: 'message' },
                ]}
              />
            </div>
          )}
        </Form>
      )}
    </Modal>
  );
}
