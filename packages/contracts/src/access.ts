/** Roles, scopes and permission keys: the single source for server enforcement and web menus. */
import { z } from 'zod';

export const ROLES = [
  'region_admin',
  'region_supervisor',
  'institution_admin',
  'discipline_officer',
  'leader',
  'dept_head',
  'grid_supervisor',
  'staff',
] as const;
// Pure annotations let the web bundle keep ROLES/ROLE_SCOPE without pulling in zod.
export const ZRole = /* @__PURE__ */ z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

/** How far a role's view reaches. */
export const SCOPE_LEVELS = ['region', 'institution', 'department', 'self'] as const;
export type TScopeLevel = (typeof SCOPE_LEVELS)[number];

export const ROLE_SCOPE: Record<TRole, TScopeLevel> = {
  region_admin: 'region',
  region_supervisor: 'region',
  institution_admin: 'institution',
  discipline_officer: 'institution',
  leader: 'institution',
  dept_head: 'department',
  grid_supervisor: 'department',
  staff: 'self',
};

export const PERMISSIONS = [
  'dashboard.read',
  'region.read',
  'region.write',
  'institution.read',
  'institution.write',
  'department.read',
  'department.write',
  'branch.read',
  'branch.write',
  'person.read',
  'person.write',
  'person.import',
  'person.read_sensitive',
  'post.read',
  'post.write',
  'account.read',
  'account.write',
  'audit.read',
  'attachment.upload',
  'attachment.read',
  'notification.read',
  'job.read',
  'code.manage',
  'case.read',
  'case.handle',
  'case.create',
  'case.read_contact',
  'case.stats',
  'case.retention',
  'tender.read',
  'tender.import',
  'rep.read',
  'rep.manage',
  'rep.blacklist',
  'visit.host',
  'risk.read',
  'risk.manage',
  'inspection.read',
  'inspection.manage',
  'rectification.respond',
  'talk.read',
  'talk.manage',
  'assessment.read',
  'assessment.manage',
  'screening.view',
  'screening.manage',
  'screening.import',
] as const;
export const ZPermission = /* @__PURE__ */ z.enum(PERMISSIONS);
export type TPermission = z.infer<typeof ZPermission>;

const READ_ORG: TPermission[] = [
  'dashboard.read',
  'region.read',
  'institution.read',
  'department.read',
  'branch.read',
  'person.read',
  'post.read',
];
const SELF: TPermission[] = ['notification.read', 'attachment.upload', 'attachment.read'];
/** The discipline office's everyday supervision tools (risk points, rounds, talks, assessments). */
const SUPERVISION: TPermission[] = ['risk.read', 'risk.manage', 'inspection.read', 'inspection.manage', 'rectification.respond', 'talk.read', 'talk.manage', 'assessment.read', 'assessment.manage'];
const SUPERVISION_READ: TPermission[] = ['risk.read', 'inspection.read', 'talk.read', 'assessment.read'];
/** The discipline office's handling of reports and clues. */
const CASE_OFFICE: TPermission[] = ['case.read', 'case.handle', 'case.create', 'case.read_contact', 'case.stats', 'case.retention'];

/** Sales representatives (医药代表): the office keeps the registry and receives visits, hosts record them, the region reads and blacklists. */
const REPS: Record<TRole, TPermission[]> = {
  region_admin: ['rep.read', 'rep.blacklist'],
  region_supervisor: ['rep.read', 'rep.blacklist'],
  institution_admin: ['rep.read', 'rep.manage', 'visit.host'],
  discipline_officer: ['rep.read', 'rep.manage', 'rep.blacklist', 'visit.host'],
  leader: ['rep.read', 'visit.host'],
  dept_head: ['visit.host'],
  grid_supervisor: ['visit.host'],
  staff: ['visit.host'],
};

/**
 * Screening (数据碰撞): alerts carry doctor-level prescription figures (统方), so only the discipline office
 * (and region supervisors across institutions) view and handle them; administrators may load data.
 */
const SCREENING_OFFICE: TPermission[] = ['screening.view', 'screening.manage', 'screening.import'];

/** What each role may do; the scope (ROLE_SCOPE) limits where. */
export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  region_admin: [
    ...READ_ORG,
    ...SELF,
    'region.write',
    'institution.write',
    'department.write',
    'branch.write',
    'person.write',
    'person.import',
    'post.write',
    'account.read',
    'account.write',
    'audit.read',
    'job.read',
    'case.stats',
    'code.manage',
    'tender.import',
    'screening.import',
    ...REPS.region_admin,
  ],
  region_supervisor: [...READ_ORG, ...SELF, 'audit.read', 'person.read_sensitive', ...CASE_OFFICE, 'tender.read', ...SUPERVISION_READ, ...REPS.region_supervisor, ...SCREENING_OFFICE],
  institution_admin: [
    ...READ_ORG,
    ...SELF,
    'institution.write',
    'department.write',
    'branch.write',
    'person.write',
    'person.import',
    'post.write',
    'account.read',
    'account.write',
    'code.manage',
    'case.stats',
    'tender.import',
    'screening.import',
    ...REPS.institution_admin,
  ],
  discipline_officer: [...READ_ORG, ...SELF, 'audit.read', 'person.read_sensitive', ...CASE_OFFICE, 'code.manage', 'tender.read', 'tender.import', ...SUPERVISION, ...REPS.discipline_officer, ...SCREENING_OFFICE],
  leader: [...READ_ORG, ...SELF, 'case.stats', 'tender.read', ...SUPERVISION_READ, ...REPS.leader],
  dept_head: [...READ_ORG, ...SELF, 'case.stats', 'risk.read', 'risk.manage', 'inspection.read', 'rectification.respond', 'talk.read', ...REPS.dept_head],
  grid_supervisor: [...READ_ORG, ...SELF, 'risk.read', 'inspection.read', ...REPS.grid_supervisor],
  staff: ['dashboard.read', 'institution.read', 'department.read', ...SELF, 'talk.read', ...REPS.staff],
};

/** True when the role holds the permission. */
export function can(role: TRole, permission: TPermission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
