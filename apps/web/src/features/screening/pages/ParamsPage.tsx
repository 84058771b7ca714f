/** 规则参数: the version in force with each rule's parameters and their documented meaning; editing makes a new version (confirmed); the history of versions. */
import { EditOutlined, SaveOutlined } from '@ant-design/icons';
import type { TParamVersion, TRuleParams } from '@qinglian/contracts';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Space, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { applyFormErrors } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan } from '../../../lib/session.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { saveParams, useParamVersions, useScreeningMutation } from '../api.ts';
import { RuleName } from '../labels.tsx';
import { changesFromDefaults, INTEGER_PARAMS, PARAM_DEFAULTS, PARAM_GROUPS, type ParamGroup } from '../params.ts';

interface ParamRow {
  key: string;
  group: ParamGroup;
  name: string;
  span: number;
}

const ROWS: ParamRow[] = PARAM_GROUPS.flatMap((g) => {
  const names = Object.keys(PARAM_DEFAULTS[g]);
  return names.map((name, i) => ({ key: `${g}.${name}`, group: g, name, span: i === 0 ? names.length : 0 }));
});

const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined ? '—' : String(v));

export default function ParamsPage() {
  const t = useT();
  const ts = t.screening;
  const tp = ts.params;
  usePageTitle(tp.title);
  const can = useCan();
  const { message, modal } = App.useApp();
  const { data } = useParamVersions();
  const current = data?.items.find((v) => v.current) ?? data?.items[0];
  const params = (current?.params ?? PARAM_DEFAULTS) as Record<string, Record<string, unknown>>;
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = useScreeningMutation(saveParams);

  // The server names versions it makes itself with plain words: the defaults, a one-run override, the command line.
  const noteText = (v: string | null) => (v ? (tp.notes[v] ?? v) : t.common.none);
  const byText = (v: string | null) => (v ? (v === 'cli' ? ts.trigger.cli : v) : t.common.none);
  const relationOptions = Object.entries(ts.ev.relations).map(([value, label]) => ({ value, label }));
  const paramValue = (r: ParamRow) => params[r.group]?.[r.name];

  const edit = () => {
    form.setFieldsValue({ ...params, enabled: { ...(params.enabled ?? {}) }, note: '' });
    setError(null);
    setEditing(true);
  };

  const submit = (values: Record<string, unknown>) => {
    const { note, ...rest } = values as { note?: string } & TRuleParams;
    modal.confirm({
      title: tp.save,
      content: tp.confirmSave,
      okText: t.common.ok,
      cancelText: t.common.cancel,
      okButtonProps: { 'data-testid': 'confirm-ok' } as never,
      onOk: async () => {
        try {
          const before = current?.version;
          const v = await save.mutateAsync({ params: rest, note: note?.trim() || undefined });
          message.success(v.version === before ? tp.unchangedVersion : tp.savedVersion(v.version));
          setEditing(false);
        } catch (e) {
          setError(applyFormErrors(form, e));
        }
      },
    });
  };

  const columns: TableColumnsType<ParamRow> = [
    {
      title: ts.common.rule,
      key: 'rule',
      width: 220,
      onCell: (r) => ({ rowSpan: r.span }),
      render: (_: unknown, r) => (
        <Space orientation="vertical" size={4}>
          {r.group === 'reopen' ? <strong>{tp.reopen}</strong> : <RuleName rule={r.group} />}
          {r.group !== 'reopen' &&
            (editing ? (
              <Form.Item name={['enabled', r.group]} valuePropName="checked" noStyle>
                <Switch size="small" checkedChildren={tp.enabled} unCheckedChildren={tp.disabled} data-testid={`enabled-${r.group}`} />
              </Form.Item>
            ) : params.enabled?.[r.group] === false ? (
              <Tag>{tp.disabled}</Tag>
            ) : (
              <Tag color="green">{tp.enabled}</Tag>
            ))}
        </Space>
      ),
    },
    { title: tp.parameter, dataIndex: 'name', key: 'name', render: (n: string) => <Typography.Text code style={{ whiteSpace: 'nowrap' }}>{n}</Typography.Text> },
    {
      title: tp.value,
      key: 'value',
      width: 260,
      render: (_: unknown, r) => {
        if (!editing) {
          const v = paramValue(r);
          const changed = JSON.stringify(v) !== JSON.stringify(PARAM_DEFAULTS[r.group][r.name]);
          const text = r.name === 'relations' && Array.isArray(v) ? v.map((x) => ts.ev.relations[String(x)] ?? x).join('、') : show(v);
          return <span style={changed ? { color: '#b71c1c', fontWeight: 600 } : undefined} data-testid={`param-${r.key}`}>{text}</span>;
        }
        if (r.name === 'relations')
          return (
            <Form.Item name={[r.group, r.name]} noStyle>
              <Checkbox.Group options={relationOptions} />
            </Form.Item>
          );
        return (
          <Form.Item name={[r.group, r.name]} noStyle rules={[{ required: true, message: t.common.required }]}>
            <InputNumber min={0} precision={INTEGER_PARAMS.has(r.name) ? 0 : undefined} style={{ width: 160 }} aria-label={r.key} data-testid={`input-${r.key}`} />
          </Form.Item>
        );
      },
    },
    { title: tp.meaning, key: 'meaning', render: (_: unknown, r) => ts.paramMeaning[r.key] ?? '' },
    {
      title: tp.defaultValue('').trim(),
      key: 'default',
      render: (_: unknown, r) => {
        const d = PARAM_DEFAULTS[r.group][r.name];
        return <Typography.Text type="secondary">{r.name === 'relations' && Array.isArray(d) ? d.map((x) => ts.ev.relations[x] ?? x).join('、') : show(d)}</Typography.Text>;
      },
    },
  ];

  const versionColumns: TableColumnsType<TParamVersion> = [
      { title: ts.common.paramVersion, dataIndex: 'version', key: 'version', render: (v: number, r) => <Space>{ts.common.version(v)}{r.current && <Tag color="red">{tp.current}</Tag>}</Space> },
      { title: tp.note, dataIndex: 'note', key: 'note', render: (v: string | null) => noteText(v) },
      {
        title: tp.changes,
        key: 'changes',
        render: (_: unknown, r) => {
          const c = changesFromDefaults(r.params);
          return c.length ? (
            <Space size={[4, 4]} wrap>
              {c.map((x) => (
                <Tag key={x.key} title={ts.paramMeaning[x.key]}>
                  {x.key} = {show(x.value)}
                </Tag>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{tp.allDefault}</Typography.Text>
          );
        },
      },
      { title: tp.createdBy, dataIndex: 'createdBy', key: 'createdBy', render: (v: string | null) => byText(v) },
      { title: tp.createdAt, dataIndex: 'createdAt', key: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={tp.title}
        subtitle={tp.subtitle}
        extra={
          <>
            {can('screening.manage') && !editing && (
              <Button type="primary" icon={<EditOutlined />} onClick={edit} data-testid="params-edit">
                {tp.edit}
              </Button>
            )}
            <PrintButton />
          </>
        }
      />
      <Form form={form} onFinish={submit} component={false}>
        <Card
          size="small"
          style={{ marginBottom: 16 }}
          title={
            <Space>
              {tp.current}：{current ? ts.common.version(current.version) : t.common.none}
              {current && (
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {noteText(current.note)} · {byText(current.createdBy)} · {formatDateTime(current.createdAt)}
                </Typography.Text>
              )}
            </Space>
          }
          data-testid="params-current"
        >
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
          <Table<ParamRow> size="small" rowKey="key" bordered pagination={false} dataSource={ROWS} columns={columns} data-testid="params-table" />
          {editing && (
            <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
              <Form.Item name="note" label={tp.note} style={{ marginBottom: 8 }}>
                <Input maxLength={500} placeholder={tp.notePlaceholder} data-testid="params-note" />
              </Form.Item>
              <Space>
                <Button type="primary" icon={<SaveOutlined />} onClick={() => form.submit()} loading={save.isPending} data-testid="params-save">
                  {tp.save}
                </Button>
                <Button onClick={() => setEditing(false)}>{t.common.cancel}</Button>
              </Space>
            </Space>
          )}
        </Card>
      </Form>
      <Card size="small" title={tp.versions}>
        <Table<TParamVersion> size="small" rowKey="version" dataSource={data?.items} columns={versionColumns} pagination={{ pageSize: 10 }} data-testid="param-versions" />
      </Card>
    </>
  );
}
