/** What other modules (and the app's authentication hook) may use from the sales-rep module. */
export { authenticateRep, REP_SESSION_COOKIE, resolveRepSession } from './rep.auth.ts';
export { repSelfRoutes } from './rep.routes.ts';
export { repsRoutes } from './reps.routes.ts';
export { REP_VISITS_COLUMNS, repVisitsCsv } from './figures.service.ts';
export { repBlacklist, repCompanies, reps, repVisitHosts, repVisits } from './reps.tables.ts';
export { setSmsTransport, type SmsTransport } from './sms.ts';
