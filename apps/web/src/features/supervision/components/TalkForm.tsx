/**
 * Record a talk: subject, kind, the reason (a finding, a case, an assessment or free text), talkers,
 * date, record and follow-up. Opened empty from the talks list, or pre-filled from a rectification or
 * the assessment ranking.
 */
import type { TCaseSummary, TPage, TTalk } from '@qinglian/contracts';
import { useQuery } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { FormModal } from '../../../components/FormModal.tsx';
import { api } from '../../../lib/api.ts';
import { nullify } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useCan, useMe } from '../../../lib/session.tsx';
import { fromIsoDate, nowInChina, toIsoDate } from '../../../lib/time.ts';
import { useCreateTalk, useRectifications, useUpdateTalk } from '../api.ts';
import { talkKindKeys } from '../labels.tsx';
import { PeoplePicker, PersonPicker } from './Pickers.tsx';

/** What a caller may fill in before the dialog opens. */
export interface TalkPrefill {
  subject?: { id: string; name: string };
  kind?: TTalk['kind'];
  reasonKind?: TTalk['reasonKind'];
  reasonRef?: string;
  reason?: string;
}

function FindingSelect(props: { value?: string; onChange?: (v: string, label: string, responsible: { id: string; name: string }) => void }) {
  const t = useT();
  const { data, isLoading } = useRectifications({ pageSize: 100 });
  const options = (data?.items ?? []).map((r) => ({ value: r.id, label: t.common.withNote(r.description, r.departmentName), r }));
  return (
    <Select
      aria-label={t.supervision.talk.finding}
      loading={isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      value={props.value}
      options={options}
      onChange={(v, o) => {
        const r = (o as (typeof options)[number]).r;
        props.onChange?.(v, t.supervision.rect.talkReason(r.roundTitle, r.description), { id: r.responsibleId, name: r.responsibleName });
      }}
    />
  );
}

function CaseSelect({ value, onChange, initial }: { value?: string; onChange?: (v: string) => void; initial?: { value: string; label: string } }) {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['supervision', 'cases', q],
    queryFn: ({ signal }) => api.get<TPage<TCaseSummary>>('/api/reports/cases', { q: q || undefined, pageSize: 20 }, signal),
  });
  return (
    <Select
      aria-label={t.supervision.talk.case}
      placeholder={t.supervision.talk.caseHint}
      loading={isFetching}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      options={[
        // The case the dialog was opened from, until a search lists it.
        ...(initial && !data?.items.some((c) => c.id === initial.value) ? [initial] : []),
        ...(data?.items ?? []).map((c) => ({ value: c.id, label: `${c.number} ${c.summary.slice(0, 30)}` })),
      ]}
      data-testid="talk-case"
    />
  );
}

function Fields({ prefill, talkers }: { prefill?: TalkPrefill; talkers?: { id: string; name: string }[] }) {
  const t = useT();
  const tt = t.supervision.talk;
  const me = useMe();
  const can = useCan();
  const form = Form.useFormInstance();
  const reasonKind = Form.useWatch<TTalk['reasonKind']>('reasonKind', form);
  const [subject, setSubject] = useState(prefill?.subject ?? null);
  const required = { required: true, message: t.common.required };
  const reasonKinds = (['finding', 'case', 'assessment', 'free'] as const).filter((k) => k !== 'case' || can('case.read'));
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="subjectId" label={tt.subject} rules={[required]}>
            <PersonPicker institutionId={me.institutionId} initial={subject} aria-label={tt.subject} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="talkedOn" label={tt.talkedOn} rules={[required]}>
            <DatePicker style={{ width: '100%' }} aria-label={tt.talkedOn} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="kind" label={tt.kind} rules={[required]}>
        <Radio.Group optionType="button" options={talkKindKeys(t).map((k) => ({ value: k, label: t.supervision.talkKinds[k] }))} />
      </Form.Item>
      <Form.Item name="reasonKind" label={tt.reasonKind} rules={[required]}>
        <Radio.Group options={reasonKinds.map((k) => ({ value: k, label: t.supervision.reasonKinds[k] }))} onChange={() => form.setFieldsValue({ reasonRef: undefined })} />
      </Form.Item>
      {reasonKind === 'finding' && (
        <Form.Item name="reasonRef" label={tt.finding} rules={[required]}>
          <FindingSelect
            onChange={(v, label, responsible) => {
              form.setFieldsValue({ reasonRef: v });
              if (!form.getFieldValue('reason')) form.setFieldsValue({ reason: label });
              if (!form.getFieldValue('subjectId')) {
                setSubject(responsible);
                form.setFieldsValue({ subjectId: responsible.id });
              }
            }}
          />
        </Form.Item>
      )}
      {reasonKind === 'case' && (
        <Form.Item name="reasonRef" label={tt.case} rules={[required]}>
          <CaseSelect initial={prefill?.reasonKind === 'case' && prefill.reasonRef ? { value: prefill.reasonRef, label: prefill.reason ?? prefill.reasonRef } : undefined} />
        </Form.Item>
      )}
      <Form.Item name="reason" label={tt.reason} rules={[{ ...required, whitespace: true, min: 2 }]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item name="talkerIds" label={tt.talkers} rules={[{ ...required, type: 'array', min: 1 }]}>
        <PeoplePicker institutionId={me.institutionId} maxCount={5} aria-label={tt.talkers} initial={talkers ?? (me.personId ? [{ id: me.personId, name: me.displayName }] : [])} />
      </Form.Item>
      <Form.Item name="record" label={tt.record}>
        <Input.TextArea rows={5} maxLength={8000} placeholder={tt.recordPlaceholder} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={16}>
          <Form.Item name="followUp" label={tt.followUp}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="followUpDue" label={tt.followUpDue}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** Records a new talk, or edits one (`editing`). */
export function TalkForm({ open, prefill, editing, onClose }: { open: boolean; prefill?: TalkPrefill; editing?: TTalk; onClose: () => void }) {
  const t = useT();
  const me = useMe();
  const create = useCreateTalk();
  const update = useUpdateTalk();
  const initial = editing
    ? {
        kind: editing.kind,
        reasonKind: editing.reasonKind,
        reasonRef: editing.reasonRef ?? undefined,
        reason: editing.reason,
        subjectId: editing.subjectId,
        talkerIds: editing.talkerIds,
        talkedOn: fromIsoDate(editing.talkedOn),
        record: editing.record,
        followUp: editing.followUp,
        followUpDue: fromIsoDate(editing.followUpDue),
      }
    : {
        kind: prefill?.kind ?? 'reminder',
        reasonKind: prefill?.reasonKind ?? 'free',
        reasonRef: prefill?.reasonRef,
        reason: prefill?.reason,
        subjectId: prefill?.subject?.id,
        talkerIds: me.personId && me.personId !== prefill?.subject?.id ? [me.personId] : [],
        talkedOn: nowInChina(),
      };
  const submit = ({ talkedOn, followUpDue, ...rest }: Record<string, unknown>) => {
    const values = nullify<Record<string, unknown>>(
      { ...rest, record: rest.record ?? '', followUp: rest.followUp ?? '', talkedOn: toIsoDate(talkedOn as Dayjs), followUpDue: toIsoDate(followUpDue as Dayjs | null) },
      ['reasonRef', 'followUpDue'],
    );
    return editing ? update.mutateAsync({ id: editing.id, values }) : create.mutateAsync(values);
  };
  const tt = t.supervision.talk;
  return (
    <FormModal
      open={open}
      title={editing ? t.supervision.more.talk.edit : tt.create}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
      width={720}
      testId="talk-form"
      successText={editing ? t.supervision.more.talk.saved : tt.created}
    >
      <Fields
        prefill={editing ? { subject: { id: editing.subjectId, name: editing.subjectName }, reasonKind: editing.reasonKind, reasonRef: editing.reasonRef ?? undefined, reason: editing.reason } : prefill}
        talkers={editing ? editing.talkerIds.map((id, i) => ({ id, name: editing.talkerNames[i] ?? '' })) : undefined}
      />
    </FormModal>
  );
}
