/**
 * Quarterly assessment of middle-level cadres: scores entered or imported (all rows or none), a ranking,
 * and the bottom of the ranking proposed for a reminder talk (the occupational disease hospital's practice).
 */
import { and, eq, gte, inArray } from 'drizzle-orm';
import { scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n.ts';
import { departments, people, posts } from '../org/org.tables.ts';
import { targetInstitution } from './supervision.common.ts';
import { assessmentSettings, cadreAssessments, talks } from './supervision.tables.ts';

const SCORE = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;
/** How many at the bottom of a ranking are proposed for a reminder talk unless the institution set its own number. */
export const BOTTOM_PROPOSED = 4;

/** The institution's assessment settings (the bottom-N for reminder talks). */
export async function getSettings(ctx: Ctx, institutionId?: string) {
  const inst = await targetInstitution(ctx, institutionId);
  const [s] = await ctx.db.select().from(assessmentSettings).where(eq(assessmentSettings.institutionId, inst.id));
  return { institutionId: inst.id, bottomProposed: s?.bottomProposed ?? BOTTOM_PROPOSED };
}

/** Sets how many at the bottom of a ranking are proposed for a reminder talk; audited. */
export async function setSettings(ctx: Ctx, input: { institutionId?: string; bottomProposed: number }) {
  const before = await getSettings(ctx, input.institutionId);
  await inTx(ctx.db, async (tx) => {
    await tx
      .insert(assessmentSettings)
      .values({ institutionId: before.institutionId, bottomProposed: input.bottomProposed })
      .onConflictDoUpdate({ target: assessmentSettings.institutionId, set: { bottomProposed: input.bottomProposed } });
    await writeAudit({ ...ctx, db: tx }, { action: 'assessment.settings', targetType: 'institution', targetId: before.institutionId, institutionId: before.institutionId, before, after: { bottomProposed: input.bottomProposed } });
  });
  return { institutionId: before.institutionId, bottomProposed: input.bottomProposed };
}

/** Imports a period's scores by staff number; any bad row rejects the whole set with every problem listed. */
export async function importScores(ctx: Ctx, input: { institutionId?: string; period: string; rows: { staffNo: string; score: string }[] }) {
  const inst = await targetInstitution(ctx, input.institutionId);
  const staff = await ctx.db
    .select({ id: people.id, staffNo: people.staffNo })
    .from(people)
    .where(and(eq(people.institutionId, inst.id), inArray(people.staffNo, input.rows.map((r) => r.staffNo))));
  const cadres = new Set(
    (await ctx.db.select({ personId: posts.personId }).from(posts).where(and(eq(posts.institutionId, inst.id), eq(posts.active, true), eq(posts.cadreLevel, 'middle')))).map((p) => p.personId),
  );
  const byNo = new Map(staff.map((s) => [s.staffNo, s.id]));
  // Row problems are shown to the user as they are (like the staff import's): localized here, reason kept.
  const errors: { row: number; column: string; message: string; reason: string }[] = [];
  const problem = (row: number, column: string, reason: string) => errors.push({ row, column, message: t(ctx.locale, reason), reason });
  const seen = new Set<string>();
  input.rows.forEach((r, i) => {
    const row = i + 1;
    const id = byNo.get(r.staffNo);
    if (!id) problem(row, 'staffNo', 'unknown_person');
    else if (!cadres.has(id)) problem(row, 'staffNo', 'not_middle_cadre');
    if (seen.has(r.staffNo)) problem(row, 'staffNo', 'duplicate_in_file');
    seen.add(r.staffNo);
    if (!SCORE.test(r.score.trim())) problem(row, 'score', 'score_format');
  });
  if (errors.length) throw new AppError('import_failed', 'import_failed', { errors });
  await inTx(ctx.db, async (tx) => {
    for (const r of input.rows) {
      const values = { institutionId: inst.id, personId: byNo.get(r.staffNo)!, period: input.period, score: r.score.trim() };
      await tx.insert(cadreAssessments).values(values).onConflictDoUpdate({ target: [cadreAssessments.institutionId, cadreAssessments.period, cadreAssessments.personId], set: { score: values.score } });
    }
    await writeAudit({ ...ctx, db: tx }, { action: 'assessment.import', targetType: 'institution', targetId: inst.id, institutionId: inst.id, after: { period: input.period, rows: input.rows.length } });
  });
  return { imported: input.rows.length };
}

/** The period's ranking, highest first; the bottom N (the institution's setting, four by default) are proposed for a reminder talk. */
export async function ranking(ctx: Ctx, q: { institutionId?: string; period: string }) {
  const actor = actorOf(ctx);
  const instId = q.institutionId ?? actor.institutionId;
  const [setting] = instId ? await ctx.db.select().from(assessmentSettings).where(eq(assessmentSettings.institutionId, instId)) : [];
  const bottomN = setting?.bottomProposed ?? BOTTOM_PROPOSED;
  const rows = await ctx.db
    .select({ a: cadreAssessments, name: people.name, departmentName: departments.name })
    .from(cadreAssessments)
    .innerJoin(people, eq(people.id, cadreAssessments.personId))
    .leftJoin(departments, eq(departments.id, people.departmentId))
    .where(and(scopeWhere(actor, { institutionId: cadreAssessments.institutionId }), eq(cadreAssessments.period, q.period), q.institutionId ? eq(cadreAssessments.institutionId, q.institutionId) : undefined));
  // Exact decimal comparison: scores are strings with at most two decimals.
  const cents = (s: string) => Math.round(Number(s) * 100);
  rows.sort((x, y) => cents(y.a.score) - cents(x.a.score) || x.name.localeCompare(y.name, 'zh-CN'));
  const personIds = rows.map((r) => r.a.personId);
  const postRows = personIds.length
    ? await ctx.db.select({ personId: posts.personId, name: posts.name }).from(posts).where(and(inArray(posts.personId, personIds), eq(posts.active, true)))
    : [];
  const [y, qn] = q.period.split('-Q').map(Number) as [number, number];
  const periodEnd = `${qn === 4 ? y + 1 : y}-${String(qn === 4 ? 1 : qn * 3 + 1).padStart(2, '0')}-01`;
  const talked = new Set(
    personIds.length
      ? (await ctx.db.select({ s: talks.subjectId }).from(talks).where(and(inArray(talks.subjectId, personIds), eq(talks.reasonKind, 'assessment'), gte(talks.talkedOn, periodEnd)))).map((t) => t.s)
      : [],
  );
  const bottom = new Set(rows.slice(Math.max(0, rows.length - bottomN)).map((r) => r.a.personId));
  let rank = 0;
  let prev = Number.NaN;
  return {
    period: q.period,
    bottomProposed: bottomN,
    rows: rows.map((r, i) => {
      if (cents(r.a.score) !== prev) rank = i + 1;
      prev = cents(r.a.score);
      return {
        rank,
        personId: r.a.personId,
        name: r.name,
        departmentName: r.departmentName,
        post: postRows.find((p) => p.personId === r.a.personId)?.name ?? null,
        score: r.a.score,
        proposedTalk: bottomN > 0 && rows.length > bottomN && bottom.has(r.a.personId),
        talked: talked.has(r.a.personId),
      };
    }),
  };
}

/** The ranking for a spreadsheet; audited (scores are personnel data). */
export async function exportRanking(ctx: Ctx, q: { institutionId?: string; period: string }) {
  const r = await ranking(ctx, q);
  const actor = actorOf(ctx);
  await writeAudit(ctx, { action: 'assessment.export', targetType: 'institution', regionId: actor.regionId, institutionId: q.institutionId ?? actor.institutionId, after: { period: q.period, rows: r.rows.length } });
  return r;
}
