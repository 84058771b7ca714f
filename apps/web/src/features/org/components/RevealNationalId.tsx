/** Asks why, then shows one person's full national ID (the server audits the read with the reason). */
import { EyeOutlined } from '@ant-design/icons';
import type { TPerson } from '@qinglian/contracts';
import { Alert, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { applyFormErrors } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useRevealNationalId } from '../api.ts';

/** 查看完整号码: asks for a reason, then shows the number. */
export function RevealNationalId({ person }: { person: Pick<TPerson, 'id' | 'name' | 'nationalIdMasked'> }) {
  const t = useT();
  const tp = t.org.person;
  const [open, setOpen] = useState(false);
  const [full, setFull] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealNationalId();

  const close = () => {
    setOpen(false);
    setFull(null);
    setError(null);
  };
  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    try {
      const r = await reveal.mutateAsync({ personId: person.id, reason: reason.trim() });
      setFull(r.nationalId ?? t.common.none);
    } catch (e) {
      setError(applyFormErrors(form, e));
    }
  };

  return (
    <>
      <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-national-id">
        {tp.reveal}
      </Button>
      <Modal
        open={open}
        title={`${tp.revealTitle} · ${person.name}`}
        onCancel={close}
        destroyOnHidden
        footer={
          full
            ? [
                <Button key="close" type="primary" onClick={close}>
                  {t.common.close}
                </Button>,
              ]
            : [
                <Button key="cancel" onClick={close}>
                  {t.common.cancel}
                </Button>,
                <Button key="ok" type="primary" loading={reveal.isPending} onClick={() => form.submit()} data-testid="reveal-submit">
                  {tp.revealSubmit}
                </Button>,
              ]
        }
      >
        {full ? (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={tp.revealed}>
              <Typography.Text copyable strong data-testid="national-id-full" style={{ fontFamily: 'monospace', fontSize: 16 }}>
                {full}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <>
            <Alert type="warning" showIcon title={tp.revealWarning} style={{ marginBottom: 16 }} />
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Form form={form} layout="vertical" onFinish={submit}>
              <Form.Item
                name="reason"
                label={tp.revealReason}
                rules={[{ required: true, whitespace: true, min: 2, message: tp.revealReasonShort }]}
              >
                <Input.TextArea rows={3} maxLength={200} showCount placeholder={tp.revealReasonPlaceholder} autoFocus />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
    </>
  );
}
