/**
 * The demo region 清源市: twelve institutions of mixed levels and kinds, their departments and party
 * branches, about 800 staff with posts, an account for every role (password `qinglian-demo`), and the
 * hospitals' tender processes with their red flags (seed/tenders.ts), and 清源市人民医院's inspection rounds,
 * rectification orders and cadre scores (seed/supervision-rounds.ts).
 * Deterministic, atomic and idempotent: a second run finds the region and changes nothing.
 */
import { maskNationalId, type TRole } from '@qinglian/contracts';
import { eq } from 'drizzle-orm';
import { writeAudit } from '../platform/audit.ts';
import { systemCtx, type Platform } from '../platform/context.ts';
import { type Db, inTx } from '../platform/db.ts';
import { accounts } from '../modules/auth/auth.tables.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { departments, institutions, partyBranches, people, posts, regions } from '../modules/org/org.tables.ts';
import { ADMIN_TITLES, DEPARTMENTS, DOCTOR_TITLES, INSTITUTIONS, NURSE_TITLES, REGION, TECH_TITLES } from './catalog.ts';
import { chineseName, mobile, nationalId, prng, type Rng } from './names.ts';
import { seedDemoReports } from './reports.ts';
import { seedDemoReps } from './reps.ts';
import { seedDemoSupervisionRounds } from './supervision-rounds.ts';
import { seedDemoTenders } from './tenders.ts';
import { seedDemoSupervisionRisks } from './supervision-risks.ts';

export const DEMO_PASSWORD = 'qinglian-demo';

/** The demo accounts, listed in the README: username → what it shows. */
export const DEMO_ACCOUNTS: { username: string; role: TRole; institution?: string; dept?: string; person?: 'leader' | 'head' | 'inspector' | 'doctor' | 'discipline' | 'info' }[] = [
  { username: 'admin', role: 'region_admin' },
  { username: 'supervisor', role: 'region_supervisor' },
  { username: 'hadmin', role: 'institution_admin', institution: 'QY001', dept: 'INFO', person: 'info' },
  { username: 'jijian', role: 'discipline_officer', institution: 'QY001', dept: 'DISC', person: 'discipline' },
  { username: 'yuanzhang', role: 'leader', institution: 'QY001', dept: 'OFFI', person: 'leader' },
  { username: 'xinnei', role: 'dept_head', institution: 'QY001', dept: 'CARD', person: 'head' },
  { username: 'wangge', role: 'grid_supervisor', institution: 'QY001', dept: 'CARD', person: 'inspector' },
  { username: 'yisheng', role: 'staff', institution: 'QY001', dept: 'CARD', person: 'doctor' },
  { username: 'guke', role: 'dept_head', institution: 'QY001', dept: 'ORTH', person: 'head' },
  { username: 'zy_jijian', role: 'discipline_officer', institution: 'QY002', dept: 'DISC', person: 'discipline' },
  { username: 'zy_admin', role: 'institution_admin', institution: 'QY002', dept: 'OFFI', person: 'info' },
];

interface DeptPeople {
  head?: string;
  inspector?: string;
  doctor?: string;
  discipline?: string;
  info?: string;
  leader?: string;
}

function titleFor(r: Rng, code: string, clinical: boolean, i: number) {
  if (code === 'PHAR' || code === 'LAB' || code === 'RADI') return r.pick(TECH_TITLES);
  if (!clinical) return r.pick(ADMIN_TITLES);
  return i % 3 === 2 ? r.pick(NURSE_TITLES) : r.pick(DOCTOR_TITLES);
}

const KEY_DEPTS = new Set(['PHAR', 'PROC', 'EQUP', 'FIN', 'INSU', 'HR']);

async function seedInstitution(platform: Platform, db: Db, r: Rng, regionId: string, spec: (typeof INSTITUTIONS)[number], staffSeq: { n: number }) {
  const [inst] = await db.insert(institutions).values({ regionId, code: spec.code, name: spec.name, level: spec.level, kind: spec.kind, requireTotpForDiscipline: false }).returning();
  const deptRows = await db
    .insert(departments)
    .values(spec.depts.map((c) => ({ institutionId: inst!.id, code: c, name: DEPARTMENTS[c]![0], clinical: DEPARTMENTS[c]![1] })))
    .returning();
  const byCode = new Map(deptRows.map((d) => [d.code, d]));
  // Clinical departments get twice the weight of administrative ones.
  const weights = spec.depts.map((c) => (DEPARTMENTS[c]![1] ? 2 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const perDept: Record<string, DeptPeople> = {};
  const postRows: (typeof posts.$inferInsert)[] = [];
  const branchRows: (typeof partyBranches.$inferInsert)[] = [];
  const adminBranchMembers: string[] = [];
  for (const [i, code] of spec.depts.entries()) {
    const [, clinical, specialty] = DEPARTMENTS[code]!;
    const dept = byCode.get(code)!;
    const count = Math.max(2, Math.round((spec.staff * weights[i]!) / total));
    const values = Array.from({ length: count }, (_, k) => {
      staffSeq.n++;
      const cadre = k === 0 || (clinical && k === 1);
      const id = cadre ? nationalId(r) : null;
      return {
        institutionId: inst!.id,
        departmentId: dept.id,
        staffNo: `${spec.code.slice(2)}${String(staffSeq.n).padStart(5, '0')}`,
        name: chineseName(r),
        title: titleFor(r, code, clinical, k),
        specialty: clinical && k % 3 !== 2 ? specialty : null,
        phone: mobile(r),
        nationalIdSealed: id ? platform.keyring.encrypt(id) : null,
        nationalIdMasked: id ? maskNationalId(id) : null,
      };
    });
    const ps = await db.insert(people).values(values).returning({ id: people.id });
    const roles: DeptPeople = { head: ps[0]!.id, inspector: ps[Math.min(2, ps.length - 1)]!.id, doctor: ps[ps.length > 3 ? 3 : ps.length - 1]!.id };
    if (code === 'DISC') roles.discipline = ps[1]?.id ?? ps[0]!.id;
    if (code === 'INFO' || code === 'OFFI') roles.info = ps[ps.length - 1]!.id;
    perDept[code] = roles;
    const headTitle = clinical ? '科主任' : code === 'DISC' ? '纪检监察室主任' : '科长';
    postRows.push({ institutionId: inst!.id, personId: ps[0]!.id, departmentId: dept.id, name: headTitle, cadreLevel: 'middle', keyPost: KEY_DEPTS.has(code), startedOn: `${2016 + r.int(0, 8)}-0${r.int(1, 9)}-01` });
    if (clinical && ps[1]) postRows.push({ institutionId: inst!.id, personId: ps[1].id, departmentId: dept.id, name: '护士长', cadreLevel: 'middle', keyPost: false, startedOn: `${2018 + r.int(0, 6)}-0${r.int(1, 9)}-01` });
    if (code === 'PROC' && ps[1]) postRows.push({ institutionId: inst!.id, personId: ps[1].id, departmentId: dept.id, name: '采购员', cadreLevel: 'none', keyPost: true, startedOn: '2021-03-01' });
    if (clinical) branchRows.push({ institutionId: inst!.id, departmentId: dept.id, name: `${dept.name}党支部`, secretaryId: ps[0]!.id, inspectorId: roles.inspector! });
    else adminBranchMembers.push(ps[0]!.id);
  }
  // Leadership: party secretary, president and vice presidents sit in the president's office.
  const office = byCode.get('OFFI')!;
  const leaderTitles = ['党委书记', '院长', ...(spec.level === 'tertiary' ? ['副院长', '副院长', '纪委书记'] : spec.level === 'secondary' ? ['副院长', '纪委书记'] : [])];
  const leaders = await db
    .insert(people)
    .values(
      leaderTitles.map(() => {
        staffSeq.n++;
        const id = nationalId(r);
        return {
          institutionId: inst!.id,
          departmentId: office.id,
          staffNo: `${spec.code.slice(2)}${String(staffSeq.n).padStart(5, '0')}`,
          name: chineseName(r),
          title: r.pick(['主任医师', '研究员', '高级经济师']),
          phone: mobile(r),
          nationalIdSealed: platform.keyring.encrypt(id),
          nationalIdMasked: maskNationalId(id),
        };
      }),
    )
    .returning({ id: people.id });
  for (const [i, l] of leaders.entries())
    postRows.push({ institutionId: inst!.id, personId: l.id, departmentId: office.id, name: leaderTitles[i]!, cadreLevel: 'leader', keyPost: true, startedOn: `${2017 + i}-01-01` });
  perDept.OFFI = { ...perDept.OFFI, leader: leaders[1]!.id };
  branchRows.push({ institutionId: inst!.id, departmentId: null, name: '机关党支部', secretaryId: leaders[0]!.id, inspectorId: adminBranchMembers[0] ?? null });
  await db.insert(posts).values(postRows);
  await db.insert(partyBranches).values(branchRows);
  return { inst: inst!, byCode, perDept };
}

/** Seeds the demo region unless it exists; returns whether anything was written. */
export async function seedDemo(platform: Platform): Promise<{ seeded: boolean; institutions: number; people: number; accounts: number }> {
  const [existing] = await platform.db.select().from(regions).where(eq(regions.code, REGION.code));
  if (existing) return { seeded: false, institutions: 0, people: 0, accounts: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inTx(platform.db, async (db) => {
    const r = prng(20261122);
    const [region] = await db.insert(regions).values(REGION).returning();
    const seq = { n: 0 };
    const made = new Map<string, Awaited<ReturnType<typeof seedInstitution>>>();
    for (const spec of INSTITUTIONS) made.set(spec.code, await seedInstitution(platform, db, r, region!.id, spec, seq));
    const accountIds = new Map<string, string>();
    for (const a of DEMO_ACCOUNTS) {
      const m = a.institution ? made.get(a.institution)! : null;
      const dept = m && a.dept ? m.byCode.get(a.dept)! : null;
      const personId = m && a.dept && a.person ? (m.perDept[a.dept]?.[a.person] ?? null) : null;
      const deptLevel = a.role === 'dept_head' || a.role === 'grid_supervisor' || a.role === 'staff';
      const [account] = await db.insert(accounts).values({
        username: a.username,
        passwordHash,
        role: a.role,
        regionId: region!.id,
        institutionId: m?.inst.id ?? null,
        departmentId: deptLevel || personId ? (dept?.id ?? null) : null,
        personId,
      }).returning({ id: accounts.id });
      accountIds.set(a.username, account!.id);
    }
    const main = made.get('QY001')!;
    await seedDemoReps(platform, db, {
      regionId: region!.id,
      institutionId: main.inst.id,
      institutionCode: main.inst.code,
      departments: ['PHAR', 'PROC', 'EQUP'].map((code) => main.byCode.get(code)!),
      hosts: [main.perDept.DISC?.discipline, main.perDept.OFFI?.leader, main.perDept.PHAR?.head, main.perDept.PROC?.head].filter((x): x is string => !!x),
      officerAccountId: accountIds.get('jijian') ?? null,
    }, passwordHash);
    await seedDemoReports(platform, db, { institutionId: main.inst.id, officerAccountId: accountIds.get('jijian')! });
    // Risk points with their measures and a year of talks at the main hospital.
    await seedDemoSupervisionRisks(platform, db, main.inst.id);
    // Inspection rounds with scored checklists, rectification orders in every state, a letter, cadre scores.
    await seedDemoSupervisionRounds(platform, db, {
      regionId: region!.id,
      institutionId: main.inst.id,
      institutionCode: main.inst.code,
      departments: main.byCode,
      heads: Object.fromEntries(Object.entries(main.perDept).map(([code, p]) => [code, p.head])),
      team: [main.perDept.DISC?.discipline, main.perDept.MED?.head, main.perDept.NURS?.head, main.perDept.FIN?.head].filter((x): x is string => !!x),
    });
    // Tender processes go through the real import (a savepoint inside this transaction), flags and all.
    await seedDemoTenders(systemCtx({ ...platform, db }), region!.id, INSTITUTIONS);
    await writeAudit(systemCtx({ ...platform, db }), {
      action: 'seed.demo',
      targetType: 'region',
      targetId: region!.id,
      regionId: region!.id,
      after: { institutions: INSTITUTIONS.length, people: seq.n, accounts: DEMO_ACCOUNTS.length },
    });
    return { seeded: true, institutions: INSTITUTIONS.length, people: seq.n, accounts: DEMO_ACCOUNTS.length };
  });
}
