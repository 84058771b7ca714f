/** New password + confirmation, with a generator whose result is shown so it can be handed over. */
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { generatePassword, passwordRules, sameAs } from '../../../lib/password.ts';

/** Password and confirmation fields with a generator. */
export function PasswordFields({ label }: { label: string }) {
  const t = useT();
  const ta = t.accounts;
  const form = Form.useFormInstance();
  const [generated, setGenerated] = useState<string | null>(null);
  const generate = () => {
    const p = generatePassword();
    form.setFieldsValue({ password: p, passwordConfirm: p });
    void form.validateFields(['password', 'passwordConfirm']);
    setGenerated(p);
  };
  return (
    <>
      <Form.Item
        name="password"
        label={label}
        rules={passwordRules(t)}
        extra={t.settings.passwordRule}
        style={{ marginBottom: 8 }}
      >
        <Input.Password autoComplete="new-password" onChange={() => setGenerated(null)} />
      </Form.Item>
      <Button size="small" onClick={generate} style={{ marginBottom: 16 }} data-testid="generate-password">
        {ta.generate}
      </Button>
      {generated && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          title={
            <Typography.Text copyable={{ text: generated }}>{ta.generated(generated)}</Typography.Text>
          }
        />
      )}
      <Form.Item
        name="passwordConfirm"
        label={ta.passwordConfirm}
        dependencies={['password']}
        rules={[{ required: true, message: t.common.required }, sameAs('password', t.settings.passwordMismatch)]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
