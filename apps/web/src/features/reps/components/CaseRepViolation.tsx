/**
 * On a case reporting a sales rep in a clinical area (integrity-code category rep_in_clinical): the
 * office records it as a violation of the rep it picks (kind: seen in a clinical area), linked to the
 * case; once recorded, a link to the violations instead.
 */
import { UserDeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormModal } from '../../../components/FormModal.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { useCan } from '../../../lib/session.tsx';
import { useCaseViolations, useRepsMutation, violationFromCase } from '../api.ts';
import { LadderNotice } from '../pages/ViolationsPage.tsx';
import { RepSelect } from './Pickers.tsx';

export function CaseRepViolation({ caseId }: { caseId: string }) {
  const t = useT();
  const tv = t.reps.violations;
  const can = useCan();
  const allowed = can('rep.manage');
  const { data } = useCaseViolations(caseId, allowed);
  const [open, setOpen] = useState(false);
  const [repId, setRepId] = useState<string | undefined>();
  const record = useRepsMutation(violationFromCase);
  if (!allowed || !data) return null;
  if (data.items.length)
    return (
      <Link to="/reps/violations" data-testid="case-rep-violation-link">
        <Tag color="volcano">{tv.fromCaseRecorded}</Tag>
      </Link>
    );
  return (
    <>
      <Button icon={<UserDeleteOutlined />} onClick={() => setOpen(true)} data-testid="case-rep-violation">
        {tv.fromCase}
      </Button>
      <FormModal<{ repId: string; description?: string }>
        open={open}
        title={tv.fromCaseTitle}
        onClose={() => setOpen(false)}
        onSubmit={(v) => record.mutateAsync({ caseId, repId: v.repId, description: v.description?.trim() || undefined })}
        successText={tv.fromCaseDone}
        testId="case-rep-violation-form"
      >
        <Alert type="info" showIcon title={tv.fromCaseHint} style={{ marginBottom: 12 }} />
        <Form.Item name="repId" label={t.reps.common.rep} rules={[{ required: true }]}>
          <RepSelect onChange={setRepId} />
        </Form.Item>
        <LadderNotice repId={repId} />
        <Form.Item name="description" label={tv.description}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
