/** 查房清单: checklist templates with their sections, weights and pass marks; edited in versions, copied, deactivated. */
import { CopyOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Popconfirm, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan } from '../../../lib/session.tsx';
import { useTemplateEdit, useTemplates } from '../api.ts';
import { TemplateForm } from '../components/TemplateForm.tsx';
import type { Section, Template } from '../types.ts';
import '../supervision.css';

/** Sections and items of a template, as read-only tables. */
export function TemplateSections({ sections }: { sections: Section[] }) {
  const t = useT();
  const tt = t.supervision.template;
  return (
    <div data-testid="template-sections">
      {sections.map((s, i) => (
        <div key={s.title + String(i)} style={{ marginBottom: 12 }}>
          <div style={{ fontWeight: 600, marginBottom: 4 }}>
            {i + 1}. {s.title} <Tag>{tt.passMarkOf(s.passMark)}</Tag>
          </div>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={s.items}
            columns={[
              { title: tt.item, dataIndex: 'text', key: 'text' },
              { title: tt.weight, dataIndex: 'weight', key: 'weight', width: 80, align: 'right' },
            ]}
          />
        </div>
      ))}
    </div>
  );
}

export default function TemplatesPage() {
  const t = useT();
  const tt = t.supervision.template;
  usePageTitle(tt.title);
  const manage = useCan()('inspection.manage');
  const { data, isFetching, error } = useTemplates();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Template | null>(null);
  const { update, copy } = useTemplateEdit();
  const { message } = App.useApp();
  const act = (p: Promise<unknown>, ok: string) => p.then(() => message.success(ok)).catch((e) => message.error(errorMessage(e)));
  const columns: TableColumnsType<Template> = [
    {
      title: tt.name,
      dataIndex: 'name',
      key: 'name',
      render: (v: string, r) => (
        <>
          {v} {!r.active && <Tag data-testid="template-inactive">{tt.inactive}</Tag>}
        </>
      ),
    },
    { title: tt.sections, key: 'sections', render: (_v, r) => r.sections.map((s) => s.title).join('、') },
    { title: tt.size, key: 'size', render: (_v, r) => tt.summary(r.sections.length, r.sections.reduce((n, s) => n + s.items.length, 0)) },
    { title: tt.version, dataIndex: 'version', key: 'version', className: 'ql-sup-nowrap', render: (v: number) => tt.versionOf(v) },
    { title: tt.usedBy, dataIndex: 'usedBy', key: 'usedBy', className: 'ql-sup-nowrap', render: (v: number) => tt.usedByOf(v) },
  ];
  if (manage)
    columns.push({
      title: t.common.actions,
      key: 'actions',
      className: 'ql-no-print',
      render: (_v, r) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid="template-edit">
            {tt.edit}
          </Button>
          <Button type="link" size="small" icon={<CopyOutlined />} loading={copy.isPending && copy.variables === r.id} onClick={() => act(copy.mutateAsync(r.id), tt.copied)} data-testid="template-copy">
            {tt.copy}
          </Button>
          {r.active ? (
            <Popconfirm title={tt.deactivateConfirm} okText={tt.deactivate} okButtonProps={{ danger: true }} cancelText={t.common.cancel} onConfirm={() => act(update.mutateAsync({ id: r.id, body: { active: false } }), tt.deactivated)}>
              <Button type="link" size="small" danger icon={<StopOutlined />} data-testid="template-deactivate">
                {tt.deactivate}
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => act(update.mutateAsync({ id: r.id, body: { active: true } }), tt.reactivated)} data-testid="template-reactivate">
              {tt.reactivate}
            </Button>
          )}
        </Space>
      ),
    });
  return (
    <>
      <PageHeader
        title={tt.title}
        subtitle={tt.subtitle}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-button">
              {tt.create}
            </Button>
          )
        }
      />
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      <div data-testid="templates-table">
        <Table<Template>
          rowKey="id"
          loading={isFetching}
          columns={columns}
          dataSource={data}
          pagination={false}
          expandable={{ expandedRowRender: (r) => <TemplateSections sections={r.sections} /> }}
        />
      </div>
      <TemplateForm open={creating} onClose={() => setCreating(false)} />
      {editing && <TemplateForm open template={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
