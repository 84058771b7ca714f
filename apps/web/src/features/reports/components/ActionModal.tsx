/**
 * A workflow step in a modal: a form, then (for irreversible steps) a confirmation naming what will
 * happen, then the call. Server field issues land beside their fields; anything else above the form.
 */
import { Alert, App, type ButtonProps, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { applyFormErrors } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';

// biome-ignore lint/suspicious/noExplicitAny: antd forms are untyped at this boundary
type Values = Record<string, any>;

interface Props<V extends Values> {
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: (values: V) => Promise<unknown>;
  /** A question to confirm before submitting (null: no confirmation for these values). */
  confirm?: (values: V) => { title: string; content?: ReactNode; danger?: boolean } | null;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  initialValues?: Partial<V>;
  okText?: string;
  successText?: string;
  danger?: boolean;
  width?: number;
  testId?: string;
}

export function ActionModal<V extends Values>(p: Props<V>) {
  const t = useT();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const ask = (q: { title: string; content?: ReactNode; danger?: boolean }) =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title: q.title,
        content: q.content,
        okText: t.common.ok,
        cancelText: t.common.cancel,
        okButtonProps: { danger: q.danger, 'data-testid': 'confirm-ok' } as ButtonProps,
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );

  const submit = async (values: V) => {
    setError(null);
    const q = p.confirm?.(values);
    if (q && !(await ask(q))) return;
    setBusy(true);
    try {
      await p.onSubmit(values);
      message.success(p.successText ?? t.common.saved);
      p.onClose();
    } catch (e) {
      setError(applyFormErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={p.open}
      title={p.title}
      width={p.width ?? 560}
      onCancel={p.onClose}
      onOk={() => form.submit()}
      okText={p.okText ?? t.common.ok}
      okButtonProps={{ danger: p.danger, 'data-testid': 'action-ok' } as ButtonProps}
      cancelText={t.common.cancel}
      confirmLoading={busy}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Form<V> form={form} layout="vertical" initialValues={p.initialValues} onFinish={submit} preserve={false} data-testid={p.testId}>
        {typeof p.children === 'function' ? p.children(form) : p.children}
      </Form>
    </Modal>
  );
}
