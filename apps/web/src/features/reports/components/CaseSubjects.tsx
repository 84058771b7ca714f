/** The people a case is about; naming a hospital leader sends the case to the region's discipline group. */
import type { TCaseDetail } from '@qinglian/contracts';
import { Alert, Button, Card, Empty, Form, Space, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../../lib/i18n/index.tsx';
import { useScope } from '../../../lib/scope.ts';
import { useCaseStep, useLeaderIds } from '../api.ts';
import { ActionModal } from './ActionModal.tsx';
import { SubjectSelect } from './SubjectSelect.tsx';

export function CaseSubjects({ c, editable }: { c: TCaseDetail; editable: boolean }) {
  const t = useT();
  const tr = t.reports;
  const navigate = useNavigate();
  const scope = useScope();
  const [open, setOpen] = useState(false);
  const run = useCaseStep(c.id);
  const leaders = useLeaderIds(open ? c.institutionId : undefined);
  // Only the hospital's own office loses the case; the region's group keeps seeing it.
  const leaves = (ids: string[]) => scope !== 'region' && c.routedTo === 'institution' && ids.some((id) => leaders.data?.has(id));

  return (
    <Card
      size="small"
      title={tr.subjects}
      extra={
        editable && (
          <Button size="small" onClick={() => setOpen(true)} data-testid="edit-subjects" className="ql-no-print">
            {tr.editSubjects}
          </Button>
        )
      }
    >
      {c.subjects.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tr.noSubjects} />
      ) : (
        <Space wrap data-testid="subjects">
          {c.subjects.map((s) => (
            <Tag key={s.personId} color={s.isLeader ? 'red' : 'default'}>
              {s.name}
              {s.departmentName ? ` · ${s.departmentName}` : ''}
              {s.isLeader ? ` · ${tr.leader}` : ''}
            </Tag>
          ))}
        </Space>
      )}
      <ActionModal<{ subjectIds: string[] }>
        open={open}
        title={tr.editSubjects}
        onClose={() => setOpen(false)}
        initialValues={{ subjectIds: c.subjects.map((s) => s.personId) }}
        confirm={(v) => (leaves(v.subjectIds ?? []) ? { title: tr.leaderMoveConfirm, content: tr.leaderMoveText, danger: true } : null)}
        onSubmit={async (v) => {
          const ids = v.subjectIds ?? [];
          const away = leaves(ids);
          await run.mutateAsync({ step: 'subjects', body: { subjectIds: ids }, leaves: away });
          if (away) navigate('/cases', { replace: true });
        }}
        testId="subjects-form"
      >
        <Alert type="info" showIcon title={tr.subjectsLeaderHint} style={{ marginBottom: 12 }} />
        <Form.Item noStyle shouldUpdate>
          {({ getFieldValue }) =>
            leaves(getFieldValue('subjectIds') ?? []) && <Alert type="warning" showIcon title={tr.leaderMoveText} style={{ marginBottom: 12 }} data-testid="leader-warning" />
          }
        </Form.Item>
        <Form.Item name="subjectIds" label={tr.subjects}>
          <SubjectSelect institutionId={c.institutionId} known={c.subjects.map((s) => ({ id: s.personId, name: s.name }))} leaders={leaders.data} />
        </Form.Item>
      </ActionModal>
    </Card>
  );
}
