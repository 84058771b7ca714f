/** One risk point (the review reminder links here): its facts, measures, edit and review. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan } from '../../../lib/session.tsx';
import { useRisk } from '../api.ts';
import { type MeasureEditing, MeasureForm, MeasuresTable } from '../components/Measures.tsx';
import { RiskForm } from '../components/RiskForm.tsx';
import { LevelTag } from '../labels.tsx';
import { ReviewButton, ReviewDate } from './RisksPage.tsx';

export default function RiskPage() {
  const t = useT();
  const tr = t.supervision.risk;
  const { id } = useParams();
  const { data: p, isLoading, error } = useRisk(id);
  usePageTitle(p?.title ?? tr.title);
  const manage = useCan()('risk.manage');
  const [editing, setEditing] = useState(false);
  const [measure, setMeasure] = useState<MeasureEditing>(null);
  const back = (
    <Link to="/supervision/risks">
      <Button icon={<ArrowLeftOutlined />}>{tr.backToList}</Button>
    </Link>
  );
  if (isLoading) return <Skeleton active />;
  if (error || !p) return <Result status="404" title={tr.notFound} extra={back} />;
  return (
    <>
      <PageHeader
        title={p.title}
        subtitle={<LevelTag level={p.level} />}
        extra={
          <>
            {back}
            {manage && <ReviewButton point={p} />}
            {manage && (
              <Button onClick={() => setEditing(true)} data-testid="risk-edit">
                {t.common.edit}
              </Button>
            )}
            <PrintButton />
          </>
        }
      />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }} data-testid="risk-facts">
        <Descriptions.Item label={t.supervision.department}>{p.departmentName ?? tr.wholeInstitution}</Descriptions.Item>
        <Descriptions.Item label={tr.post}>{p.postName ?? t.common.none}</Descriptions.Item>
        <Descriptions.Item label={tr.process}>{t.supervision.processes[p.process]}</Descriptions.Item>
        <Descriptions.Item label={tr.score}>{tr.scoreOf(p.likelihood, p.impact, p.score)}</Descriptions.Item>
        <Descriptions.Item label={tr.reviewOn}>
          <ReviewDate point={p} />
        </Descriptions.Item>
        <Descriptions.Item label={tr.source}>{p.libraryKey ? tr.fromLibrary : tr.ownEntry}</Descriptions.Item>
        <Descriptions.Item label={tr.description} span={2}>
          {p.description || t.common.none}
        </Descriptions.Item>
      </Descriptions>
      <Card size="small" title={tr.measures}>
        <MeasuresTable point={p} onEdit={manage ? setMeasure : undefined} />
      </Card>
      <RiskForm editing={editing ? p : null} onClose={() => setEditing(false)} />
      <MeasureForm editing={measure} onClose={() => setMeasure(null)} />
    </>
  );
}
