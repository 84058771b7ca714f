/**
 * A form in a modal: submits through `onSubmit`, puts the server's field issues beside their fields,
 * and shows anything else above the form. Closing discards the form.
 */
import { Alert, App, Form, type FormInstance, Modal } from 'antd';
import { type MutableRefObject, type ReactNode, useRef, useState } from 'react';
import { applyFormErrors } from '../lib/forms.ts';
import { useT } from '../lib/i18n/index.tsx';

// biome-ignore lint/suspicious/noExplicitAny: antd forms are untyped at this boundary
type Values = Record<string, any>;

interface Props<V extends Values> {
  open: boolean;
  title: string;
  initialValues?: Partial<V>;
  onClose: () => void;
  /** Resolves on success (the modal then closes); throws ApiError to show problems. */
  onSubmit: (values: V) => Promise<unknown>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  okText?: string;
  successText?: string | null;
  width?: number;
  testId?: string;
}

/** A modal form bound to one submit call, with server errors mapped onto fields. */
export function FormModal<V extends Values>(props: Props<V>) {
  const { open, title, initialValues, onClose, onSubmit, children, okText, successText, width, testId } = props;
  const t = useT();
  const { message } = App.useApp();
  const formRef = useRef<FormInstance<V> | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Every opening gets a fresh form instance: a shared one lets values left by the create dialog
  // override the record an edit dialog opens with.
  const [generation, setGeneration] = useState(0);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setGeneration((g) => g + 1);
  }

  const submit = async (values: V) => {
    setSaving(true);
    setError(null);
    try {
      await onSubmit(values);
      if (successText !== null) message.success(successText ?? t.common.saved);
      onClose();
    } catch (e) {
      if (formRef.current) setError(applyFormErrors(formRef.current, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width ?? 560}
      onCancel={onClose}
      onOk={() => formRef.current?.submit()}
      okText={okText ?? t.common.save}
      cancelText={t.common.cancel}
      confirmLoading={saving}
      destroyOnHidden
      mask={{ closable: false }}
      afterOpenChange={(o) => !o && setError(null)}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <FormBody<V> key={generation} formRef={formRef} initialValues={initialValues} onFinish={submit} testId={testId}>
        {children}
      </FormBody>
    </Modal>
  );
}

function FormBody<V extends Values>(props: {
  formRef: MutableRefObject<FormInstance<V> | null>;
  initialValues?: Partial<V>;
  onFinish: (values: V) => void;
  testId?: string;
  children: Props<V>['children'];
}) {
  const [form] = Form.useForm<V>();
  props.formRef.current = form;
  return (
    <Form<V> form={form} layout="vertical" initialValues={props.initialValues} onFinish={props.onFinish} preserve={false} scrollToFirstError data-testid={props.testId}>
      {typeof props.children === 'function' ? props.children(form) : props.children}
    </Form>
  );
}
