/**
 * 登记来件: a report that came by hotline, letter, visit, suggestion box or referral enters the same
 * case list. The receipt comes back once: the officer passes it on so the reporter can follow up.
 */
import type { TChannel, TReportCategory } from '@qinglian/contracts';
import { Alert, Button, DatePicker, Form, Input, Modal, Radio, Select, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { FormModal } from '../../../components/FormModal.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { nowInChina } from '../../../lib/time.ts';
import { InstitutionField } from '../../org/components/InstitutionField.tsx';
import { DepartmentSelect } from '../../org/components/Pickers.tsx';
import { useCreateCase } from '../api.ts';
import { categoryOptions } from '../labels.ts';
import { SubjectSelect } from './SubjectSelect.tsx';

const CHANNELS: Exclude<TChannel, 'integrity_code' | 'screening' | 'inspection'>[] = ['hotline', 'letter', 'visit', 'suggestion_box', 'referral'];

interface Values {
  institutionId?: string;
  channel: TChannel;
  category: TReportCategory;
  receivedOn?: dayjs.Dayjs;
  departmentId?: string;
  subjectIds?: string[];
  text: string;
  anonymous: boolean;
  contactName?: string;
  contactPhone?: string;
}

export function CaseCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const tr = t.reports;
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateCase();
  const [created, setCreated] = useState<{ id: string; number: string; receipt: string | null } | null>(null);

  const submit = async (v: Values) => {
    const r = await create.mutateAsync({
      institutionId: v.institutionId ?? me.institutionId ?? undefined,
      channel: v.channel,
      category: v.category,
      // Today means now; an earlier date (a letter opened late) starts the deadline from that day.
      receivedOn: v.receivedOn && !v.receivedOn.isSame(nowInChina(), 'day') ? v.receivedOn.format('YYYY-MM-DD') : undefined,
      departmentId: v.departmentId ?? null,
      subjectIds: v.subjectIds ?? [],
      text: v.text.trim(),
      anonymous: v.anonymous,
      contactName: v.anonymous ? null : v.contactName?.trim() || null,
      contactPhone: v.anonymous ? null : v.contactPhone?.trim() || null,
    });
    setCreated(r);
  };

  return (
    <>
      <FormModal<Values>
        open={open}
        title={tr.createTitle}
        onClose={onClose}
        onSubmit={submit}
        successText={null}
        okText={tr.createSubmit}
        width={640}
        testId="case-create-form"
        initialValues={{ channel: 'hotline', anonymous: true, institutionId: me.institutionId ?? undefined, receivedOn: nowInChina() }}
      >
        {(form) => (
          <>
            <InstitutionField onChange={() => form.setFieldsValue({ departmentId: undefined, subjectIds: [] })} />
            <Form.Item name="channel" label={tr.channel} rules={[{ required: true, message: t.common.required }]}>
              <Radio.Group optionType="button" options={CHANNELS.map((c) => ({ value: c, label: tr.channels[c] }))} />
            </Form.Item>
            <Form.Item name="category" label={tr.category} rules={[{ required: true, message: t.common.required }]}>
              <Select options={categoryOptions(t)} placeholder={t.common.select} data-testid="create-category" />
            </Form.Item>
            <Form.Item name="receivedOn" label={tr.receivedOn}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs())} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.institutionId !== b.institutionId}>
              {({ getFieldValue }) => {
                const inst = getFieldValue('institutionId') as string | undefined;
                return (
                  <>
                    <Form.Item name="departmentId" label={tr.department}>
                      <DepartmentSelect institutionId={inst} allowClear />
                    </Form.Item>
                    <Form.Item name="subjectIds" label={tr.subjects} extra={tr.subjectsLeaderHint}>
                      <SubjectSelect institutionId={inst} />
                    </Form.Item>
                  </>
                );
              }}
            </Form.Item>
            <Form.Item name="text" label={tr.text} rules={[{ required: true, whitespace: true, min: 5, message: tr.textMin }]}>
              <Input.TextArea rows={5} maxLength={4000} showCount data-testid="create-text" />
            </Form.Item>
            <Form.Item name="anonymous" label={tr.anonymous} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.anonymous !== b.anonymous}>
              {({ getFieldValue }) =>
                !getFieldValue('anonymous') && (
                  <>
                    <Form.Item name="contactName" label={tr.contactName}>
                      <Input maxLength={50} />
                    </Form.Item>
                    <Form.Item name="contactPhone" label={tr.contactPhone} extra={tr.contactSealed}>
                      <Input maxLength={40} />
                    </Form.Item>
                  </>
                )
              }
            </Form.Item>
          </>
        )}
      </FormModal>
      <Modal
        open={!!created}
        title={tr.createdTitle}
        closable={false}
        mask={{ closable: false }}
        footer={[
          <Button key="close" onClick={() => setCreated(null)}>
            {t.common.close}
          </Button>,
          <Button
            key="open"
            type="primary"
            onClick={() => {
              const id = created?.id;
              setCreated(null);
              if (id) navigate(`/cases/${id}`);
            }}
          >
            {tr.openCase}
          </Button>,
        ]}
      >
        {created && (
          <>
            <p>
              {tr.number}：<Typography.Text strong>{created.number}</Typography.Text>
            </p>
            {created.receipt && (
              <>
                <p style={{ marginBottom: 4 }}>{tr.receiptForReporter}</p>
                <Typography.Paragraph copyable={{ text: created.receipt }} style={{ fontFamily: 'monospace', fontSize: 18 }} data-testid="created-receipt">
                  {created.receipt}
                </Typography.Paragraph>
                <Alert type="warning" showIcon title={tr.receiptOnce} />
              </>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
