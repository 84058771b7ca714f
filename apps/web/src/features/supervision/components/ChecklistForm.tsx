/**
 * A department's checklist, filled in on a phone during the visit: yes / no / not applicable per item,
 * an optional custom score, a note and photos. After submit it shows the score the server computed.
 */
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Radio, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { applyFormErrors } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { useRoundStep } from '../api.ts';
import type { Answer, ScoredResult, Section } from '../types.ts';
import { FilesField, uploadedIds } from './Attachments.tsx';
import type { UploadFile } from 'antd';

type ItemValues = { answer?: Answer['answer']; score?: number | null; note?: string; photos?: UploadFile[] };
type Values = { answers: Record<string, ItemValues> };

/** Total and per-section score with pass / fail. */
export function ScoreSummary({ result }: { result: ScoredResult }) {
  const t = useT();
  const tr = t.supervision.round;
  return (
    <Space wrap size={[6, 6]} data-testid="score-summary">
      <Tag color={result.passed ? 'green' : 'red'} style={{ fontSize: 14, padding: '2px 8px' }}>
        {tr.totalScore(result.score)} · {result.passed ? tr.pass : tr.fail}
      </Tag>
      {result.sections.map((s) => (
        <Tag key={s.title} color={s.passed ? 'success' : 'error'} data-testid="section-score">
          {s.title} {s.score} · {s.passed ? tr.pass : tr.fail}
        </Tag>
      ))}
    </Space>
  );
}

export function ChecklistForm({ roundId, departmentId, departmentName, sections, disabled }: { roundId: string; departmentId: string; departmentName: string; sections: Section[]; disabled?: boolean }) {
  const t = useT();
  const tr = t.supervision.round;
  const { message } = App.useApp();
  const { result: submitResult } = useRoundStep(roundId);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ScoredResult | null>(null);

  const submit = async (v: Values) => {
    setError(null);
    const answers = sections.flatMap((s) =>
      s.items.map((item) => {
        const a = v.answers[item.id] ?? {};
        return { itemId: item.id, answer: a.answer!, score: a.score ?? undefined, note: a.note?.trim() || undefined, photoIds: uploadedIds(a.photos) };
      }),
    );
    try {
      const r = await submitResult.mutateAsync({ departmentId, answers });
      setResult(r);
      message.success(tr.submitted);
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } catch (e) {
      setError(applyFormErrors(form, e));
    }
  };

  if (result)
    return (
      <Result
        status={result.passed ? 'success' : 'warning'}
        title={tr.resultFor(departmentName)}
        subTitle={<ScoreSummary result={result} />}
        extra={<Button onClick={() => setResult(null)}>{tr.fillAgain}</Button>}
        data-testid="checklist-result"
      />
    );

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={disabled} scrollToFirstError className="ql-checklist" data-testid="checklist-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
      {sections.map((s, si) => (
        <Card key={s.title + String(si)} size="small" title={`${si + 1}. ${s.title}`} extra={<Tag>{t.supervision.template.passMarkOf(s.passMark)}</Tag>} style={{ marginBottom: 12 }}>
          {s.items.map((item, ii) => (
            <div key={item.id} className="ql-checklist-item" data-testid="checklist-item">
              <Typography.Text strong>
                {ii + 1}. {item.text}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                {tr.weightOf(item.weight)}
              </Typography.Text>
              <Form.Item name={['answers', item.id, 'answer']} rules={[{ required: true, message: tr.answerRequired }]} style={{ margin: '6px 0' }}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  size="large"
                  className="ql-answer"
                  aria-label={item.text}
                  options={(['yes', 'no', 'na'] as const).map((a) => ({ value: a, label: t.supervision.answers[a] }))}
                />
              </Form.Item>
              <Flex gap={8} wrap>
                <Form.Item name={['answers', item.id, 'score']} style={{ marginBottom: 6 }}>
                  <InputNumber min={0} max={100} placeholder={tr.customScore} aria-label={tr.customScore} style={{ width: 120 }} />
                </Form.Item>
                <Form.Item name={['answers', item.id, 'note']} style={{ marginBottom: 6, flex: 1, minWidth: 160 }}>
                  <Input placeholder={tr.note} aria-label={tr.note} maxLength={500} />
                </Form.Item>
              </Flex>
              <Form.Item name={['answers', item.id, 'photos']} style={{ marginBottom: 4 }}>
                <FilesField photo />
              </Form.Item>
            </div>
          ))}
        </Card>
      ))}
      <Button type="primary" htmlType="submit" size="large" block loading={submitResult.isPending} data-testid="checklist-submit">
        {tr.submitChecklist}
      </Button>
    </Form>
  );
}
