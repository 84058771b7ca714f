/**
 * Scores of a quarter: typed into a table, pasted from Excel, or read from an .xlsx/.csv file (two
 * columns: staff number, score). The server takes all rows or none; its 422 lists every bad row.
 */
import { ClearOutlined, DeleteOutlined, FileExcelOutlined, PlusOutlined, SnippetsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Table, type TableColumnsType, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, type RowIssue } from '../../../lib/api.ts';
import { errorMessage } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useImportScores } from '../api.ts';
import { type Pair, parseDelimited, readPairs, toPairs } from '../sheet.ts';

interface Row {
  key: number;
  staffNo: string;
  score: string;
}

let nextKey = 1;
const rowsOf = (pairs: Pair[]): Row[] => pairs.map(([staffNo, score]) => ({ key: nextKey++, staffNo, score }));

/** `existing`: how many scores the quarter already has (importing again overwrites theirs, after a confirmation). */
export function ScoreEditor({ period, periodLabel, existing }: { period: string; periodLabel: string; existing: number }) {
  const t = useT();
  const ta = t.supervision.assess;
  const { message, modal } = App.useApp();
  const save = useImportScores();
  const [rows, setRows] = useState<Row[]>(() => rowsOf([['', '']]));
  const [issues, setIssues] = useState<RowIssue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');

  const replace = (next: Row[]) => {
    setRows(next.length ? next : rowsOf([['', '']]));
    setIssues(null);
    setError(null);
  };
  const edit = (key: number, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const filled = rows.filter((r) => r.staffNo.trim() || r.score.trim());
  const bad = (index: number, column: string) => issues?.some((i) => i.row === index + 1 && i.column === column);

  const submit = async () => {
    setIssues(null);
    setError(null);
    if (!filled.length) return setError(ta.emptyRows);
    if (existing > 0) {
      const ok = await modal.confirm({ title: ta.overwriteTitle(periodLabel), content: ta.overwriteBody(existing), okText: ta.overwriteOk, okButtonProps: { danger: true } });
      if (!ok) return;
    }
    // Row numbers in the server's answer count the rows sent: send exactly the rows shown.
    setRows(filled);
    try {
      const r = await save.mutateAsync({ period, rows: filled.map((x) => ({ staffNo: x.staffNo.trim(), score: x.score.trim() })) });
      message.success(ta.imported(r.imported));
      replace([]);
    } catch (e) {
      if (e instanceof ApiError && e.rowErrors.length) setIssues(e.rowErrors);
      else setError(errorMessage(e));
    }
  };

  const columns: TableColumnsType<Row> = [
    { title: '#', key: 'n', width: 48, render: (_v, _r, i) => i + 1 },
    {
      title: ta.staffNo,
      key: 'staffNo',
      render: (_v, r, i) => <Input value={r.staffNo} status={bad(i, 'staffNo') ? 'error' : undefined} aria-label={`${ta.staffNo} ${i + 1}`} onChange={(e) => edit(r.key, { staffNo: e.target.value })} maxLength={40} />,
    },
    {
      title: ta.score,
      key: 'score',
      width: 140,
      render: (_v, r, i) => <Input value={r.score} status={bad(i, 'score') ? 'error' : undefined} aria-label={`${ta.score} ${i + 1}`} inputMode="decimal" onChange={(e) => edit(r.key, { score: e.target.value })} maxLength={6} />,
    },
    {
      title: '',
      key: 'remove',
      width: 48,
      render: (_v, r) => <Button type="text" icon={<DeleteOutlined />} aria-label={ta.removeRow} onClick={() => replace(rows.filter((x) => x.key !== r.key))} />,
    },
  ];
  const rowError = (m: string) => (t.supervision.rowErrors as Record<string, string>)[m] ?? m;
  return (
    <div data-testid="score-editor">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, ...rowsOf([['', '']])])} data-testid="add-row">
          {ta.addRow}
        </Button>
        <Button icon={<SnippetsOutlined />} onClick={() => setPasting(true)} data-testid="paste-button">
          {ta.paste}
        </Button>
        <Upload
          accept=".xlsx,.csv,.txt"
          showUploadList={false}
          beforeUpload={(file) => {
            readPairs(file)
              .then((pairs) => {
                replace(rowsOf(pairs));
                message.success(ta.readRows(pairs.length));
              })
              .catch(() => message.error(ta.unreadable));
            return false;
          }}
        >
          <Button icon={<FileExcelOutlined />} data-testid="upload-scores">
            {ta.upload}
          </Button>
        </Upload>
        <Button icon={<ClearOutlined />} onClick={() => replace([])}>
          {ta.clear}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">{ta.uploadHint}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
      {issues && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={ta.failed(issues.length)}
          data-testid="row-errors"
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {issues.map((i) => (
                <li key={`${i.row}-${i.column}-${i.message}`}>{ta.rowIssue(i.row, rows[i.row - 1]?.staffNo ?? '', i.column === 'score' ? ta.score : ta.staffNo, rowError(i.message))}</li>
              ))}
            </ul>
          }
        />
      )}
      <Table<Row> rowKey="key" size="small" pagination={false} columns={columns} dataSource={rows} scroll={{ y: 420 }} />
      <Button type="primary" style={{ marginTop: 12 }} loading={save.isPending} onClick={submit} data-testid="scores-submit">
        {ta.submit(filled.length)}
      </Button>
      <Modal
        open={pasting}
        title={ta.pasteTitle}
        okText={ta.usePasted}
        cancelText={t.common.cancel}
        onCancel={() => setPasting(false)}
        onOk={() => {
          replace(rowsOf(toPairs(parseDelimited(pasted))));
          setPasting(false);
          setPasted('');
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{ta.pasteHint}</Typography.Paragraph>
        <Input.TextArea rows={10} value={pasted} onChange={(e) => setPasted(e.target.value)} aria-label={ta.pasteTitle} data-testid="paste-area" />
      </Modal>
    </div>
  );
}
