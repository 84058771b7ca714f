/** "从风险库选用": pick entries of the starter library (with their measures) for the institution or one department. */
import { Alert, App, Form, Modal, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { applyFormErrors } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useScope } from '../../../lib/scope.ts';
import { useMe } from '../../../lib/session.tsx';
import { DepartmentSelect } from '../../org/components/Pickers.tsx';
import { useAdopt, useAdoptedKeys, useRiskLibrary } from '../api.ts';
import { LevelTag, levelOfScore } from '../labels.tsx';
import type { LibraryEntry } from '../types.ts';

export function AdoptModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const tr = t.supervision.risk;
  const me = useMe();
  const { message, modal } = App.useApp();
  const tm = t.supervision.more.risk;
  const departmentScoped = useScope() === 'department';
  const library = useRiskLibrary(open);
  const adopt = useAdopt();
  const [form] = Form.useForm<{ departmentId?: string }>();
  const [keys, setKeys] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  // What the chosen department (or the whole institution) already adopted: marked, and confirmed before a second copy.
  const departmentId = Form.useWatch('departmentId', form) as string | undefined;
  const adopted = new Set(useAdoptedKeys(open, departmentId ?? (departmentScoped ? (me.departmentId ?? undefined) : undefined)).data ?? []);

  const close = () => {
    setKeys([]);
    setError(null);
    onClose();
  };
  const run = async () => {
    if (!keys.length) return setError(tr.adoptNone);
    const again = (library.data ?? []).filter((e) => keys.includes(e.key) && adopted.has(e.key));
    if (again.length && !(await modal.confirm({ title: tm.adoptAgainTitle, content: tm.adoptAgain(again.map((e) => e.title)), okText: tm.adoptAgainOk, cancelText: t.common.cancel }))) return;
    try {
      const r = await adopt.mutateAsync({ keys, departmentId: form.getFieldValue('departmentId') ?? null });
      message.success(tr.adopted(r.adopted));
      close();
    } catch (e) {
      setError(applyFormErrors(form, e));
    }
  };

  const columns: TableColumnsType<LibraryEntry> = [
    {
      title: tr.pointTitle,
      dataIndex: 'title',
      key: 'title',
      render: (v: string, e) => (
        <>
          <Typography.Text title={e.description}>{v}</Typography.Text>
          {adopted.has(e.key) && (
            <Tag color="blue" style={{ marginLeft: 6 }} data-testid="adopted-tag">
              {departmentId || departmentScoped ? tm.adoptedTag : tm.adoptedTagWhole}
            </Tag>
          )}
        </>
      ),
    },
    { title: tr.process, dataIndex: 'process', key: 'process', width: 130, render: (v: LibraryEntry['process']) => t.supervision.processes[v] },
    { title: tr.level, key: 'level', width: 80, render: (_v, e) => <LevelTag level={levelOfScore(e.likelihood * e.impact)} /> },
    { title: tr.measures, key: 'measures', width: 80, render: (_v, e) => tr.measureCount(e.measures.length) },
  ];
  return (
    <Modal
      open={open}
      title={tr.adopt}
      width={860}
      onCancel={close}
      onOk={run}
      okText={keys.length ? tr.adoptOk(keys.length) : tr.adopt}
      cancelText={t.common.cancel}
      confirmLoading={adopt.isPending}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <div data-testid="adopt-modal">
        <Typography.Paragraph type="secondary">{tr.adoptHint}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        <Form form={form} layout="inline" initialValues={{ departmentId: departmentScoped ? me.departmentId : undefined }} style={{ marginBottom: 12 }}>
          <Form.Item name="departmentId" label={tr.adoptDepartment}>
            <DepartmentSelect institutionId={me.institutionId} allowClear={!departmentScoped} disabled={departmentScoped} placeholder={tr.wholeInstitution} style={{ width: 220 }} />
          </Form.Item>
        </Form>
        <div data-testid="library-table">
        <Table<LibraryEntry>
          rowKey="key"
          size="small"
          loading={library.isLoading}
          columns={columns}
          dataSource={library.data}
          pagination={false}
          scroll={{ y: 420 }}
          rowSelection={{ selectedRowKeys: keys, onChange: (k) => setKeys(k as string[]) }}
          expandable={{
            expandedRowRender: (e) => (
              <div>
                <Typography.Paragraph style={{ marginBottom: 4 }}>{e.description}</Typography.Paragraph>
                <ol style={{ margin: 0, paddingLeft: 20 }}>
                  {e.measures.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ol>
              </div>
            ),
          }}
        />
        </div>
      </div>
    </Modal>
  );
}
