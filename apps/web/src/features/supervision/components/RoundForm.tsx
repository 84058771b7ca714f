/** Plan a round, or change a planned one: title, date, methods, a team from several departments, the departments to visit, the checklist. */
import type { TRound } from '@qinglian/contracts';
import { Checkbox, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { FormModal } from '../../../components/FormModal.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { fromIsoDate, toIsoDate } from '../../../lib/time.ts';
import { useCreateRound, useRoundEdit, useTemplates } from '../api.ts';
import { methodKeys } from '../labels.tsx';
import { DepartmentsPicker, PeoplePicker } from './Pickers.tsx';

export function RoundForm({ open, onClose, round: editing }: { open: boolean; onClose: () => void; round?: TRound }) {
  const t = useT();
  const tr = t.supervision.round;
  const me = useMe();
  const navigate = useNavigate();
  const templates = useTemplates();
  const create = useCreateRound();
  const { update } = useRoundEdit(editing?.id ?? '');
  const required = { required: true, message: t.common.required };
  const submit = async ({ plannedOn, ...rest }: Record<string, unknown>) => {
    if (editing) {
      await update.mutateAsync({ ...rest, plannedOn: toIsoDate(plannedOn as Dayjs) });
      return;
    }
    const round: TRound = await create.mutateAsync({ ...rest, plannedOn: toIsoDate(plannedOn as Dayjs) });
    navigate(`/supervision/rounds/${round.id}`);
  };
  // Only active checklists are offered, plus the one an edited round already uses.
  const templateOptions = (templates.data ?? []).filter((x) => x.active || x.id === editing?.templateId).map((x) => ({ value: x.id, label: x.name }));
  const initial = editing
    ? { title: editing.title, plannedOn: fromIsoDate(editing.plannedOn), methods: editing.methods, teamIds: editing.teamIds, departmentIds: editing.departmentIds, templateId: editing.templateId }
    : { methods: ['unannounced'] };
  return (
    <FormModal
      key={editing?.id ?? 'new'}
      open={open}
      title={editing ? tr.editTitle : tr.plan}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
      width={680}
      testId="round-form"
      successText={editing ? tr.saved : t.common.created}
    >
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
      <Form.Item name="methods" label={tr.methods} extra={tr.unannouncedHint} rules={[{ ...required, type: 'array', min: 1 }]}>
        <Checkbox.Group options={methodKeys(t).map((m) => ({ value: m, label: t.supervision.methods[m] }))} />
      </Form.Item>
      <Form.Item name="teamIds" label={tr.team} extra={tr.teamHint} rules={[{ ...required, type: 'array', min: 1 }]}>
        <PeoplePicker institutionId={me.institutionId} aria-label={tr.team} data-testid="team-picker" />
      </Form.Item>
      <Form.Item name="departmentIds" label={tr.departments} rules={[{ ...required, type: 'array', min: 1 }]}>
        <DepartmentsPicker institutionId={me.institutionId} aria-label={tr.departments} data-testid="departments-picker" />
      </Form.Item>
      <Form.Item name="templateId" label={tr.template} rules={[required]} extra={templates.data?.length === 0 ? tr.noTemplates : undefined}>
        <Select loading={templates.isLoading} options={templateOptions} aria-label={tr.template} />
      </Form.Item>
    </FormModal>
  );
}
