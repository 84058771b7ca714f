/** Registers every business module's routes; a module appears here when it works. */
import type { FastifyInstance } from 'fastify';
import { accountRoutes } from './accounts/accounts.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { dashboardRoutes } from './dashboard/dashboard.routes.ts';
import { filesRoutes } from './files/files.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { orgRoutes } from './org/org.routes.ts';
import { publicRoutes, reportRoutes } from './reports/index.ts';
import { repSelfRoutes, repsRoutes } from './reps/index.ts';
import { screeningRoutes } from './screening/index.ts';
import { supervisionRoutes } from './supervision/index.ts';
import { tenderRoutes } from './tenders/tenders.routes.ts';

export async function moduleRoutes(app: FastifyInstance): Promise<void> {
  await app.register(accountRoutes);
  await app.register(auditRoutes);
  await app.register(dashboardRoutes);
  await app.register(filesRoutes);
  await app.register(notificationRoutes);
  await app.register(orgRoutes);
  await app.register(publicRoutes);
  await app.register(reportRoutes);
  await app.register(repsRoutes);
  await app.register(repSelfRoutes);
  await app.register(screeningRoutes);
  await app.register(supervisionRoutes);
  await app.register(tenderRoutes);
}
