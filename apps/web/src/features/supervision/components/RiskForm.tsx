/** Create or edit a risk point: where it sits, the process, likelihood × impact with the resulting level. */
import type { TRiskPoint } from '@qinglian/contracts';
import { Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormModal } from '../../../components/FormModal.tsx';
import { nullify } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useScope } from '../../../lib/scope.ts';
import { useMe } from '../../../lib/session.tsx';
import { fromIsoDate, toIsoDate } from '../../../lib/time.ts';
import { DepartmentSelect } from '../../org/components/Pickers.tsx';
import { type RiskMatrixConfig, useRiskMatrix, useSaveRisk } from '../api.ts';
import { LevelTag, levelOfScore, processKeys } from '../labels.tsx';

/** 1…n as buttons; on the default five steps each is labelled with its word. */
function ScaleField({ name, label, steps }: { name: string; label: string; steps: number }) {
  const t = useT();
  const words = t.supervision.more.risk.scaleWords5;
  return (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t.common.required }]}>
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        aria-label={label}
        options={Array.from({ length: steps }, (_, i) => ({ value: i + 1, label: steps === 5 ? `${i + 1} ${words[i]}` : `${i + 1}` }))}
      />
    </Form.Item>
  );
}

/** Shows score and level as the selectors change, on the institution's thresholds. */
function LevelPreview({ matrix }: { matrix?: RiskMatrixConfig }) {
  const t = useT();
  const likelihood = Form.useWatch<number | undefined>('likelihood');
  const impact = Form.useWatch<number | undefined>('impact');
  if (!likelihood || !impact) return null;
  const score = likelihood * impact;
  return (
    <Space style={{ marginBottom: 16 }} data-testid="level-preview">
      <Typography.Text>{t.supervision.risk.scoreOf(likelihood, impact, score)}</Typography.Text>
      <LevelTag level={levelOfScore(score, matrix)} />
    </Space>
  );
}

export function RiskForm({ editing, onClose }: { editing: TRiskPoint | 'new' | null; onClose: () => void }) {
  const t = useT();
  const tr = t.supervision.risk;
  const me = useMe();
  const departmentScoped = useScope() === 'department';
  const save = useSaveRisk();
  const current = editing && editing !== 'new' ? editing : null;
  const institutionId = current?.institutionId ?? me.institutionId ?? undefined;
  const { data: matrix } = useRiskMatrix(editing !== null && !!institutionId, institutionId);
  const required = { required: true, message: t.common.required };
  const initial = current
    ? { ...current, reviewOn: fromIsoDate(current.reviewOn) }
    : { departmentId: departmentScoped ? me.departmentId : undefined, likelihood: 3, impact: 3, process: 'other' };
  const submit = ({ reviewOn, ...rest }: Record<string, unknown>) =>
    save.mutateAsync({ id: current?.id, values: nullify<Record<string, unknown>>({ ...rest, reviewOn: toIsoDate(reviewOn as Dayjs | null) }, ['departmentId', 'postName', 'reviewOn']) });
  return (
    <FormModal open={editing !== null} title={current ? tr.edit : tr.create} initialValues={initial} onClose={onClose} onSubmit={submit} width={680} testId="risk-form">
      <Form.Item name="title" label={tr.pointTitle} rules={[{ ...required, whitespace: true, min: 2 }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="departmentId" label={t.supervision.department} extra={departmentScoped ? undefined : tr.wholeHint}>
            <DepartmentSelect institutionId={current?.institutionId ?? me.institutionId} allowClear={!departmentScoped} disabled={departmentScoped} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="postName" label={tr.post}>
            <Input maxLength={100} placeholder={tr.postPlaceholder} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="process" label={tr.process} rules={[required]}>
        <Select options={processKeys(t).map((p) => ({ value: p, label: t.supervision.processes[p] }))} />
      </Form.Item>
      <Form.Item name="description" label={tr.description}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <ScaleField name="likelihood" label={tr.likelihood} steps={matrix?.likelihoodLevels ?? 5} />
      <ScaleField name="impact" label={tr.impact} steps={matrix?.impactLevels ?? 5} />
      <LevelPreview matrix={matrix} />
      <Form.Item name="reviewOn" label={tr.reviewOn} extra={tr.reviewHint}>
        <DatePicker style={{ width: 200 }} />
      </Form.Item>
    </FormModal>
  );
}
