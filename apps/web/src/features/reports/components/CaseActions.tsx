/**
 * The workflow buttons of a case, offered by status: assign, triage, change disposal, note/evidence,
 * question the reporter, conclude, feedback, close, recuse. Irreversible steps ask first.
 */
import type { TCaseDetail } from '@qinglian/contracts';
import { App, Button, DatePicker, Form, Input, Popconfirm, Radio, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../lib/forms.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { type CaseStep, useCaseStep, useCases, useOwners } from '../api.ts';
import { conclusionOptions, disposalOptions } from '../labels.ts';
import { ActionModal } from './ActionModal.tsx';
import { EvidenceUpload, uploadedIds } from './EvidenceUpload.tsx';

type Open = 'assign' | 'triage' | 'dispose' | 'note' | 'question' | 'conclude' | 'feedback' | 'recuse' | null;
const OPEN_STATUSES = ['received', 'investigating', 'on_hold', 'concluded'];

function MergeTarget({ caseId, value, onChange }: { caseId: string; value?: string; onChange?: (v: string) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, isFetching } = useCases({ q: q || undefined, pageSize: 20 });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      loading={isFetching}
      placeholder={t.reports.mergeSearch}
      options={(data?.items ?? []).filter((c) => c.id !== caseId).map((c) => ({ value: c.id, label: `${c.number} · ${c.summary.slice(0, 30)}` }))}
      data-testid="merge-target"
    />
  );
}

export function CaseActions({ c }: { c: TCaseDetail }) {
  const t = useT();
  const tr = t.reports;
  const { message } = App.useApp();
  const navigate = useNavigate();
  const run = useCaseStep(c.id);
  const [open, setOpen] = useState<Open>(null);
  const owners = useOwners(c.id, open === 'assign');
  const close = () => setOpen(null);
  const step = (s: CaseStep, body?: unknown, leaves = false) => run.mutateAsync({ step: s, body, leaves });
  const isOpen = OPEN_STATUSES.includes(c.status);
  const s = c.status;

  const btn = (key: Exclude<Open, null>, label: string, primary = false) => (
    <Button type={primary ? 'primary' : 'default'} onClick={() => setOpen(key)} data-testid={`case-action-${key}`}>
      {label}
    </Button>
  );

  return (
    <>
      {s === 'received' && btn('triage', tr.actTriage, true)}
      {(s === 'investigating' || s === 'on_hold') && btn('conclude', tr.actConclude, true)}
      {c.hasReporter && (s === 'concluded' || s === 'referred') && btn('feedback', tr.actFeedback, s === 'referred')}
      {s === 'concluded' && (
        <Popconfirm
          title={tr.closeConfirm}
          okText={t.common.ok}
          cancelText={t.common.cancel}
          onConfirm={() =>
            step('close')
              .then(() => message.success(tr.closed))
              .catch((e) => message.error(errorMessage(e)))
          }
        >
          <Button type="primary" data-testid="case-action-close">
            {tr.actClose}
          </Button>
        </Popconfirm>
      )}
      {isOpen && btn('assign', tr.actAssign)}
      {(s === 'investigating' || s === 'on_hold') && btn('dispose', tr.actDispose)}
      {isOpen && btn('note', tr.actNote)}
      {isOpen && c.hasReporter && btn('question', tr.actQuestion)}
      {btn('recuse', tr.actRecuse)}

      <ActionModal<{ ownerId: string }> open={open === 'assign'} title={tr.actAssign} onClose={close} onSubmit={(v) => step('assign', v)} initialValues={{ ownerId: c.ownerId ?? undefined }} testId="assign-form">
        <Form.Item name="ownerId" label={tr.owner} rules={[{ required: true, message: t.common.required }]} extra={tr.ownersHint}>
          <Select loading={owners.isLoading} options={(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))} data-testid="owner-select" />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ result: 'clue' | 'not_clue' | 'duplicate'; disposal?: string; note?: string; holdUntil?: { format: (f: string) => string }; mergeIntoId?: string }>
        open={open === 'triage'}
        title={tr.actTriage}
        onClose={close}
        initialValues={{ result: 'clue', disposal: 'preliminary_verification' }}
        testId="triage-form"
        width={620}
        confirm={(v) => ({
          title: tr.triageConfirm,
          content: v.result === 'clue' ? tr.triageConfirmClue(tr.disposals[v.disposal as keyof typeof tr.disposals]) : v.result === 'not_clue' ? tr.triageConfirmReferred : tr.triageConfirmMerged,
        })}
        onSubmit={(v) =>
          step(
            'triage',
            v.result === 'clue'
              ? { result: 'clue', disposal: v.disposal, note: v.note ?? '', holdUntil: v.disposal === 'hold' ? v.holdUntil?.format('YYYY-MM-DD') : undefined }
              : v.result === 'not_clue'
                ? { result: 'not_clue', note: v.note ?? '' }
                : { result: 'duplicate', mergeIntoId: v.mergeIntoId, note: v.note ?? '' },
          )
        }
      >
        <Form.Item name="result" label={tr.triageResult}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'clue', label: tr.triageClue },
              { value: 'not_clue', label: tr.triageNotClue },
              { value: 'duplicate', label: tr.triageDuplicate },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {({ getFieldValue }) => {
            const result = getFieldValue('result');
            if (result === 'clue')
              return (
                <>
                  <Form.Item name="disposal" label={tr.disposal} rules={[{ required: true, message: t.common.required }]} extra={tr.disposalHint}>
                    <Radio.Group options={disposalOptions(t)} data-testid="triage-disposal" />
                  </Form.Item>
                  {getFieldValue('disposal') === 'hold' && (
                    <Form.Item name="holdUntil" label={tr.holdUntil}>
                      <DatePicker />
                    </Form.Item>
                  )}
                  <Form.Item name="note" label={tr.triageNote}>
                    <Input.TextArea rows={3} maxLength={2000} />
                  </Form.Item>
                </>
              );
            if (result === 'not_clue')
              return (
                <Form.Item name="note" label={tr.referNote} extra={tr.referNoteHint} rules={[{ required: true, whitespace: true, min: 2, message: tr.referNoteRequired }]}>
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              );
            return (
              <>
                <Form.Item name="mergeIntoId" label={tr.mergeInto} rules={[{ required: true, message: t.common.required }]}>
                  <MergeTarget caseId={c.id} />
                </Form.Item>
                <Form.Item name="note" label={tr.triageNote}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </>
            );
          }}
        </Form.Item>
      </ActionModal>

      <ActionModal<{ disposal: string; note?: string; holdUntil?: { format: (f: string) => string } }>
        open={open === 'dispose'}
        title={tr.actDispose}
        onClose={close}
        initialValues={{ disposal: c.disposal ?? undefined }}
        confirm={(v) => (v.disposal === 'close' ? { title: tr.disposeCloseConfirm } : null)}
        onSubmit={(v) => step('dispose', { disposal: v.disposal, note: v.note ?? '', holdUntil: v.disposal === 'hold' ? v.holdUntil?.format('YYYY-MM-DD') : undefined })}
      >
        <Form.Item name="disposal" label={tr.disposal} rules={[{ required: true, message: t.common.required }]}>
          <Radio.Group options={disposalOptions(t)} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {({ getFieldValue }) =>
            getFieldValue('disposal') === 'hold' && (
              <Form.Item name="holdUntil" label={tr.holdUntil}>
                <DatePicker />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="note" label={tr.triageNote}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ text: string; files?: import('antd').UploadFile[] }>
        open={open === 'note'}
        title={tr.actNote}
        onClose={close}
        testId="note-form"
        onSubmit={(v) => step('notes', { text: v.text.trim(), attachmentIds: uploadedIds(v.files) })}
      >
        <Form.Item name="text" label={tr.noteText} rules={[{ required: true, whitespace: true, message: t.common.required }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="files" label={tr.files} valuePropName="value" extra={tr.filesHint}>
          <EvidenceUpload />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ text: string }> open={open === 'question'} title={tr.actQuestion} onClose={close} testId="question-form" successText={tr.questionSent} onSubmit={(v) => step('questions', { text: v.text.trim() })}>
        <p>{tr.questionHint}</p>
        <Form.Item name="text" label={tr.questionText} rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="question-text" />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ conclusion: string; summary: string; actions?: string }>
        open={open === 'conclude'}
        title={tr.actConclude}
        onClose={close}
        testId="conclude-form"
        confirm={(v) => ({ title: tr.concludeConfirm(tr.conclusions[v.conclusion as keyof typeof tr.conclusions]) })}
        onSubmit={(v) => step('conclude', { conclusion: v.conclusion, summary: v.summary.trim(), actions: v.actions?.trim() ?? '' })}
      >
        <Form.Item name="conclusion" label={tr.conclusion} rules={[{ required: true, message: t.common.required }]}>
          <Radio.Group optionType="button" options={conclusionOptions(t)} data-testid="conclusion" />
        </Form.Item>
        <Form.Item name="summary" label={tr.conclusionSummary} rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="actions" label={tr.actionsTaken} extra={tr.actionsHint}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ text: string }>
        open={open === 'feedback'}
        title={tr.actFeedback}
        onClose={close}
        testId="feedback-form"
        successText={tr.feedbackSent}
        initialValues={{ text: s === 'referred' ? tr.feedbackReferredTemplate : c.conclusion ? tr.feedbackTemplates[c.conclusion] : '' }}
        confirm={() => ({ title: tr.feedbackConfirm })}
        onSubmit={(v) => step('feedback', { text: v.text.trim() })}
      >
        <p>{tr.feedbackHint}</p>
        <Form.Item name="text" label={tr.feedbackText} rules={[{ required: true, whitespace: true, min: 2, message: t.common.required }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ reason: string }>
        open={open === 'recuse'}
        title={tr.actRecuse}
        onClose={close}
        danger
        testId="recuse-form"
        successText={tr.recused}
        confirm={() => ({ title: tr.recuseConfirm, content: tr.recuseConfirmText, danger: true })}
        onSubmit={async (v) => {
          await step('recuse', { reason: v.reason.trim() }, true);
          navigate('/cases', { replace: true });
        }}
      >
        <p>{tr.recuseHint}</p>
        <Form.Item name="reason" label={tr.recuseReason} rules={[{ required: true, whitespace: true, min: 2, message: tr.reasonRequired }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </ActionModal>
    </>
  );
}
