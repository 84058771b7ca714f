/** The institution's risk matrix: the scale of each axis (3–10 steps) and the level thresholds, editable by the discipline office. */
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { applyFormErrors } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { type RiskMatrixConfig, useRiskMatrix, useSaveRiskMatrix } from '../api.ts';

/** A small form with the two scales and the three thresholds (medium, high, critical) and a save button. */
export function MatrixSettings() {
  const t = useT();
  const tr = t.supervision.risk;
  const tm = t.supervision.more.risk;
  const { message } = App.useApp();
  const { data } = useRiskMatrix(true);
  const save = useSaveRiskMatrix();
  const [form] = Form.useForm<RiskMatrixConfig>();
  const l = Form.useWatch('likelihoodLevels', form) ?? data?.likelihoodLevels ?? 5;
  const i = Form.useWatch('impactLevels', form) ?? data?.impactLevels ?? 5;
  if (!data) return null;
  const max = l * i;
  const submit = async (values: RiskMatrixConfig) => {
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
      <Form<RiskMatrixConfig> form={form} layout="inline" initialValues={data} onFinish={submit}>
        <Form.Item name="likelihoodLevels" label={tm.likelihoodLevels} rules={[{ required: true }]}>
          <InputNumber min={3} max={10} precision={0} style={{ width: 70 }} data-testid="matrix-likelihood-levels" />
        </Form.Item>
        <Form.Item name="impactLevels" label={tm.impactLevels} rules={[{ required: true }]}>
          <InputNumber min={3} max={10} precision={0} style={{ width: 70 }} data-testid="matrix-impact-levels" />
        </Form.Item>
        {(['medium', 'high', 'critical'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t.supervision.levels[k]} rules={[{ required: true }]}>
            <InputNumber min={2} max={max} precision={0} style={{ width: 70 }} />
          </Form.Item>
        ))}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t.common.save}
          </Button>
        </Space>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {tm.matrixSettingsHint(max)}
      </Typography.Paragraph>
    </Card>
  );
}
