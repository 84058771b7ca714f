/**
 * Who may see a case. Beyond the usual scope (the institution's discipline office, or the region's
 * discipline group for everything in the region and alone for cases about a hospital's leadership),
 * three exclusions protect the reporter: a subject never sees the case, nor does the head of a
 * subject's department, nor a handler who declared a conflict and stepped aside.
 */
import { outer } from '../../platform/db.ts';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Actor, scopeOf } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { posts } from '../org/org.tables.ts';
import { caseRecusals, caseSubjects, cases } from './reports.tables.ts';

/** SQL limiting `cases` to what the actor may read. */
export function caseVisibility(actor: Actor): SQL {
  const level = scopeOf(actor);
  const base =
    level === 'region'
      ? eq(cases.regionId, actor.regionId)
      : level === 'institution' && actor.institutionId
        ? and(eq(cases.institutionId, actor.institutionId), eq(cases.routedTo, 'institution'))
        : sql`false`;
  const parts: (SQL | undefined)[] = [
    base,
    sql`not exists (select 1 from ${caseRecusals} r where r.case_id = ${outer(cases.id)} and r.account_id = ${actor.accountId})`,
  ];
  if (actor.personId) {
    parts.push(sql`not exists (select 1 from ${caseSubjects} s where s.case_id = ${outer(cases.id)} and s.person_id = ${actor.personId})`);
    parts.push(
      sql`not exists (select 1 from ${caseSubjects} s join ${posts} p on p.department_id = s.department_id
            where s.case_id = ${outer(cases.id)} and p.person_id = ${actor.personId} and p.active and p.cadre_level <> 'none')`,
    );
  }
  return and(...parts) as SQL;
}

/** Loads a case the actor may see, or 404. */
export async function visibleCase(db: Db, actor: Actor, id: string) {
  const [c] = await db.select().from(cases).where(and(eq(cases.id, id), caseVisibility(actor)));
  if (!c) throw notFound('case');
  return c;
}
