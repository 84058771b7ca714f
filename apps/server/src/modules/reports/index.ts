/** What other modules may use from reports (later: screening alerts and inspection findings open cases here). */
export { createCase } from './cases.service.ts';
export { drainInbox } from './inbox.service.ts';
export { cases, caseSubjects, integrityCodes, reportInbox } from './reports.tables.ts';
export { publicRoutes } from './public.routes.ts';
export { reportRoutes } from './reports.routes.ts';
