/**
 * Copies the reference data the rules and the fact validation need from the application database into
 * temporary DuckDB tables of the current connection (ref_*). Reference data is small (thousands of rows),
 * so a fresh copy per operation is cheaper than keeping two stores in step.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { departments, institutions, people } from '../org/index.ts';
import { repCompanies, repVisitHosts, repVisits } from '../reps/index.ts';
import { screeningCommitteeVotes, screeningProducts, screeningRelations, screeningRepVisits, screeningSuppliers } from './screening.tables.ts';
import { loadTextTable } from './facts.store.ts';

/** Fen (integer) as an exact yuan decimal string. */
export const fenToYuan = (fen: number | bigint | null): string | null => {
  if (fen === null) return null;
  const n = BigInt(fen);
  const neg = n < 0n;
  const a = neg ? -n : n;
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
};

/** Loads ref_institutions, ref_departments, ref_staff, ref_suppliers, ref_products, ref_relations, ref_votes, ref_visits. */
export async function syncReference(db: Db, con: DuckDBConnection): Promise<void> {
  const insts = await db.select().from(institutions);
  const code = new Map(insts.map((i) => [i.id, i.code]));
  await loadTextTable(con, 'ref_institutions', ['code', 'id', 'region_id', 'name'], insts.map((i) => [i.code, i.id, i.regionId, i.name]));
  const depts = await db.select().from(departments);
  const deptCode = new Map(depts.map((d) => [d.id, d.code]));
  await loadTextTable(
    con,
    'ref_departments',
    ['institution_code', 'dept_code', 'name', 'clinical'],
    depts.map((d) => [code.get(d.institutionId), d.code, d.name, d.clinical ? '1' : '0']),
  );
  const staff = await db
    .select({ institutionId: people.institutionId, staffNo: people.staffNo, name: people.name, specialty: people.specialty, departmentId: people.departmentId, id: people.id, title: people.title })
    .from(people)
    .where(eq(people.active, true));
  await loadTextTable(
    con,
    'ref_staff',
    ['institution_code', 'staff_no', 'person_id', 'name', 'specialty', 'dept_code', 'title'],
    staff.map((s) => [code.get(s.institutionId), s.staffNo, s.id, s.name, s.specialty, s.departmentId ? deptCode.get(s.departmentId) : null, s.title]),
  );
  const sup = await db.select().from(screeningSuppliers);
  await loadTextTable(con, 'ref_suppliers', ['code', 'name', 'kind'], sup.map((s) => [s.code, s.name, s.kind]));
  const prod = await db.select().from(screeningProducts);
  await loadTextTable(
    con,
    'ref_products_text',
    ['code', 'generic_name', 'brand_name', 'spec', 'manufacturer_code', 'category', 'platform_price', 'vbp', 'key_monitored'],
    prod.map((p) => [p.code, p.genericName, p.brandName, p.spec, p.manufacturerCode, p.category, fenToYuan(p.platformPriceFen), p.vbp ? '1' : '0', p.keyMonitored ? '1' : '0']),
  );
  await con.run(`CREATE OR REPLACE TEMP TABLE ref_products AS SELECT code, generic_name, brand_name, spec, manufacturer_code, category,
    CAST(platform_price AS DECIMAL(18,2)) platform_price, vbp = '1' vbp, key_monitored = '1' key_monitored FROM ref_products_text`);
  const rel = await db.select().from(screeningRelations);
  await loadTextTable(
    con,
    'ref_relations',
    ['institution_code', 'staff_no', 'supplier_code', 'relation', 'declared_on'],
    rel.map((r) => [code.get(r.institutionId), r.staffNo, r.supplierCode, r.relation, r.declaredOn]),
  );
  const votes = await db.select().from(screeningCommitteeVotes);
  await loadTextTable(
    con,
    'ref_votes',
    ['institution_code', 'decision_id', 'decided_on', 'product_code', 'outcome', 'member_staff_no', 'vote'],
    votes.map((v) => [code.get(v.institutionId), v.decisionId, v.decidedOn, v.productCode, v.outcome, v.memberStaffNo, v.vote]),
  );
  const visits = await db.select().from(screeningRepVisits);
  // Visits recorded by the reps module count too (one row per host, as its rep_visits export writes them);
  // an imported file that repeats them is recognised by the visit id.
  const recorded = await db
    .select({
      id: repVisits.id,
      institutionId: repVisits.institutionId,
      supplier: sql<string>`coalesce(${repCompanies.supplierCode}, ${repCompanies.creditCode})`,
      repId: repVisits.repId,
      at: repVisits.checkedInAt,
      departmentId: repVisits.departmentId,
      staffNo: people.staffNo,
    })
    .from(repVisits)
    .innerJoin(repCompanies, eq(repCompanies.id, repVisits.companyId))
    .leftJoin(repVisitHosts, eq(repVisitHosts.visitId, repVisits.id))
    .leftJoin(people, eq(people.id, repVisitHosts.personId));
  const imported = new Set(visits.map((v) => `${v.institutionId}|${v.visitId}`));
  await loadTextTable(con, 'ref_visits', ['institution_code', 'visit_id', 'supplier_code', 'rep_id', 'visited_on', 'dept_code', 'host_staff_no'], [
    ...visits.map((v) => [code.get(v.institutionId), v.visitId, v.supplierCode, v.repId, v.visitedOn, v.deptCode, v.hostStaffNo]),
    ...recorded
      .filter((v) => !imported.has(`${v.institutionId}|${v.id}`))
      .map((v) => [code.get(v.institutionId), v.id, v.supplier, v.repId, shanghaiDate(v.at), v.departmentId ? deptCode.get(v.departmentId) : null, v.staffNo]),
  ]);
}
