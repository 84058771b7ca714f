/** Small labels of a case: status, where it is handled, its deadline. */
import type { TCaseSummary } from '@qinglian/contracts';
import { Tag, Tooltip, Typography } from 'antd';
import { useT } from '../../../lib/i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';

const STATUS_COLOR: Record<TCaseSummary['status'], string> = {
  received: 'blue',
  investigating: 'gold',
  on_hold: 'purple',
  concluded: 'cyan',
  closed: 'green',
  referred: 'default',
  merged: 'default',
};

export function CaseStatusTag({ c }: { c: Pick<TCaseSummary, 'status' | 'disposal'> }) {
  const t = useT();
  const tr = t.reports;
  return (
    <Tag color={STATUS_COLOR[c.status]} data-testid="case-status">
      {tr.statuses[c.status]}
      {c.disposal && c.status !== 'closed' ? ` · ${tr.disposals[c.disposal]}` : ''}
    </Tag>
  );
}

/** 区域纪检监察组办理 for cases about a hospital's leadership. */
export function RoutedBadge({ routedTo }: { routedTo: TCaseSummary['routedTo'] }) {
  const t = useT();
  if (routedTo !== 'region') return null;
  return (
    <Tooltip title={t.reports.routedRegionHint}>
      <Tag color="red" data-testid="routed-region">
        {t.reports.routedRegion}
      </Tag>
    </Tooltip>
  );
}

/** The stage deadline; red with 已逾期 when passed. */
export function Deadline({ c }: { c: Pick<TCaseSummary, 'stageDeadline' | 'overdue'> }) {
  const t = useT();
  if (!c.stageDeadline) return <>{t.common.none}</>;
  return c.overdue ? (
    <Typography.Text type="danger" strong data-testid="deadline-overdue">
      {formatDateTime(c.stageDeadline)} · {t.reports.overdue}
    </Typography.Text>
  ) : (
    <span>{formatDateTime(c.stageDeadline)}</span>
  );
}
