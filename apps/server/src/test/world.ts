/**
 * A small world for access tests: region R1 with institutions A and B, region R2 with institution C;
 * each institution has a clinical and an administrative department with people; institution A has an
 * account for every role, and B and C have an admin and a discipline officer each.
 */
import { ROLES, type TRole } from '@qinglian/contracts';
import { hashPassword } from '../modules/auth/passwords.ts';
import type { Platform } from '../platform/context.ts';
import {
  createAccount,
  createBranch,
  createDepartment,
  createInstitution,
  createPerson,
  createPost,
  createRegion,
} from '../seed/factories.ts';

export const PASSWORD = 'test-password-1';

async function institution(platform: Platform, regionId: string, code: string) {
  const db = platform.db;
  const inst = await createInstitution(db, regionId, { code, name: `${code}医院` });
  const clinical = await createDepartment(db, inst.id, { code: `${code}-CARD`, name: '心内科', clinical: true });
  const admin = await createDepartment(db, inst.id, { code: `${code}-FIN`, name: '财务科', clinical: false });
  const doctor = await createPerson(platform, inst.id, { departmentId: clinical.id, staffNo: `${code}001`, name: `${code}医生`, nationalId: '11010519491231002X' });
  const clerk = await createPerson(platform, inst.id, { departmentId: admin.id, staffNo: `${code}002`, name: `${code}会计` });
  const head = await createPerson(platform, inst.id, { departmentId: clinical.id, staffNo: `${code}003`, name: `${code}主任` });
  const branch = await createBranch(db, inst.id, { departmentId: clinical.id, name: `${code}心内科党支部`, secretaryId: head.id });
  const post = await createPost(db, inst.id, head.id, { departmentId: clinical.id, name: '科主任', cadreLevel: 'middle', keyPost: true });
  return { inst, clinical, admin, doctor, clerk, head, branch, post };
}

export async function buildWorld(platform: Platform) {
  const db = platform.db;
  const passwordHash = await hashPassword(PASSWORD);
  const r1 = await createRegion(db, { code: 'R1', name: '一市' });
  const r2 = await createRegion(db, { code: 'R2', name: '二市' });
  const A = await institution(platform, r1.id, 'HA');
  const B = await institution(platform, r1.id, 'HB');
  const C = await institution(platform, r2.id, 'HC');
  const accountsByRole = {} as Record<TRole, string>;
  for (const role of ROLES) {
    const username = `a_${role}`;
    const regionLevel = role === 'region_admin' || role === 'region_supervisor';
    const deptLevel = role === 'dept_head' || role === 'grid_supervisor' || role === 'staff';
    await createAccount(db, {
      username,
      role,
      regionId: r1.id,
      institutionId: regionLevel ? null : A.inst.id,
      departmentId: deptLevel ? A.clinical.id : null,
      personId: role === 'staff' ? A.doctor.id : role === 'dept_head' ? A.head.id : null,
      passwordHash,
    });
    accountsByRole[role] = username;
  }
  await createAccount(db, { username: 'b_admin', role: 'institution_admin', regionId: r1.id, institutionId: B.inst.id, passwordHash });
  await createAccount(db, { username: 'c_admin', role: 'institution_admin', regionId: r2.id, institutionId: C.inst.id, passwordHash });
  await createAccount(db, { username: 'c_region', role: 'region_admin', regionId: r2.id, passwordHash });
  return { r1, r2, A, B, C, accountsByRole };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;
