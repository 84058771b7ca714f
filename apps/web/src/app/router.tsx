/** Routes: every page is its own chunk, so the login page loads only what it needs. */
import type { TPermission } from '@qinglian/contracts';
import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { FullPageSpin } from '../components/Status.tsx';
import { Guard } from './Guard.tsx';
import { RequireAuth } from './RequireAuth.tsx';
import { RouteError } from './RouteError.tsx';

const NotFound = lazy(() => import('../components/Results.tsx'));
const LoginPage = lazy(() => import('../features/auth/pages/LoginPage.tsx'));
const SettingsPage = lazy(() => import('../features/auth/pages/SettingsPage.tsx'));
const HomePage = lazy(() => import('../features/dashboard/pages/HomePage.tsx'));
const RegionsPage = lazy(() => import('../features/org/pages/RegionsPage.tsx'));
const InstitutionsPage = lazy(() => import('../features/org/pages/InstitutionsPage.tsx'));
const DepartmentsPage = lazy(() => import('../features/org/pages/DepartmentsPage.tsx'));
const BranchesPage = lazy(() => import('../features/org/pages/BranchesPage.tsx'));
const PeoplePage = lazy(() => import('../features/org/pages/PeoplePage.tsx'));
const PostsPage = lazy(() => import('../features/org/pages/PostsPage.tsx'));
const AccountsPage = lazy(() => import('../features/accounts/pages/AccountsPage.tsx'));
const AuditPage = lazy(() => import('../features/audit/pages/AuditPage.tsx'));
const NotificationsPage = lazy(() => import('../features/notifications/pages/NotificationsPage.tsx'));
const CasesPage = lazy(() => import('../features/reports/pages/CasesPage.tsx'));
const CasePage = lazy(() => import('../features/reports/pages/CasePage.tsx'));
const CodesPage = lazy(() => import('../features/reports/pages/CodesPage.tsx'));
const ReportStatsPage = lazy(() => import('../features/reports/pages/StatsPage.tsx'));
const RetentionPage = lazy(() => import('../features/reports/pages/RetentionPage.tsx'));
const ReportSettingsPage = lazy(() => import('../features/reports/pages/ReportSettingsPage.tsx'));
const RepRegistryPage = lazy(() => import('../features/reps/pages/RegistryPage.tsx'));
const RepCompaniesPage = lazy(() => import('../features/reps/pages/CompaniesPage.tsx'));
const RepRulesPage = lazy(() => import('../features/reps/pages/RulesPage.tsx'));
const RepBookingsPage = lazy(() => import('../features/reps/pages/BookingsPage.tsx'));
const RepDeskPage = lazy(() => import('../features/reps/pages/DeskPage.tsx'));
const RepBadgePage = lazy(() => import('../features/reps/pages/BadgePage.tsx'));
const RepVisitsPage = lazy(() => import('../features/reps/pages/VisitsPage.tsx'));
const RepHostingPage = lazy(() => import('../features/reps/pages/HostingPage.tsx'));
const RepViolationsPage = lazy(() => import('../features/reps/pages/ViolationsPage.tsx'));
const RepBlacklistPage = lazy(() => import('../features/reps/pages/BlacklistPage.tsx'));
const RepFiguresPage = lazy(() => import('../features/reps/pages/FiguresPage.tsx'));
const TendersPage = lazy(() => import('../features/tenders/pages/TendersPage.tsx'));
const TenderPage = lazy(() => import('../features/tenders/pages/TenderPage.tsx'));
const TenderBuyersPage = lazy(() => import('../features/tenders/pages/BuyersPage.tsx'));
const TenderImportPage = lazy(() => import('../features/tenders/pages/ImportPage.tsx'));
const RisksPage = lazy(() => import('../features/supervision/pages/RisksPage.tsx'));
const RiskPage = lazy(() => import('../features/supervision/pages/RiskPage.tsx'));
const RiskSummaryPage = lazy(() => import('../features/supervision/pages/RiskSummaryPage.tsx'));
const RoundsPage = lazy(() => import('../features/supervision/pages/RoundsPage.tsx'));
const RoundPage = lazy(() => import('../features/supervision/pages/RoundPage.tsx'));
const TemplatesPage = lazy(() => import('../features/supervision/pages/TemplatesPage.tsx'));
const RectificationsPage = lazy(() => import('../features/supervision/pages/RectificationsPage.tsx'));
const RectificationPage = lazy(() => import('../features/supervision/pages/RectificationPage.tsx'));
const LetterPage = lazy(() => import('../features/supervision/pages/LetterPage.tsx'));
const TalksPage = lazy(() => import('../features/supervision/pages/TalksPage.tsx'));
const TalkPage = lazy(() => import('../features/supervision/pages/TalkPage.tsx'));
const AssessmentPage = lazy(() => import('../features/supervision/pages/AssessmentPage.tsx'));

const ScreeningAlertsPage = lazy(() => import('../features/screening/pages/AlertsPage.tsx'));
const ScreeningAlertPage = lazy(() => import('../features/screening/pages/AlertPage.tsx'));
const ScreeningImportPage = lazy(() => import('../features/screening/pages/ImportPage.tsx'));
const ScreeningRunsPage = lazy(() => import('../features/screening/pages/RunsPage.tsx'));
const ScreeningParamsPage = lazy(() => import('../features/screening/pages/ParamsPage.tsx'));

function page(Page: LazyExoticComponent<ComponentType>, perm?: TPermission) {
  return (
    <Guard perm={perm}>
      <Page />
    </Guard>
  );
}

/** Path and permission of each page; the side menu is built from the same table (app/menu.tsx). */
export const router = createBrowserRouter([
  {
    path: '/login',
    errorElement: <RouteError />,
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: page(HomePage, 'dashboard.read') },
      { path: 'cases', element: page(CasesPage, 'case.read') },
      { path: 'cases/stats', element: page(ReportStatsPage, 'case.stats') },
      { path: 'cases/retention', element: page(RetentionPage, 'case.retention') },
      { path: 'cases/settings', element: page(ReportSettingsPage, 'code.manage') },
      { path: 'cases/:id', element: page(CasePage, 'case.read') },
      { path: 'codes', element: page(CodesPage, 'code.manage') },
      { path: 'screening/alerts', element: page(ScreeningAlertsPage, 'screening.view') },
      { path: 'screening/alerts/:id', element: page(ScreeningAlertPage, 'screening.view') },
      { path: 'screening/imports', element: page(ScreeningImportPage, 'screening.import') },
      { path: 'screening/runs', element: page(ScreeningRunsPage, 'screening.view') },
      { path: 'screening/params', element: page(ScreeningParamsPage, 'screening.view') },
      { path: 'reps/registry', element: page(RepRegistryPage, 'rep.read') },
      { path: 'reps/companies', element: page(RepCompaniesPage, 'rep.read') },
      { path: 'reps/rules', element: page(RepRulesPage, 'rep.read') },
      { path: 'reps/bookings', element: page(RepBookingsPage, 'rep.read') },
      { path: 'reps/desk', element: page(RepDeskPage, 'rep.manage') },
      { path: 'reps/visits', element: page(RepVisitsPage, 'rep.read') },
      { path: 'reps/visits/:id/badge', element: page(RepBadgePage, 'rep.manage') },
      { path: 'reps/hosting', element: page(RepHostingPage, 'visit.host') },
      { path: 'reps/violations', element: page(RepViolationsPage, 'rep.read') },
      { path: 'reps/blacklist', element: page(RepBlacklistPage, 'rep.read') },
      { path: 'reps/figures', element: page(RepFiguresPage, 'rep.read') },
      { path: 'tenders', element: page(TendersPage, 'tender.read') },
      { path: 'tenders/buyers', element: page(TenderBuyersPage, 'tender.read') },
      { path: 'tenders/import', element: page(TenderImportPage, 'tender.import') },
      { path: 'tenders/:id', element: page(TenderPage, 'tender.read') },
      { path: 'supervision/risks', element: page(RisksPage, 'risk.read') },
      { path: 'supervision/risks/summary', element: page(RiskSummaryPage, 'risk.read') },
      { path: 'supervision/risks/:id', element: page(RiskPage, 'risk.read') },
      { path: 'supervision/rounds', element: page(RoundsPage, 'inspection.read') },
      { path: 'supervision/rounds/:id', element: page(RoundPage, 'inspection.read') },
      { path: 'supervision/templates', element: page(TemplatesPage, 'inspection.read') },
      { path: 'supervision/rectifications', element: page(RectificationsPage, 'inspection.read') },
      { path: 'supervision/rectifications/:id', element: page(RectificationPage, 'inspection.read') },
      { path: 'supervision/rectifications/:id/letter', element: page(LetterPage, 'inspection.read') },
      { path: 'supervision/talks', element: page(TalksPage, 'talk.read') },
      { path: 'supervision/talks/:id', element: page(TalkPage, 'talk.read') },
      { path: 'supervision/assessments', element: page(AssessmentPage, 'assessment.read') },
      { path: 'org/regions', element: page(RegionsPage, 'region.write') },
      { path: 'org/institutions', element: page(InstitutionsPage, 'institution.read') },
      { path: 'org/departments', element: page(DepartmentsPage, 'department.read') },
      { path: 'org/branches', element: page(BranchesPage, 'branch.read') },
      { path: 'org/people', element: page(PeoplePage, 'person.read') },
      { path: 'org/posts', element: page(PostsPage, 'post.read') },
      { path: 'accounts', element: page(AccountsPage, 'account.read') },
      { path: 'audit', element: page(AuditPage, 'audit.read') },
      { path: 'notifications', element: page(NotificationsPage, 'notification.read') },
      { path: 'settings', element: page(SettingsPage) },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
