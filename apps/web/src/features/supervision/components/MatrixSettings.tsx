/** The institution's risk-level thresholds, editable by the discipline office. */
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { applyFormErrors } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { type RiskMatrixThresholds, useRiskMatrix, useSaveRiskMatrix } from '../api.ts';

/** A small form with the three thresholds (medium, high, critical) and a save button. */
export function MatrixSettings() {
  const t = useT();
  const tr = t.supervision.risk;
  const { message } = App.useApp();
  const { data } = useRiskMatrix(true);
  const save = useSaveRiskMatrix();
  const [form] = Form.useForm<RiskMatrixThresholds>();
  if (!data) return null;
  const submit = async (values: RiskMatrixThresholds) => {
    try {
      await save.mutateAsync(values);
      message.success(t.common.saved);
    } catch (e) {
      const rest = applyFormErrors(form, e);
      if (rest) message.error(rest);
    }
  };
  return (
    <Card size="small" title={tr.matrixSettings} data-testid="risk-matrix-settings" className="no-print">
      <Form<RiskMatrixThresholds> form={form} layout="inline" initialValues={data} onFinish={submit}>
        {(['medium', 'high', 'critical'] as const).map((l) => (
          <Form.Item key={l} name={l} label={t.supervision.levels[l]} rules={[{ required: true }]}>
            <InputNumber min={2} max={25} precision={0} style={{ width: 80 }} />
          </Form.Item>
        ))}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t.common.save}
          </Button>
        </Space>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {tr.matrixSettingsHint}
      </Typography.Paragraph>
    </Card>
  );
}
