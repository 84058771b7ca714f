/** The side menu, built from the user's permissions: a module appears only when the user can use it. */
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  ClockCircleOutlined,
  ControlOutlined,
  EnvironmentOutlined,
  FlagOutlined,
  HomeOutlined,
  IdcardOutlined,
  QrcodeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { BookOutlined, CalendarOutlined, ContactsOutlined, ExclamationCircleOutlined, PieChartOutlined, ScanOutlined, ScheduleOutlined, ShopOutlined, SolutionOutlined, StopOutlined } from '@ant-design/icons';
import { CloudUploadOutlined, DeploymentUnitOutlined, FundProjectionScreenOutlined, ProfileOutlined, RadarChartOutlined, SlidersOutlined } from '@ant-design/icons';
import { AlertOutlined, CommentOutlined, FileSearchOutlined, HeatMapOutlined, OrderedListOutlined, ToolOutlined, TrophyOutlined } from '@ant-design/icons';
import type { TPermission } from '@qinglian/contracts';
import type { MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Dict } from '../lib/i18n/index.tsx';

interface Entry {
  path: string;
  id: string;
  perm?: TPermission;
  icon: ReactNode;
  label: (t: Dict) => string;
}

const MAIN: Entry[] = [{ path: '/', id: 'home', perm: 'dashboard.read', icon: <HomeOutlined />, label: (t) => t.menu.home }];
const REPORTS: Entry[] = [
  { path: '/cases', id: 'cases', perm: 'case.read', icon: <SafetyCertificateOutlined />, label: (t) => t.menu.cases },
  { path: '/codes', id: 'codes', perm: 'code.manage', icon: <QrcodeOutlined />, label: (t) => t.menu.codes },
  { path: '/cases/stats', id: 'report-stats', perm: 'case.stats', icon: <BarChartOutlined />, label: (t) => t.menu.reportStats },
  { path: '/cases/retention', id: 'retention', perm: 'case.retention', icon: <ClockCircleOutlined />, label: (t) => t.menu.retention },
  { path: '/cases/settings', id: 'report-settings', perm: 'code.manage', icon: <ControlOutlined />, label: (t) => t.menu.reportSettings },
];
const SUPERVISION: Entry[] = [
  { path: '/supervision/risks', id: 'risks', perm: 'risk.read', icon: <AlertOutlined />, label: (t) => t.supervision.menu.risks },
  { path: '/supervision/risks/summary', id: 'risk-summary', perm: 'risk.read', icon: <HeatMapOutlined />, label: (t) => t.supervision.menu.riskSummary },
  { path: '/supervision/rounds', id: 'rounds', perm: 'inspection.read', icon: <FileSearchOutlined />, label: (t) => t.supervision.menu.rounds },
  { path: '/supervision/templates', id: 'round-templates', perm: 'inspection.manage', icon: <OrderedListOutlined />, label: (t) => t.supervision.menu.templates },
  { path: '/supervision/rectifications', id: 'rectifications', perm: 'inspection.read', icon: <ToolOutlined />, label: (t) => t.supervision.menu.rectifications },
  { path: '/supervision/talks', id: 'talks', perm: 'talk.read', icon: <CommentOutlined />, label: (t) => t.supervision.menu.talks },
  { path: '/supervision/assessments', id: 'assessments', perm: 'assessment.read', icon: <TrophyOutlined />, label: (t) => t.supervision.menu.assessments },
];
const REPS: Entry[] = [
  { path: '/reps/registry', id: 'rep-registry', perm: 'rep.read', icon: <SolutionOutlined />, label: (t) => t.reps.menu.registry },
  { path: '/reps/companies', id: 'rep-companies', perm: 'rep.read', icon: <ShopOutlined />, label: (t) => t.reps.menu.companies },
  { path: '/reps/rules', id: 'rep-rules', perm: 'rep.read', icon: <ScheduleOutlined />, label: (t) => t.reps.menu.rules },
  { path: '/reps/bookings', id: 'rep-bookings', perm: 'rep.read', icon: <CalendarOutlined />, label: (t) => t.reps.menu.bookings },
  { path: '/reps/desk', id: 'rep-desk', perm: 'rep.manage', icon: <ScanOutlined />, label: (t) => t.reps.menu.desk },
  { path: '/reps/visits', id: 'rep-visits', perm: 'rep.read', icon: <BookOutlined />, label: (t) => t.reps.menu.visits },
  { path: '/reps/hosting', id: 'rep-hosting', perm: 'visit.host', icon: <ContactsOutlined />, label: (t) => t.reps.menu.hosting },
  { path: '/reps/violations', id: 'rep-violations', perm: 'rep.read', icon: <ExclamationCircleOutlined />, label: (t) => t.reps.menu.violations },
  { path: '/reps/blacklist', id: 'rep-blacklist', perm: 'rep.read', icon: <StopOutlined />, label: (t) => t.reps.menu.blacklist },
  { path: '/reps/figures', id: 'rep-figures', perm: 'rep.read', icon: <PieChartOutlined />, label: (t) => t.reps.menu.figures },
];
const TENDERS: Entry[] = [
  { path: '/tenders', id: 'tenders', perm: 'tender.read', icon: <ProfileOutlined />, label: (t) => t.tenders.menu.list },
  { path: '/tenders/buyers', id: 'tender-buyers', perm: 'tender.read', icon: <FundProjectionScreenOutlined />, label: (t) => t.tenders.menu.buyers },
  { path: '/tenders/import', id: 'tender-import', perm: 'tender.import', icon: <CloudUploadOutlined />, label: (t) => t.tenders.menu.import },
];
/** Screening (数据碰撞): alerts carry doctor-level prescribing figures (统方), so only screening permissions open it. */
const SCREENING: Entry[] = [
  { path: '/screening/alerts', id: 'screening-alerts', perm: 'screening.view', icon: <RadarChartOutlined />, label: (t) => t.screening.menu.alerts },
  { path: '/screening/imports', id: 'screening-imports', perm: 'screening.import', icon: <CloudUploadOutlined />, label: (t) => t.screening.menu.imports },
  { path: '/screening/runs', id: 'screening-runs', perm: 'screening.view', icon: <DeploymentUnitOutlined />, label: (t) => t.screening.menu.runs },
  { path: '/screening/params', id: 'screening-params', perm: 'screening.view', icon: <SlidersOutlined />, label: (t) => t.screening.menu.params },
];
const ORG: Entry[] = [
  { path: '/org/regions', id: 'regions', perm: 'region.write', icon: <EnvironmentOutlined />, label: (t) => t.menu.regions },
  { path: '/org/institutions', id: 'institutions', perm: 'institution.read', icon: <BankOutlined />, label: (t) => t.menu.institutions },
  { path: '/org/departments', id: 'departments', perm: 'department.read', icon: <ApartmentOutlined />, label: (t) => t.menu.departments },
  { path: '/org/branches', id: 'branches', perm: 'branch.read', icon: <FlagOutlined />, label: (t) => t.menu.branches },
  { path: '/org/people', id: 'people', perm: 'person.read', icon: <TeamOutlined />, label: (t) => t.menu.people },
  { path: '/org/posts', id: 'posts', perm: 'post.read', icon: <IdcardOutlined />, label: (t) => t.menu.posts },
];
const SYSTEM: Entry[] = [
  { path: '/accounts', id: 'accounts', perm: 'account.read', icon: <UserSwitchOutlined />, label: (t) => t.menu.accounts },
  { path: '/audit', id: 'audit', perm: 'audit.read', icon: <AuditOutlined />, label: (t) => t.menu.audit },
  { path: '/notifications', id: 'notifications', perm: 'notification.read', icon: <BellOutlined />, label: (t) => t.menu.notifications },
  { path: '/settings', id: 'settings', icon: <SettingOutlined />, label: (t) => t.menu.settings },
];
const ALL = [...MAIN, ...REPORTS, ...SCREENING, ...REPS, ...SUPERVISION, ...TENDERS, ...ORG, ...SYSTEM];

/** Menu items for the user; `gated` (second factor or password pending) leaves only the settings. */
export function buildMenu(t: Dict, can: (p: TPermission) => boolean, gated: boolean): MenuProps['items'] {
  const item = (e: Entry) => ({
    key: e.path,
    icon: e.icon,
    label: (
      <Link to={e.path} data-testid={`menu-${e.id}`}>
        {e.label(t)}
      </Link>
    ),
  });
  const visible = (list: Entry[]) => list.filter((e) => (gated ? e.id === 'settings' : !e.perm || can(e.perm)));
  const org = visible(ORG);
  const reports = visible(REPORTS);
  const reps = visible(REPS);
  const supervision = visible(SUPERVISION);
  const tenders = visible(TENDERS);
  const screening = visible(SCREENING);
  return [
    ...visible(MAIN).map(item),
    ...(reports.length ? [{ type: 'group' as const, key: 'reports', label: t.menu.reports, children: reports.map(item) }] : []),
    ...(screening.length ? [{ type: 'group' as const, key: 'screening', label: t.screening.menu.group, children: screening.map(item) }] : []),
    ...(reps.length ? [{ type: 'group' as const, key: 'reps', label: t.reps.menu.group, children: reps.map(item) }] : []),
    ...(supervision.length ? [{ type: 'group' as const, key: 'supervision', label: t.supervision.menu.group, children: supervision.map(item) }] : []),
    ...(tenders.length ? [{ type: 'group' as const, key: 'tenders', label: t.tenders.menu.group, children: tenders.map(item) }] : []),
    ...(org.length ? [{ type: 'group' as const, key: 'org', label: t.menu.org, children: org.map(item) }] : []),
    ...visible(SYSTEM).map(item),
  ];
}

/** The menu key for an address: the longest matching entry path. */
export function selectedKeyOf(pathname: string): string {
  const match = ALL.filter((e) => (e.path === '/' ? pathname === '/' : pathname.startsWith(e.path))).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
  return match?.path ?? '';
}
