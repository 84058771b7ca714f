/** Record a finding of a round: it becomes a rectification order to the department's responsible person, optionally linked to a case. */
import type { TCaseSummary, TPage, TRound } from '@qinglian/contracts';
import { useQuery } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, Row, Select, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../../lib/api.ts';
import { useCan } from '../../../lib/session.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { toIsoDate } from '../../../lib/time.ts';
import { useRoundStep } from '../api.ts';
import { findingKindKeys } from '../labels.tsx';
import { FilesField, uploadedIds } from './Attachments.tsx';
import { DepartmentPersonSelect } from './Pickers.tsx';

/** An optional case of the institution the finding belongs to (searched by number or text). */
function FindingCaseSelect({ value, onChange }: { value?: string | null; onChange?: (v: string | null) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['supervision', 'finding-cases', q],
    queryFn: ({ signal }) => api.get<TPage<TCaseSummary>>('/api/reports/cases', { q: q || undefined, pageSize: 20 }, signal),
  });
  return (
    <Select
      aria-label={t.supervision.round.case}
      placeholder={t.supervision.talk.caseHint}
      allowClear
      loading={isFetching}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={(data?.items ?? []).map((c) => ({ value: c.id, label: `${c.number} ${c.summary.slice(0, 30)}` }))}
      data-testid="finding-case"
    />
  );
}

function Fields({ round }: { round: TRound }) {
  const canCases = useCan()('case.read');
  const t = useT();
  const tr = t.supervision.round;
  const form = Form.useFormInstance();
  const departmentId = Form.useWatch<string | undefined>('departmentId', form);
  const required = { required: true, message: t.common.required };
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="departmentId" label={tr.findingDepartment} rules={[required]}>
            <Select
              aria-label={tr.findingDepartment}
              options={round.departmentIds.map((id, i) => ({ value: id, label: round.departmentNames[i] }))}
              onChange={() => form.setFieldsValue({ responsibleId: undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="kind" label={tr.kind} rules={[required]}>
            <Select aria-label={tr.kind} options={findingKindKeys(t).map((k) => ({ value: k, label: t.supervision.findingKinds[k] }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={tr.description} rules={[{ ...required, whitespace: true, min: 2 }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="responsibleId" label={tr.responsible} extra={tr.responsibleHint} rules={[required]}>
            <DepartmentPersonSelect departmentId={departmentId} aria-label={tr.responsible} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="deadline" label={tr.deadline} rules={[required]}>
            <DatePicker style={{ width: '100%' }} aria-label={tr.deadline} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="files" label={tr.findingPhotos}>
        <FilesField photo />
      </Form.Item>
      {canCases && (
        <Form.Item name="caseId" label={tr.case}>
          <FindingCaseSelect />
        </Form.Item>
      )}
    </>
  );
}

export function FindingForm({ round, open, onClose }: { round: TRound; open: boolean; onClose: () => void }) {
  const t = useT();
  const { finding } = useRoundStep(round.id);
  const submit = ({ deadline, files, ...rest }: Record<string, unknown>) =>
    finding.mutateAsync({ ...rest, deadline: toIsoDate(deadline as Dayjs), attachmentIds: uploadedIds(files as UploadFile[] | undefined) });
  return (
    <FormModal
      open={open}
      title={t.supervision.round.addFinding}
      initialValues={{ departmentId: round.departmentIds.length === 1 ? round.departmentIds[0] : undefined }}
      onClose={onClose}
      onSubmit={submit}
      width={680}
      testId="finding-form"
      successText={t.supervision.round.findingAdded}
    >
      <Fields round={round} />
    </FormModal>
  );
}
