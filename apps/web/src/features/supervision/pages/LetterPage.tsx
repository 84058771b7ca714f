/**
 * 监察建议书: the supervision suggestion letter for one order, laid out for A4 portrait paper. Reading it
 * never numbers it: the office edits the draft's suggestions, then issues it (confirmed), which assigns
 * the number; the addressed department's head reads the issued letter.
 */
import { ArrowLeftOutlined, EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Modal, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { applyFormErrors, errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan } from '../../../lib/session.tsx';
import { useLetter, useLetterStep } from '../api.ts';
import '../supervision.css';

export default function LetterPage() {
  const t = useT();
  const tl = t.supervision.letter;
  const { id } = useParams();
  const can = useCan();
  const { modal, message } = App.useApp();
  const { data: l, isLoading, error } = useLetter(id);
  const step = useLetterStep(id ?? '');
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ suggestions: string }>();
  const [formError, setFormError] = useState<string | null>(null);
  usePageTitle(l?.number ? `${tl.title} ${l.number}` : tl.title);
  const office = can('inspection.manage');

  const issue = async () => {
    const ok = await modal.confirm({ title: tl.issueConfirm, content: tl.issueConfirmBody, okText: tl.issue });
    if (!ok) return;
    try {
      const issued = await step.issue.mutateAsync();
      message.success(tl.issuedOk(issued.number ?? ''));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const save = async () => {
    setFormError(null);
    let values: { suggestions: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await step.edit.mutateAsync(values);
      message.success(tl.saved);
      setEditing(false);
    } catch (e) {
      setFormError(applyFormErrors(form, e));
    }
  };

  const toolbar = (
    <Flex gap={8} wrap className="ql-no-print" style={{ marginBottom: 16 }}>
      <Link to={`/supervision/rectifications/${id}`}>
        <Button icon={<ArrowLeftOutlined />}>{tl.back}</Button>
      </Link>
      {l && !l.issued && office && (
        <>
          <Button
            icon={<EditOutlined />}
            onClick={() => {
              form.setFieldsValue({ suggestions: l.suggestions });
              setEditing(true);
            }}
            data-testid="letter-edit"
          >
            {tl.edit}
          </Button>
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={step.issue.isPending} onClick={issue} data-testid="letter-issue">
            {tl.issue}
          </Button>
        </>
      )}
      {l?.issued && <PrintButton />}
    </Flex>
  );
  if (isLoading) return <Skeleton active />;
  if (error || !l)
    return (
      <>
        {toolbar}
        <Alert type="error" showIcon title={errorMessage(error)} />
      </>
    );
  return (
    <div className="ql-letter-page">
      {/* A letter reads top to bottom: portrait paper, unlike the landscape lists. */}
      <style>{'@media print { @page { size: A4 portrait; margin: 25mm 26mm 22mm; } }'}</style>
      {toolbar}
      {!l.issued && (
        <Alert className="ql-no-print" type="info" showIcon title={tl.draft} style={{ marginBottom: 16 }} data-testid="letter-draft" />
      )}
      <article className="ql-letter" data-testid="letter">
        <div className="ql-letter-head">{tl.issuer(l.institutionName)}</div>
        <h1 className="ql-letter-title">{tl.title}</h1>
        <div className="ql-letter-number" data-testid="letter-number">
          {l.number ?? <Tag>{tl.notIssued}</Tag>}
        </div>
        <p className="ql-letter-to" data-testid="letter-to">
          {tl.to(l.departmentName)}
        </p>
        <p>{tl.found(l.roundTitle)}</p>
        <p className="ql-letter-quote" data-testid="letter-finding">
          {l.finding}
        </p>
        <p>{tl.why}</p>
        <p>{tl.suggestionsIntro}</p>
        <div data-testid="letter-suggestions">
          {l.suggestions.split('\n').map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one text, in order
            <p key={i}>{line}</p>
          ))}
        </div>
        <p>{tl.closing}</p>
        <div className="ql-letter-sign">
          <div data-testid="letter-issuer">{tl.issuer(l.institutionName)}</div>
          <div data-testid="letter-date">{l.issuedOn ? formatChineseDate(l.issuedOn, tl.date) : tl.notIssued}</div>
        </div>
      </article>
      <Modal open={editing} title={tl.editTitle} onCancel={() => setEditing(false)} onOk={save} confirmLoading={step.edit.isPending} width={720} destroyOnHidden>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item name="suggestions" label={tl.suggestions} rules={[{ required: true, whitespace: true, min: 2, message: tl.suggestionsRequired }]}>
            <Input.TextArea rows={10} maxLength={4000} showCount data-testid="letter-suggestions-input" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** 2026-12-20 → 2026年12月20日 (or the locale's form). */
function formatChineseDate(iso: string, fmt: (y: number, m: number, d: number) => string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return fmt(y, m, d);
}
