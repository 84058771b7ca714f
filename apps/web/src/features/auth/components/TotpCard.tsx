/** Bind an authenticator (QR code, then one code to confirm) or turn the second factor off. */
import { Alert, App, Button, Card, Flex, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { applyFormErrors, errorMessage } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useMe } from '../../../lib/session.tsx';
import { useTotpConfirm, useTotpDisable, useTotpSetup } from '../api.ts';

/** The second-factor card of the settings page. */
export function TotpCard({ onEnabled }: { onEnabled?: () => void }) {
  const t = useT();
  const ts = t.settings;
  const me = useMe();
  const { message } = App.useApp();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const disable = useTotpDisable();
  const [codeForm] = Form.useForm<{ code: string }>();
  const [pwForm] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setError(null);
    try {
      await setup.mutateAsync();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const confirmCode = async ({ code }: { code: string }) => {
    setError(null);
    try {
      await confirm.mutateAsync(code.trim());
      setup.reset();
      codeForm.resetFields();
      message.success(ts.totpEnabled);
      onEnabled?.();
    } catch (e) {
      setError(applyFormErrors(codeForm, e));
    }
  };
  const turnOff = async () => {
    setError(null);
    try {
      const { password } = await pwForm.validateFields();
      await disable.mutateAsync(password);
      pwForm.resetFields();
      message.success(ts.totpDisabled);
    } catch (e) {
      if (e && typeof e === 'object' && 'errorFields' in e) return;
      setError(applyFormErrors(pwForm, e));
    }
  };

  return (
    <Card
      title={ts.totp}
      id="totp"
      data-testid="settings-totp"
      extra={me.totpEnabled ? <Tag color="green">{t.accounts.totpOn}</Tag> : <Tag>{t.accounts.totpOff}</Tag>}
    >
      {me.totpRequired && <Alert type="warning" showIcon title={ts.totpRequired} style={{ marginBottom: 16 }} data-testid="totp-required" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {me.totpEnabled ? (
        <>
          <Typography.Paragraph>{ts.totpOn}</Typography.Paragraph>
          <Form form={pwForm} layout="vertical" style={{ maxWidth: 420 }}>
            <Form.Item name="password" label={ts.totpDisablePassword} rules={[{ required: true, message: t.common.required }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Popconfirm title={ts.totpDisableConfirm} okText={t.common.ok} cancelText={t.common.cancel} okButtonProps={{ danger: true }} onConfirm={turnOff}>
              <Button danger loading={disable.isPending} data-testid="totp-disable">
                {ts.totpDisable}
              </Button>
            </Popconfirm>
          </Form>
        </>
      ) : setup.data ? (
        <Flex gap={32} wrap>
          <div>
            <Typography.Paragraph>{ts.totpScan}</Typography.Paragraph>
            <img src={setup.data.qrDataUrl} alt="TOTP QR" width={200} height={200} data-testid="totp-qr" style={{ border: '1px solid #eee' }} />
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {t.common.labelled(ts.totpSecret, '')}
              <Typography.Text code copyable data-testid="totp-secret">
                {setup.data.secret}
              </Typography.Text>
            </Typography.Paragraph>
          </div>
          <div style={{ minWidth: 260 }}>
            <Typography.Paragraph>{ts.totpEnter}</Typography.Paragraph>
            <Form form={codeForm} layout="vertical" onFinish={confirmCode}>
              <Form.Item
                name="code"
                label={t.login.totpCode}
                rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t.login.totpCodeRequired }]}
              >
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ letterSpacing: 6, width: 180 }} data-testid="totp-code" />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="totp-confirm">
                  {ts.totpConfirm}
                </Button>
                <Button onClick={() => setup.reset()}>{t.common.cancel}</Button>
              </Space>
            </Form>
          </div>
        </Flex>
      ) : (
        <>
          <Typography.Paragraph>{ts.totpOff}</Typography.Paragraph>
          <Button type="primary" onClick={start} loading={setup.isPending} data-testid="totp-start">
            {ts.totpStart}
          </Button>
        </>
      )}
    </Card>
  );
}
