/** Health, attachments, notifications, jobs and the home dashboard. */
import { z } from 'zod';
import { ZId, ZListQuery, ZQueryBool } from './common.ts';

export const ZHealth = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']), version: z.string() });

export const ZAttachment = z.object({
  id: ZId,
  institutionId: ZId.nullable(),
  sha256: z.string(),
  size: z.number().int(),
  mime: z.string(),
  filename: z.string(),
  createdAt: z.string(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZNotification = z.object({
  id: ZId,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotification>;
export const ZNotificationQuery = ZListQuery.extend({ unread: ZQueryBool.optional() });

export const ZJob = z.object({
  id: ZId,
  kind: z.string(),
  runAt: z.string(),
  status: z.enum(['pending', 'running', 'done', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TJob = z.infer<typeof ZJob>;

export const ZDashboard = z.object({
  scope: z.enum(['region', 'institution', 'department', 'self']),
  scopeName: z.string(),
  institutions: z.number().int(),
  departments: z.number().int(),
  clinicalDepartments: z.number().int(),
  branches: z.number().int(),
  staff: z.number().int(),
  middleCadres: z.number().int(),
  leaders: z.number().int(),
  keyPosts: z.number().int(),
  accounts: z.number().int(),
  unreadNotifications: z.number().int(),
  auditLast7Days: z.number().int(),
  byInstitution: z.array(z.object({ id: ZId, name: z.string(), staff: z.number().int(), departments: z.number().int() })),
  byDepartment: z.array(z.object({ id: ZId, name: z.string(), staff: z.number().int() })),
});
export type TDashboard = z.infer<typeof ZDashboard>;

/** What waits for the caller, module by module: each count is exactly what the linked list shows. */
export const TODO_KEYS = [
  'cases.new',
  'cases.overdue',
  'cases.mine',
  'cases.unregistered',
  'screening.open',
  'rectifications.toVerify',
  'rectifications.overdue',
  'rectifications.toAnswer',
  'rectifications.returned',
  'risks.reviewOverdue',
  'talks.followUp',
  'reps.registrations',
  'reps.bookings',
  'reps.onSite',
  'visits.toConfirm',
] as const;
export const ZTodoKey = z.enum(TODO_KEYS);
export type TTodoKey = z.infer<typeof ZTodoKey>;
export const ZTodo = z.object({
  items: z.array(
    z.object({
      key: ZTodoKey,
      count: z.number().int(),
      /** danger: late; warning: waits for the caller; info: worth knowing. */
      severity: z.enum(['danger', 'warning', 'info']),
      /** The console list that shows these records, or null when there is none to open. */
      to: z.string().nullable(),
    }),
  ),
});
export type TTodo = z.infer<typeof ZTodo>;
