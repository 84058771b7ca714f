/** 接待规则: reception days, times, places, limits, receiving departments (never clinical), hosts and the sanction ladder. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { SANCTION_KINDS, type TReceptionRules } from '@qinglian/contracts';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Spin, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { applyFormErrors } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan, useMe } from '../../../lib/session.tsx';
import { useDepartmentOptions } from '../../org/api.ts';
import { saveRules, useRepsMutation, useRules } from '../api.ts';

type Values = Omit<TReceptionRules, 'institutionId' | 'timeFrom' | 'timeTo' | 'rooms'> & { timeFrom: Dayjs; timeTo: Dayjs; rooms: string };

export default function RulesPage() {
  const t = useT();
  const tr = t.reps;
  usePageTitle(tr.rules.title);
  const me = useMe();
  const can = useCan();
  const editable = can('rep.manage');
  const { data, isLoading } = useRules();
  const institutionId = data?.institutionId ?? me.institutionId;
  const { data: depts } = useDepartmentOptions(institutionId);
  const save = useRepsMutation(saveRules);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const initial = useMemo(
    () => (data ? { ...data, timeFrom: dayjs(data.timeFrom, 'HH:mm'), timeTo: dayjs(data.timeTo, 'HH:mm'), rooms: data.rooms.join('\n') } : undefined),
    [data],
  );
  if (isLoading || !initial) return <Spin />;

  const submit = async (v: Values) => {
    setError(null);
    try {
      await save.mutateAsync({
        ...v,
        timeFrom: v.timeFrom.format('HH:mm'),
        timeTo: v.timeTo.format('HH:mm'),
        rooms: v.rooms
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      });
      message.success(t.common.saved);
    } catch (e) {
      setError(applyFormErrors(form, e));
    }
  };

  return (
    <>
      <PageHeader title={tr.rules.title} subtitle={tr.rules.subtitle} />
      {!editable && <Alert type="info" showIcon title={tr.rules.readOnly} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} disabled={!editable} data-testid="rules-form">
        <Card style={{ marginBottom: 16 }}>
          <Form.Item name="weekdays" label={tr.rules.weekdays} rules={[{ required: true }]}>
            <Checkbox.Group options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: tr.weekdays[d]! }))} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="timeFrom" label={tr.rules.timeFrom} rules={[{ required: true }]}>
                <TimePicker format="HH:mm" minuteStep={5} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="timeTo" label={tr.rules.timeTo} rules={[{ required: true }]}>
                <TimePicker format="HH:mm" minuteStep={5} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="slotMinutes" label={tr.rules.slotMinutes} rules={[{ required: true }]}>
                <InputNumber min={10} max={240} step={5} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="slotCapacity" label={tr.rules.slotCapacity} rules={[{ required: true }]}>
                <InputNumber min={1} max={50} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="leadDays" label={tr.rules.leadDays} tooltip={tr.rules.leadDaysHint} rules={[{ required: true }]}>
                <InputNumber min={0} max={30} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="decideDays" label={tr.rules.decideDays} rules={[{ required: true }]}>
                <InputNumber min={1} max={30} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="monthlyLimit" label={tr.rules.monthlyLimit} rules={[{ required: true }]}>
                <InputNumber min={1} max={100} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="hostsRequired" label={tr.rules.hostsRequired} rules={[{ required: true }]}>
                <InputNumber min={1} max={5} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="rooms" label={tr.rules.rooms} extra={tr.rules.roomsHint} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="departmentIds" label={tr.rules.departments} extra={tr.rules.departmentsHint}>
            <Select
              mode="multiple"
              data-testid="rules-departments"
              options={(depts ?? []).filter((d) => !d.clinical).map((d) => ({ value: d.id, label: d.name }))}
              optionFilterProp="label"
            />
          </Form.Item>
        </Card>
        <Card title={tr.rules.ladder} style={{ marginBottom: 16 }}>
          <Alert type="info" title={tr.rules.ladderHint} description={tr.rules.suspensionMonthsHint} style={{ marginBottom: 12 }} />
          <Form.List name="ladder">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 8 }}>
                    <span style={{ width: 72, display: 'inline-block' }}>{tr.rules.step(i + 1)}</span>
                    <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]} noStyle>
                      <Select style={{ width: 220 }} options={SANCTION_KINDS.map((k) => ({ value: k, label: tr.sanctions[k] }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'months']} style={{ marginBottom: 0 }}>
                      <InputNumber min={0} max={60} addonAfter={tr.rules.months} style={{ width: 140 }} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                {fields.length < 6 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'blacklist_company', months: 0 })}>
                    {tr.rules.addStep}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Card>
        <Card title={tr.rules.unusual} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name={['unusual', 'manyDepartments']} label={tr.rules.manyDepartments} rules={[{ required: true }]}>
                <InputNumber min={2} max={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['unusual', 'hostSharePercent']} label={tr.rules.hostSharePercent} rules={[{ required: true }]}>
                <InputNumber min={10} max={100} addonAfter="%" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['unusual', 'hostMin']} label={tr.rules.hostMin} rules={[{ required: true }]}>
                <InputNumber min={1} max={100} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rules-save">
            {t.common.save}
          </Button>
        )}
      </Form>
    </>
  );
}
