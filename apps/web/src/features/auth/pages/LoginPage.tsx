/** Sign-in: user name and password, then the authenticator code when the account has one. */
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import type { TLoginInput } from '@qinglian/contracts';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { LanguageSwitch } from '../../../components/LanguageSwitch.tsx';
import { ApiError } from '../../../lib/api.ts';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { clearSessionExpired, sessionExpired, useMeQuery } from '../../../lib/session.tsx';
import { useLogin } from '../api.ts';

type Credentials = { username: string; password: string };

/** The login page. */
export default function LoginPage() {
  const t = useT();
  usePageTitle(t.login.title);
  const me = useMeQuery();
  const location = useLocation();
  const login = useLogin();
  const [creds, setCreds] = useState<Credentials | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [expired] = useState(sessionExpired);
  useEffect(clearSessionExpired, []);
  const [totpForm] = Form.useForm<{ totp: string }>();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (me.data) return <Navigate to={from.startsWith('/login') ? '/' : from} replace />;

  const submit = async (input: TLoginInput) => {
    setError(null);
    try {
      await login.mutateAsync(input);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'totp_required') {
        setCreds({ username: input.username, password: input.password });
        return;
      }
      if (input.totp) totpForm.resetFields();
      setError(errorMessage(e));
    }
  };

  return (
    <div className="ql-login">
      <div className="ql-login-top">
        <LanguageSwitch />
      </div>
      {/* Plain markup rather than antd Card/Typography: they pull in Tabs, Menu and Tooltip (~50 KB gzipped). */}
      <div className="ql-login-panel">
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <span className="ql-logo-mark" style={{ width: 44, height: 44, fontSize: 24 }}>
            廉
          </span>
          <h1 className="ql-login-title">{t.app.name}</h1>
          <div className="ql-muted">{t.app.tagline}</div>
        </div>
        {expired && !error && <Alert type="info" showIcon title={t.login.expired} style={{ marginBottom: 16 }} data-testid="session-expired" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" role="alert" />}
        {!creds ? (
          <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
            <Form.Item name="username" label={t.login.username} rules={[{ required: true, whitespace: true, message: t.login.usernameRequired }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t.login.password} rules={[{ required: true, message: t.login.passwordRequired }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
              {t.login.submit}
            </Button>
          </Form>
        ) : (
          <Form
            form={totpForm}
            layout="vertical"
            requiredMark={false}
            onFinish={(v) => submit({ ...creds, totp: v.totp })}
            data-testid="totp-form"
          >
            <h2 className="ql-login-subtitle">
              <SafetyCertificateOutlined /> {t.login.totpTitle}
            </h2>
            <p className="ql-muted">{t.login.totpHint}</p>
            <Form.Item
              name="totp"
              label={t.login.totpCode}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t.login.totpCodeRequired }]}
            >
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                size="large"
                style={{ letterSpacing: 8, textAlign: 'center' }}
                data-testid="totp-input"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="totp-submit">
              {t.login.verify}
            </Button>
            <Button
              type="link"
              block
              onClick={() => {
                setCreds(null);
                setError(null);
              }}
            >
              {t.login.backToPassword}
            </Button>
          </Form>
        )}
      </div>
      <div className="ql-muted" style={{ marginTop: 24, fontSize: 12 }}>
        {t.app.footer}
      </div>
    </div>
  );
}
