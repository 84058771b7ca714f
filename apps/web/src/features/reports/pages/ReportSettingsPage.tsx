/** 举报设置: the hotline on posters and phone pages, handling deadlines, retention, clinician codes. */
import type { TReportSettings } from '@qinglian/contracts';
import { Alert, App, Button, Card, Form, Input, InputNumber, Skeleton, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { applyFormErrors } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useScope } from '../../../lib/scope.ts';
import { useMe } from '../../../lib/session.tsx';
import { InstitutionSelect } from '../../org/components/Pickers.tsx';
import { useReportSettings, useSaveReportSettings } from '../api.ts';

type Values = Omit<TReportSettings, 'institutionId'>;

export default function ReportSettingsPage() {
  const t = useT();
  const tr = t.reports;
  usePageTitle(tr.settingsTitle);
  const me = useMe();
  const regionUser = useScope() === 'region';
  const [institutionId, setInstitutionId] = useState<string | undefined>(me.institutionId ?? undefined);
  const { data, isLoading, error } = useReportSettings(institutionId);
  const save = useSaveReportSettings();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  const submit = async (v: Values) => {
    if (!institutionId) return;
    setFormError(null);
    try {
      await save.mutateAsync({ institutionId, values: { ...v, hotline: v.hotline?.trim() || null } });
      message.success(t.common.saved);
    } catch (e) {
      setFormError(applyFormErrors(form, e));
    }
  };

  return (
    <>
      <PageHeader title={tr.settingsTitle} subtitle={tr.settingsSubtitle} />
      {regionUser && (
        <div style={{ marginBottom: 16 }}>
          <InstitutionSelect aria-label={t.org.institutionFilter} value={institutionId} onChange={setInstitutionId} placeholder={tr.pickInstitution} data-testid="settings-institution" />
        </div>
      )}
      {error && <Alert type="error" showIcon title={error.message} />}
      {institutionId && isLoading && <Skeleton active />}
      {data && (
        <Card style={{ maxWidth: 640 }}>
          {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
          <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={data} data-testid="report-settings-form">
            <Form.Item name="hotline" label={tr.hotline} extra={tr.hotlineHint}>
              <Input maxLength={40} placeholder="0000-12345678" style={{ maxWidth: 280 }} />
            </Form.Item>
            <Form.Item name="acceptDays" label={tr.acceptDays} extra={tr.acceptDaysHint} rules={[{ required: true, message: t.common.required }]}>
              <InputNumber min={1} max={90} suffix={tr.days} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="concludeDays" label={tr.concludeDays} extra={tr.concludeDaysHint} rules={[{ required: true, message: t.common.required }]}>
              <InputNumber min={1} max={365} suffix={tr.days} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="feedbackDays" label={tr.feedbackDays} extra={tr.feedbackDaysHint} rules={[{ required: true, message: t.common.required }]}>
              <InputNumber min={1} max={90} suffix={tr.days} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="retentionDays" label={tr.retentionDays} extra={tr.retentionDaysHint} rules={[{ required: true, message: t.common.required }]}>
              <InputNumber min={365} max={36500} step={365} suffix={tr.days} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="clinicianCodes" label={tr.clinicianCodes} extra={tr.clinicianCodesSetting} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
              {t.common.save}
            </Button>
          </Form>
        </Card>
      )}
    </>
  );
}
