/** What other modules may use from supervision. */
export { supervisionRoutes } from './supervision.routes.ts';
export { rectifications, riskPoints, talks } from './supervision.tables.ts';
