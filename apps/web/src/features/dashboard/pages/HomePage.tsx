/** Home: the real figures of the user's scope and staff by institution or department. */
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useCan, useMe } from '../../../lib/session.tsx';
import { useDashboard } from '../api.ts';
import { TodoCard } from '../components/TodoCard.tsx';

// ECharts is the heaviest dependency of the console; load it after the figures are on screen.
const StaffChart = lazy(() => import('../components/StaffChart.tsx').then((m) => ({ default: m.StaffChart })));

interface Figure {
  key: string;
  label: string;
  value: number;
  to?: string;
}

/** The home page. */
export default function HomePage() {
  const t = useT();
  const th = t.home;
  usePageTitle(th.title);
  const me = useMe();
  const can = useCan();
  const { data, error, isLoading } = useDashboard();

  if (error) return <Alert type="error" showIcon title={error.message} />;
  const d = data;
  const region = d?.scope === 'region';
  const all: Figure[] = d
    ? [
        ...(region ? [{ key: 'institutions', label: th.institutions, value: d.institutions, to: '/org/institutions' }] : []),
        { key: 'departments', label: th.departments, value: d.departments, to: '/org/departments' },
        { key: 'clinicalDepartments', label: th.clinicalDepartments, value: d.clinicalDepartments },
        { key: 'branches', label: th.branches, value: d.branches, to: '/org/branches' },
        { key: 'staff', label: th.staff, value: d.staff, to: '/org/people' },
        { key: 'middleCadres', label: th.middleCadres, value: d.middleCadres, to: '/org/posts' },
        { key: 'leaders', label: th.leaders, value: d.leaders, to: '/org/posts' },
        { key: 'keyPosts', label: th.keyPosts, value: d.keyPosts, to: '/org/posts' },
        ...(can('account.read') ? [{ key: 'accounts', label: th.accounts, value: d.accounts, to: '/accounts' }] : []),
        { key: 'unread', label: th.unread, value: d.unreadNotifications, to: '/notifications' },
        ...(can('audit.read') ? [{ key: 'audit7', label: th.audit7, value: d.auditLast7Days, to: '/audit' }] : []),
      ]
    : [];
  // A staff member's scope is themself: organisation counts say nothing to them.
  const figures = d?.scope === 'self' ? all.filter((f) => f.key === 'unread') : all;
  const reachable = (to?: string) => {
    if (!to) return false;
    const perm = {
      '/org/institutions': 'institution.read',
      '/org/departments': 'department.read',
      '/org/branches': 'branch.read',
      '/org/people': 'person.read',
      '/org/posts': 'post.read',
      '/accounts': 'account.read',
      '/notifications': 'notification.read',
      '/audit': 'audit.read',
    } as const;
    const p = perm[to as keyof typeof perm];
    return !p || can(p);
  };

  const byInstitution = region && (d?.byInstitution.length ?? 0) > 0;
  const rows = byInstitution ? (d?.byInstitution ?? []) : (d?.byDepartment ?? []);

  return (
    <>
      <PageHeader
        title={th.welcome(me.displayName)}
        subtitle={d ? th.scopeOf(t.scopes[d.scope], d.scopeName) : undefined}
      />
      <TodoCard />
      <Row gutter={[16, 16]} data-testid="dashboard-figures">
        {isLoading &&
          Array.from({ length: 8 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
            <Col key={i} xs={12} md={8} xl={6}>
              <Card size="small">
                <Skeleton active paragraph={false} />
              </Card>
            </Col>
          ))}
        {figures.map((f) => {
          const card = (
            <Card size="small" hoverable={reachable(f.to)} data-testid={`figure-${f.key}`}>
              <Statistic title={f.label} value={f.value} />
            </Card>
          );
          return (
            <Col key={f.key} xs={12} md={8} xl={6}>
              {reachable(f.to) ? <Link to={f.to!}>{card}</Link> : card}
            </Col>
          );
        })}
      </Row>
      {d && d.scope !== 'self' && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={<Typography.Text strong>{byInstitution ? th.staffByInstitution : th.staffByDepartment}</Typography.Text>}
        >
          {rows.length === 0 ? (
            <Empty description={t.common.noData} />
          ) : (
            <Suspense fallback={<Skeleton active />}>
              <StaffChart
                categories={rows.map((r) => r.name)}
                series={
                  byInstitution
                    ? [
                        { name: th.staffSeries, values: d.byInstitution.map((r) => r.staff) },
                        { name: th.departmentsSeries, values: d.byInstitution.map((r) => r.departments) },
                      ]
                    : [{ name: th.staffSeries, values: d.byDepartment.map((r) => r.staff) }]
                }
              />
            </Suspense>
          )}
        </Card>
      )}
    </>
  );
}
