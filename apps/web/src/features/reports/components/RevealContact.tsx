/** Asks why, then shows the reporter's sealed contact details (the server audits the read with the reason). */
import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { applyFormErrors } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useRevealContact } from '../api.ts';

export function RevealContact({ caseId }: { caseId: string }) {
  const t = useT();
  const tr = t.reports;
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<{ name: string | null; phone: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealContact(caseId);
  const close = () => {
    setOpen(false);
    setShown(null);
    setError(null);
  };
  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    try {
      setShown(await reveal.mutateAsync(reason.trim()));
    } catch (e) {
      setError(applyFormErrors(form, e));
    }
  };
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-contact" className="ql-no-print">
        {tr.revealContact}
      </Button>
      <Modal
        open={open}
        title={tr.revealContact}
        onCancel={close}
        destroyOnHidden
        footer={
          shown
            ? [
                <Button key="c" type="primary" onClick={close}>
                  {t.common.close}
                </Button>,
              ]
            : [
                <Button key="x" onClick={close}>
                  {t.common.cancel}
                </Button>,
                <Button key="ok" type="primary" loading={reveal.isPending} onClick={() => form.submit()} data-testid="reveal-contact-submit">
                  {tr.revealSubmit}
                </Button>,
              ]
        }
      >
        {shown ? (
          <Descriptions column={1} bordered size="small" data-testid="contact-shown">
            <Descriptions.Item label={tr.contactName}>{shown.name ?? t.common.none}</Descriptions.Item>
            <Descriptions.Item label={tr.contactPhone}>{shown.phone ?? t.common.none}</Descriptions.Item>
          </Descriptions>
        ) : (
          <>
            <Alert type="warning" showIcon title={tr.revealWarning} style={{ marginBottom: 16 }} />
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Form form={form} layout="vertical" onFinish={submit}>
              <Form.Item name="reason" label={tr.revealReason} rules={[{ required: true, whitespace: true, min: 2, message: tr.reasonRequired }]}>
                <Input.TextArea rows={3} maxLength={200} showCount autoFocus />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </>
  );
}
