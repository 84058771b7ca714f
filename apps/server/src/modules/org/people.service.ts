/**
 * People (staff) of an institution. The national ID number is stored sealed with a masked copy; the API
 * shows only the masked form, and the full number only through `revealNationalId`, which is audited.
 */
import { maskNationalId, type TOrgListQuery, type TPage, type TPerson, type TPersonInput, type TPersonPatch } from '@qinglian/contracts';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { assertInScope, scopeWhere, writableInstitution } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { likeOf, orderOf } from '../../platform/pagination.ts';
import { departmentOf, definedOnly, EXPORT_LIMIT, guardUnique, pageResult, withTx, writableInstitutionRow } from './org.common.ts';
import { departments, institutions, people } from './org.tables.ts';

const columns = {
  id: people.id,
  institutionId: people.institutionId,
  institutionName: institutions.name,
  departmentId: people.departmentId,
  departmentName: departments.name,
  staffNo: people.staffNo,
  name: people.name,
  title: people.title,
  specialty: people.specialty,
  phone: people.phone,
  nationalIdMasked: people.nationalIdMasked,
  active: people.active,
};

const sortable = {
  staffNo: people.staffNo,
  name: people.name,
  departmentName: departments.name,
  title: people.title,
  specialty: people.specialty,
  institutionName: institutions.name,
  active: people.active,
  createdAt: people.createdAt,
};

/** The scope columns of the people table (department-level callers see their department's people). */
export const peopleScope = { institutionId: people.institutionId, departmentId: people.departmentId, personId: people.id };

function whereOf(ctx: Ctx, q: TOrgListQuery): SQL | undefined {
  const conds: SQL[] = [scopeWhere(actorOf(ctx), peopleScope)];
  if (q.q) conds.push(or(ilike(people.name, likeOf(q.q)), ilike(people.staffNo, likeOf(q.q)))!);
  if (q.institutionId) conds.push(eq(people.institutionId, q.institutionId));
  if (q.departmentId) conds.push(eq(people.departmentId, q.departmentId));
  if (q.active !== undefined) conds.push(eq(people.active, q.active));
  return and(...conds);
}

function select(ctx: Ctx, q: TOrgListQuery, limit: number, offset: number) {
  return ctx.db
    .select(columns)
    .from(people)
    .innerJoin(institutions, eq(institutions.id, people.institutionId))
    .leftJoin(departments, eq(departments.id, people.departmentId))
    .where(whereOf(ctx, q))
    .orderBy(...orderOf(q, sortable, people.staffNo), asc(people.id))
    .limit(limit)
    .offset(offset);
}

/** A page of people in the caller's scope, national ID numbers masked. */
export async function listPeople(ctx: Ctx, q: TOrgListQuery): Promise<TPage<TPerson>> {
  return pageResult(
    q,
    (limit, offset) => select(ctx, q, limit, offset),
    async () => (await ctx.db.select({ n: count() }).from(people).where(whereOf(ctx, q)))[0]?.n ?? 0,
  );
}

/** Every person matching the filters (for the spreadsheet export), masked. */
export function exportPeople(ctx: Ctx, q: TOrgListQuery): Promise<TPerson[]> {
  return select(ctx, q, EXPORT_LIMIT, 0);
}

async function personRow(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select({ ...columns, regionId: institutions.regionId, nationalIdSealed: people.nationalIdSealed })
    .from(people)
    .innerJoin(institutions, eq(institutions.id, people.institutionId))
    .leftJoin(departments, eq(departments.id, people.departmentId))
    .where(eq(people.id, id));
  if (!row) throw notFound('person');
  assertInScope(actorOf(ctx), { institutionId: row.institutionId, departmentId: row.departmentId, personId: row.id }, row.regionId);
  return row;
}

const publicShape = ({ regionId: _r, nationalIdSealed: _n, ...p }: Awaited<ReturnType<typeof personRow>>): TPerson => p;

/** One person in the caller's scope (404 otherwise), national ID masked. */
export async function getPerson(ctx: Ctx, id: string): Promise<TPerson> {
  return publicShape(await personRow(ctx, id));
}

/** The sealed and masked columns for a national ID number; null clears both. */
export function sealNationalId(ctx: Ctx, nationalId: string | null) {
  if (!nationalId) return { nationalIdSealed: null, nationalIdMasked: null };
  const id = nationalId.trim().toUpperCase();
  return { nationalIdSealed: ctx.platform.keyring.encrypt(id), nationalIdMasked: maskNationalId(id) };
}

/** Creates a person; the staff number is unique within the institution. */
export async function createPerson(ctx: Ctx, input: TPersonInput): Promise<TPerson> {
  const actor = actorOf(ctx);
  const id = await withTx(ctx, async (c) => {
    const inst = await writableInstitutionRow(c, actor, input.institutionId);
    await departmentOf(c, inst.id, input.departmentId);
    const { nationalId, ...rest } = input;
    const [r] = await guardUnique(() =>
      c.db
        .insert(people)
        .values({ ...rest, ...sealNationalId(c, nationalId ?? null) })
        .returning({ id: people.id }),
    );
    const after = publicShape(await personRow(c, r!.id));
    await writeAudit(c, { action: 'person.create', targetType: 'person', targetId: r!.id, institutionId: inst.id, regionId: inst.regionId, after });
    return r!.id;
  });
  return getPerson(ctx, id);
}

/** Edits a person, including `active: false` to deactivate and `true` to reactivate; `nationalId: null` clears it. */
export async function updatePerson(ctx: Ctx, id: string, patch: TPersonPatch): Promise<TPerson> {
  const actor = actorOf(ctx);
  await withTx(ctx, async (c) => {
    const before = await personRow(c, id);
    writableInstitution(actor, before.institutionId, before.regionId);
    if (patch.departmentId) await departmentOf(c, before.institutionId, patch.departmentId);
    const { nationalId, ...rest } = patch;
    const set = { ...definedOnly(rest), ...(nationalId !== undefined ? sealNationalId(c, nationalId) : {}) };
    if (!Object.keys(set).length) return;
    await guardUnique(() =>
      c.db
        .update(people)
        .set({ ...set, updatedAt: c.platform.now() })
        .where(eq(people.id, id)),
    );
    const after = publicShape(await personRow(c, id));
    await writeAudit(c, {
      action: 'person.update',
      targetType: 'person',
      targetId: id,
      institutionId: before.institutionId,
      regionId: before.regionId,
      before: publicShape(before),
      after,
    });
  });
  return getPerson(ctx, id);
}

/** The full national ID number for a stated reason; the read is audited in the same transaction. */
export async function revealNationalId(ctx: Ctx, id: string, reason: string): Promise<{ nationalId: string | null }> {
  return withTx(ctx, async (c) => {
    const p = await personRow(c, id);
    const nationalId = p.nationalIdSealed ? c.platform.keyring.decrypt(p.nationalIdSealed) : null;
    await writeAudit(c, {
      action: 'person.national_id_read',
      targetType: 'person',
      targetId: id,
      institutionId: p.institutionId,
      regionId: p.regionId,
      after: { reason, staffNo: p.staffNo, name: p.name, masked: p.nationalIdMasked },
    });
    return { nationalId };
  });
}
