/** Plan a round: title, date, methods, a team from several departments, the departments to visit, the checklist. */
import type { TRound } from '@qinglian/contracts';
import { Checkbox, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { FormModal } from '../../../components/FormModal.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { toIsoDate } from '../../../lib/time.ts';
import { useCreateRound, useTemplates } from '../api.ts';
import { methodKeys } from '../labels.tsx';
import { DepartmentsPicker, PeoplePicker } from './Pickers.tsx';

export function RoundForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const tr = t.supervision.round;
  const me = useMe();
  const navigate = useNavigate();
  const templates = useTemplates();
  const create = useCreateRound();
  const required = { required: true, message: t.common.required };
  const submit = async ({ plannedOn, ...rest }: Record<string, unknown>) => {
    const round: TRound = await create.mutateAsync({ ...rest, plannedOn: toIsoDate(plannedOn as Dayjs) });
    navigate(`/supervision/rounds/${round.id}`);
  };
  return (
    <FormModal open={open} title={tr.plan} initialValues={{ methods: ['unannounced'] }} onClose={onClose} onSubmit={submit} width={680} testId="round-form" successText={t.common.created}>
      <Row gutter={16}>
        <Col xs={24} sm={16}>
          <Form.Item name="title" label={tr.name} rules={[{ ...required, whitespace: true, min: 2 }]}>
            <Input maxLength={200} placeholder={tr.namePlaceholder} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="plannedOn" label={tr.plannedOn} rules={[required]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="methods" label={tr.methods} rules={[{ ...required, type: 'array', min: 1 }]}>
        <Checkbox.Group options={methodKeys(t).map((m) => ({ value: m, label: t.supervision.methods[m] }))} />
      </Form.Item>
      <Form.Item name="teamIds" label={tr.team} extra={tr.teamHint} rules={[{ ...required, type: 'array', min: 1 }]}>
        <PeoplePicker institutionId={me.institutionId} aria-label={tr.team} data-testid="team-picker" />
      </Form.Item>
      <Form.Item name="departmentIds" label={tr.departments} rules={[{ ...required, type: 'array', min: 1 }]}>
        <DepartmentsPicker institutionId={me.institutionId} aria-label={tr.departments} data-testid="departments-picker" />
      </Form.Item>
      <Form.Item name="templateId" label={tr.template} rules={[required]} extra={templates.data?.length === 0 ? tr.noTemplates : undefined}>
        <Select loading={templates.isLoading} options={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))} aria-label={tr.template} />
      </Form.Item>
    </FormModal>
  );
}
