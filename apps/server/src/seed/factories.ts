/** Factories that insert organisation rows and accounts directly; tests and the demo seed share them. */
import crypto from 'node:crypto';
import { maskNationalId, type TRole } from '@qinglian/contracts';
import type { Platform } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { accounts } from '../modules/auth/auth.tables.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { departments, institutions, partyBranches, people, posts, regions } from '../modules/org/org.tables.ts';

const uid = () => crypto.randomBytes(4).toString('hex');

export async function createRegion(db: Db, v: Partial<typeof regions.$inferInsert> = {}) {
  const [r] = await db.insert(regions).values({ code: `R${uid()}`, name: `测试市${uid()}`, ...v }).returning();
  return r!;
}

export async function createInstitution(db: Db, regionId: string, v: Partial<typeof institutions.$inferInsert> = {}) {
  const [r] = await db
    .insert(institutions)
    .values({ regionId, code: `H${uid()}`, name: `测试医院${uid()}`, level: 'tertiary', kind: 'general', ...v })
    .returning();
  return r!;
}

export async function createDepartment(db: Db, institutionId: string, v: Partial<typeof departments.$inferInsert> = {}) {
  const [r] = await db
    .insert(departments)
    .values({ institutionId, code: `D${uid()}`, name: `科室${uid()}`, clinical: true, ...v })
    .returning();
  return r!;
}

export async function createPerson(
  platform: Platform,
  institutionId: string,
  v: Partial<typeof people.$inferInsert> & { nationalId?: string } = {},
) {
  const { nationalId, ...rest } = v;
  const [r] = await platform.db
    .insert(people)
    .values({
      institutionId,
      staffNo: `S${uid()}`,
      name: `职工${uid()}`,
      ...(nationalId ? { nationalIdSealed: platform.keyring.encrypt(nationalId), nationalIdMasked: maskNationalId(nationalId) } : {}),
      ...rest,
    })
    .returning();
  return r!;
}

export async function createBranch(db: Db, institutionId: string, v: Partial<typeof partyBranches.$inferInsert> = {}) {
  const [r] = await db.insert(partyBranches).values({ institutionId, name: `党支部${uid()}`, ...v }).returning();
  return r!;
}

export async function createPost(db: Db, institutionId: string, personId: string, v: Partial<typeof posts.$inferInsert> = {}) {
  const [r] = await db.insert(posts).values({ institutionId, personId, name: '岗位', ...v }).returning();
  return r!;
}

export interface AccountSpec {
  username: string;
  role: TRole;
  regionId: string;
  institutionId?: string | null;
  departmentId?: string | null;
  personId?: string | null;
  password?: string;
  /** A precomputed hash, so seeding many accounts with one password hashes once. */
  passwordHash?: string;
}

export async function createAccount(db: Db, spec: AccountSpec) {
  const passwordHash = spec.passwordHash ?? (await hashPassword(spec.password ?? 'test-password-1'));
  const [r] = await db
    .insert(accounts)
    .values({
      username: spec.username.toLowerCase(),
      passwordHash,
      role: spec.role,
      regionId: spec.regionId,
      institutionId: spec.institutionId ?? null,
      departmentId: spec.departmentId ?? null,
      personId: spec.personId ?? null,
    })
    .returning();
  return r!;
}
