/** The two hands of a rectification: the department submits evidence, the office accepts or sends it back. */
import type { TRectification } from '@qinglian/contracts';
import { Alert, App, Button, Card, Flex, Form, Input, type UploadFile } from 'antd';
import { useState } from 'react';
import { applyFormErrors } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useRectificationStep } from '../api.ts';
import { FilesField, uploadedIds } from './Attachments.tsx';

export function EvidenceCard({ r }: { r: TRectification }) {
  const t = useT();
  const tr = t.supervision.rect;
  const { message } = App.useApp();
  const { submit } = useRectificationStep(r.id);
  const [form] = Form.useForm<{ evidence: string; files?: UploadFile[] }>();
  const [error, setError] = useState<string | null>(null);
  const run = async (v: { evidence: string; files?: UploadFile[] }) => {
    setError(null);
    try {
      await submit.mutateAsync({ evidence: v.evidence, attachmentIds: uploadedIds(v.files) });
      message.success(tr.submitted);
      form.resetFields();
    } catch (e) {
      setError(applyFormErrors(form, e));
    }
  };
  return (
    <Card size="small" title={tr.submitTitle} style={{ marginBottom: 16 }} data-testid="evidence-card">
      {r.status === 'returned' && r.verificationNote && <Alert type="warning" showIcon title={tr.returnedWith(r.verificationNote)} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
      <Form form={form} layout="vertical" onFinish={run} initialValues={{ evidence: r.status === 'returned' ? (r.evidence ?? '') : '' }}>
        <Form.Item name="evidence" label={tr.evidence} rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]}>
          <Input.TextArea rows={4} maxLength={2000} placeholder={tr.evidencePlaceholder} />
        </Form.Item>
        <Form.Item name="files" label={tr.evidenceFiles}>
          <FilesField testId="evidence-upload" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="evidence-submit">
          {tr.submit}
        </Button>
      </Form>
    </Card>
  );
}

export function VerifyCard({ r }: { r: TRectification }) {
  const t = useT();
  const tr = t.supervision.rect;
  const { message } = App.useApp();
  const { verify } = useRectificationStep(r.id);
  const [form] = Form.useForm<{ note: string }>();
  const [error, setError] = useState<string | null>(null);
  const { modal } = App.useApp();
  const run = async (accepted: boolean) => {
    setError(null);
    let note: string;
    try {
      note = (await form.validateFields()).note;
    } catch {
      // A failed validateFields() already marks the field.
      return;
    }
    // Accepting closes the order; sending back reopens it: both are confirmed first.
    const ok = await modal.confirm({
      title: accepted ? tr.confirmAccept : tr.confirmSendBack,
      content: accepted ? tr.confirmAcceptBody : tr.confirmSendBackBody,
      okText: accepted ? tr.accept : tr.sendBack,
      okButtonProps: { danger: !accepted },
    });
    if (!ok) return;
    try {
      await verify.mutateAsync({ accepted, note });
      message.success(accepted ? tr.accepted : tr.returned);
    } catch (e) {
      setError(applyFormErrors(form, e));
    }
  };
  return (
    <Card size="small" title={tr.verifyTitle} style={{ marginBottom: 16 }} data-testid="verify-card">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={tr.verifyNote} rules={[{ required: true, whitespace: true, min: 2, message: tr.noteRequired }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" loading={verify.isPending} onClick={() => run(true)} data-testid="verify-accept">
            {tr.accept}
          </Button>
          <Button danger loading={verify.isPending} onClick={() => run(false)} data-testid="verify-return">
            {tr.sendBack}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
