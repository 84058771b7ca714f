/** Change one's own password (current + new twice). */
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { applyFormErrors } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { passwordRules, sameAs } from '../../../lib/password.ts';
import { useChangePassword } from '../api.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The change-password card of the settings page. */
export function PasswordCard({ required }: { required: boolean }) {
  const t = useT();
  const ts = t.settings;
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const change = useChangePassword();
  const submit = async (v: Values) => {
    setError(null);
    try {
      await change.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      form.resetFields();
      message.success(ts.passwordChanged);
    } catch (e) {
      setError(applyFormErrors(form, e));
    }
  };
  return (
    <Card title={ts.password} id="password" data-testid="settings-password">
      {required && <Alert type="warning" showIcon title={ts.mustChangePassword} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
        <Form.Item name="currentPassword" label={ts.currentPassword} rules={[{ required: true, message: t.common.required }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={ts.newPassword} rules={passwordRules(t)} extra={ts.passwordRule}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={ts.confirmPassword}
          dependencies={['newPassword']}
          rules={[{ required: true, message: t.common.required }, sameAs('newPassword', ts.passwordMismatch)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {ts.password}
        </Button>
      </Form>
    </Card>
  );
}
