/**
 * The rep's own side: profile, documents, the integrity pledge, submission (renewed yearly) and
 * applications to institutions. Every query is keyed by the signed-in rep: they see only their own data.
 */
import { maskNationalId, maskPhone, PLEDGE_VERSION, type TRepInstitution, type TRepProfile, type TRepSelf } from '@qinglian/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import { putBlob } from '../../platform/blobs.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { cleanImage } from '../../platform/images.ts';
import { attachments } from '../../platform/platform.tables.ts';
import { detectType } from '../files/files.service.ts';
import { departments, institutions, regions } from '../org/org.tables.ts';
import { type RepPrincipal, repActorName, repRow } from './rep.auth.ts';
import { addDays, blacklistedSql, formerBlacklistedCompanySql, standingOf, todayOf, withTx } from './reps.common.ts';
import { notifyOffices, scheduleExpiryReminders } from './reps.jobs.ts';
import { receptionRules, repAffiliations, repApprovals, repCompanies, reps } from './reps.tables.ts';

const MAX_FILE = 8 * 1024 * 1024;

/** The signed-in rep's own record, company and approvals. */
export async function me(ctx: Ctx, p: RepPrincipal): Promise<TRepSelf> {
  const [row] = await ctx.db
    .select({ r: reps, c: repCompanies, regionName: regions.name, blacklisted: blacklistedSql.mapWith(Boolean) })
    .from(reps)
    .innerJoin(regions, eq(regions.id, reps.regionId))
    .leftJoin(repCompanies, eq(repCompanies.id, reps.companyId))
    .where(eq(reps.id, p.repId));
  if (!row) throw notFound('rep');
  const { r, c } = row;
  const today = todayOf(ctx);
  const approvals = await ctx.db
    .select({ a: repApprovals, institutionName: institutions.name })
    .from(repApprovals)
    .innerJoin(institutions, eq(institutions.id, repApprovals.institutionId))
    .where(eq(repApprovals.repId, r.id))
    .orderBy(asc(institutions.name));
  return {
    id: r.id,
    regionId: r.regionId,
    regionName: row.regionName,
    phoneMasked: maskPhone(r.phone),
    name: r.name,
    nationalIdMasked: r.nationalIdMasked,
    filingNo: r.filingNo,
    products: r.products,
    letterFrom: r.letterFrom,
    letterUntil: r.letterUntil,
    registeredUntil: r.registeredUntil,
    company: c ? { id: c.id, name: c.name, creditCode: c.creditCode, kind: c.kind, licenceNo: c.licenceNo, hasLicence: !!c.licenceFileId } : null,
    hasPhoto: !!r.photoFileId,
    hasLetter: !!r.letterFileId,
    pledgeSignedAt: r.pledgeSignedAt?.toISOString() ?? null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    blacklisted: row.blacklisted,
    expired: !!r.submittedAt && ((!!r.letterUntil && r.letterUntil < today) || (!!r.registeredUntil && r.registeredUntil < today)),
    approvals: approvals.map(({ a, institutionName }) => ({
      institutionId: a.institutionId,
      institutionName,
      status: a.status,
      reason: a.reason,
      suspendedUntil: a.suspendedUntil,
      decidedAt: a.decidedAt?.toISOString() ?? null,
    })),
    csrfToken: p.csrfToken,
  };
}

/**
 * Saves the profile. The company is found by its credit code in the rep's region or registered;
 * changing identity or documents after submission sends the rep back for review everywhere.
 */
export async function saveProfile(ctx: Ctx, p: RepPrincipal, input: TRepProfile): Promise<TRepSelf> {
  if (input.letterUntil < input.letterFrom) throw invalid('letterUntil', 'date_order');
  if (input.letterUntil < todayOf(ctx)) throw invalid('letterUntil', 'date_past');
  const idHash = ctx.platform.keyring.hmac('rep-national-id', input.nationalId);
  await withTx(ctx, async (c) => {
    const rep = await repRow(c, p);
    const [twin] = await c.db
      .select({ id: reps.id })
      .from(reps)
      .where(and(eq(reps.regionId, rep.regionId), eq(reps.nationalIdHash, idHash), sql`${reps.id} <> ${rep.id}`));
    if (twin) throw conflict('nationalId');
    let [company] = await c.db.select().from(repCompanies).where(and(eq(repCompanies.regionId, rep.regionId), eq(repCompanies.creditCode, input.company.creditCode)));
    if (!company) {
      [company] = await c.db
        .insert(repCompanies)
        .values({ regionId: rep.regionId, name: input.company.name, creditCode: input.company.creditCode, kind: input.company.kind, licenceNo: input.company.licenceNo ?? null })
        .returning();
      await writeAudit(c, { action: 'rep.company_create', targetType: 'rep_company', targetId: company!.id, regionId: rep.regionId, actorName: repActorName(rep), after: input.company });
    }
    const set = {
      name: input.name,
      nationalIdSealed: c.platform.keyring.encrypt(input.nationalId),
      nationalIdMasked: maskNationalId(input.nationalId),
      nationalIdHash: idHash,
      companyId: company!.id,
      filingNo: input.filingNo,
      products: input.products,
      letterFrom: input.letterFrom,
      letterUntil: input.letterUntil,
      updatedAt: c.platform.now(),
    };
    const identityChanged = rep.submittedAt && (rep.nationalIdHash !== idHash || rep.companyId !== company!.id || rep.name !== input.name);
    await c.db.update(reps).set(set).where(eq(reps.id, rep.id));
    // Remember which companies this person represented (by ID number, whatever the account), so a move
    // away from a blacklisted company is flagged for the offices.
    const seen = [{ hash: idHash, companyId: company!.id }];
    if (rep.nationalIdHash && rep.companyId) seen.push({ hash: rep.nationalIdHash, companyId: rep.companyId }, { hash: idHash, companyId: rep.companyId });
    await c.db
      .insert(repAffiliations)
      .values(seen.map((x) => ({ regionId: rep.regionId, nationalIdHash: x.hash, companyId: x.companyId, firstSeenAt: c.platform.now() })))
      .onConflictDoNothing();
    // A changed identity is reviewed again where the rep was admitted; a rejection or a suspension stands
    // (editing the profile is no way out of a suspension).
    if (identityChanged) await c.db.update(repApprovals).set({ status: 'pending', decidedAt: null, decidedBy: null }).where(and(eq(repApprovals.repId, rep.id), eq(repApprovals.status, 'approved')));
    if (rep.submittedAt && rep.letterUntil !== input.letterUntil) await scheduleExpiryReminders(c, rep.id, { letterUntil: input.letterUntil, registeredUntil: null });
    const [flag] = await c.db.select({ former: formerBlacklistedCompanySql }).from(reps).where(eq(reps.id, rep.id));
    if (flag?.former && rep.companyId !== company!.id) {
      const insts = await c.db.select({ id: repApprovals.institutionId }).from(repApprovals).where(eq(repApprovals.repId, rep.id));
      await notifyOffices(c, insts.map((x) => x.id), {
        title: '原黑名单企业代表变更了所属企业',
        body: `${input.name}原属已列入黑名单的${flag.former}，现登记为${company!.name}的代表，请复核。`,
        link: `/reps/registry?rep=${rep.id}`,
      });
      await writeAudit(c, { action: 'rep.flag_former_blacklisted', targetType: 'rep', targetId: rep.id, regionId: rep.regionId, actorName: repActorName(rep), after: { formerCompany: flag.former, companyId: company!.id } });
    }
    const { nationalIdSealed: _s, nationalIdHash: _h, ...after } = set;
    await writeAudit(c, { action: 'rep.profile', targetType: 'rep', targetId: rep.id, regionId: rep.regionId, actorName: repActorName({ ...rep, name: input.name }), after });
  });
  return me(ctx, p);
}

/** Stores a document the rep uploads: the photo (an image, metadata removed), the authorisation letter or the company licence. */
export async function upload(ctx: Ctx, p: RepPrincipal, kind: 'photo' | 'letter' | 'licence', filename: string, data: Buffer): Promise<TRepSelf> {
  if (data.length > MAX_FILE) throw new AppError('file_too_large', 'file_too_large', undefined, { max: MAX_FILE / 1048576 });
  if (data.length === 0) throw invalid('file', 'file_is_empty');
  let mime = await detectType(data);
  if (kind === 'photo' && !mime.startsWith('image/')) throw new AppError('file_type_not_allowed', 'file_type_not_allowed', { detected: mime, field: 'file' }, { type: mime });
  if (kind !== 'photo' && !(mime.startsWith('image/') || mime === 'application/pdf'))
    throw new AppError('file_type_not_allowed', 'file_type_not_allowed', { detected: mime, field: 'file' }, { type: mime });
  if (mime.startsWith('image/')) ({ data, mime } = await cleanImage(data, mime));
  const hash = await putBlob(ctx.platform.config.dataDir, data);
  await withTx(ctx, async (c) => {
    const rep = await repRow(c, p);
    if (kind === 'licence' && !rep.companyId) throw invalid('kind', 'company_first');
    const safe = filename.replace(/[\\/\0]/g, '_').slice(0, 120) || kind;
    const [file] = await c.db
      .insert(attachments)
      .values({ regionId: rep.regionId, institutionId: null, uploadedBy: null, sha256: hash, size: data.length, mime, filename: safe, createdAt: c.platform.now() })
      .returning();
    if (kind === 'licence') await c.db.update(repCompanies).set({ licenceFileId: file!.id, updatedAt: c.platform.now() }).where(eq(repCompanies.id, rep.companyId!));
    else await c.db.update(reps).set(kind === 'photo' ? { photoFileId: file!.id } : { letterFileId: file!.id }).where(eq(reps.id, rep.id));
    await writeAudit(c, { action: `rep.upload_${kind}`, targetType: 'rep', targetId: rep.id, regionId: rep.regionId, actorName: repActorName(rep), after: { fileId: file!.id, mime, size: data.length } });
  });
  return me(ctx, p);
}

/** Records the signed integrity pledge with its time and text version. */
export async function signPledge(ctx: Ctx, p: RepPrincipal): Promise<TRepSelf> {
  await withTx(ctx, async (c) => {
    const rep = await repRow(c, p);
    const now = c.platform.now();
    await c.db.update(reps).set({ pledgeSignedAt: now, pledgeVersion: PLEDGE_VERSION }).where(eq(reps.id, rep.id));
    await writeAudit(c, { action: 'rep.pledge', targetType: 'rep', targetId: rep.id, regionId: rep.regionId, actorName: repActorName(rep), after: { version: PLEDGE_VERSION, at: now } });
  });
  return me(ctx, p);
}

/** Submits (or renews) the registration for one year once the profile, documents and pledge are complete. */
export async function submit(ctx: Ctx, p: RepPrincipal): Promise<TRepSelf> {
  await withTx(ctx, async (c) => {
    const rep = await repRow(c, p);
    const missing = [
      ['name', rep.name],
      ['photo', rep.photoFileId],
      ['letter', rep.letterFileId],
      ['pledge', rep.pledgeSignedAt],
    ].find(([, v]) => !v);
    if (missing) throw invalid(missing[0] as string, 'required');
    // A renewal is a fresh commitment: the pledge is signed again, and the offices review the rep again.
    const renewal = !!rep.submittedAt;
    if (renewal && rep.pledgeSignedAt! <= rep.submittedAt!) throw invalid('pledge', 'pledge_resign');
    const registeredUntil = addDays(todayOf(c), 365);
    await c.db.update(reps).set({ submittedAt: c.platform.now(), registeredUntil }).where(eq(reps.id, rep.id));
    await scheduleExpiryReminders(c, rep.id, { letterUntil: rep.letterUntil, registeredUntil });
    if (renewal) {
      const back = await c.db
        .update(repApprovals)
        .set({ status: 'pending', decidedAt: null, decidedBy: null })
        .where(and(eq(repApprovals.repId, rep.id), eq(repApprovals.status, 'approved')))
        .returning({ institutionId: repApprovals.institutionId });
      await notifyOffices(
        c,
        back.map((a) => a.institutionId),
        { title: '医药代表续期待复核', body: `${rep.name ?? ''}已续期备案并重新签署廉洁承诺，请复核后重新准入。`, link: `/reps/registry?rep=${rep.id}` },
      );
    }
    const entry = { targetType: 'rep', targetId: rep.id, regionId: rep.regionId, actorName: repActorName(rep), after: { registeredUntil } };
    if (renewal) await writeAudit(c, { action: 'rep.renew', ...entry });
    else await writeAudit(c, { action: 'rep.submit', ...entry });
  });
  return me(ctx, p);
}

/** Asks an institution of the rep's region to receive them (its office decides). */
export async function apply(ctx: Ctx, p: RepPrincipal, institutionId: string): Promise<TRepSelf> {
  await withTx(ctx, async (c) => {
    const rep = await repRow(c, p);
    if (!rep.submittedAt) throw invalid('institutionId', 'rep_not_submitted');
    const [inst] = await c.db.select().from(institutions).where(and(eq(institutions.id, institutionId), eq(institutions.regionId, rep.regionId), eq(institutions.active, true)));
    if (!inst) throw invalid('institutionId', 'unknown_institution');
    const res = await c.db.insert(repApprovals).values({ repId: rep.id, institutionId, status: 'pending', createdAt: c.platform.now() }).onConflictDoNothing().returning();
    if (res.length) {
      await writeAudit(c, { action: 'rep.apply', targetType: 'rep', targetId: rep.id, institutionId, regionId: rep.regionId, actorName: repActorName(rep) });
      return;
    }
    // After a rejection the rep may apply again (with the documents put right); the office decides anew.
    const again = await c.db
      .update(repApprovals)
      .set({ status: 'pending', decidedAt: null, decidedBy: null })
      .where(and(eq(repApprovals.repId, rep.id), eq(repApprovals.institutionId, institutionId), eq(repApprovals.status, 'rejected')))
      .returning();
    if (again.length) {
      await writeAudit(c, { action: 'rep.reapply', targetType: 'rep', targetId: rep.id, institutionId, regionId: rep.regionId, actorName: repActorName(rep), before: { status: 'rejected', reason: again[0]!.reason } });
      await notifyOffices(c, [institutionId], { title: '医药代表重新申请准入', body: `${rep.name ?? ''}在被驳回后重新申请准入，请审核。`, link: `/reps/registry?rep=${rep.id}` });
    }
  });
  return me(ctx, p);
}

/** Institutions of the rep's region with the rep's standing at each and, where set, the reception rules. */
export async function institutionsForRep(ctx: Ctx, p: RepPrincipal): Promise<TRepInstitution[]> {
  const today = todayOf(ctx);
  const [rep] = await ctx.db.select({ r: reps, blacklisted: blacklistedSql.mapWith(Boolean) }).from(reps).where(eq(reps.id, p.repId));
  if (!rep) throw notFound('rep');
  const insts = await ctx.db.select().from(institutions).where(and(eq(institutions.regionId, p.regionId), eq(institutions.active, true))).orderBy(asc(institutions.name));
  const approvals = await ctx.db.select().from(repApprovals).where(eq(repApprovals.repId, p.repId));
  const rules = insts.length ? await ctx.db.select().from(receptionRules).where(inArray(receptionRules.institutionId, insts.map((i) => i.id))) : [];
  const deptIds = rules.flatMap((r) => r.departmentIds);
  const depts = deptIds.length ? await ctx.db.select().from(departments).where(and(inArray(departments.id, deptIds), eq(departments.clinical, false), eq(departments.active, true))) : [];
  return insts.map((inst) => {
    const r = rules.find((x) => x.institutionId === inst.id);
    return {
      id: inst.id,
      name: inst.name,
      status: standingOf({ ...rep.r, blacklisted: rep.blacklisted }, approvals.find((a) => a.institutionId === inst.id), today),
      rules: r
        ? {
            weekdays: r.weekdays,
            timeFrom: r.timeFrom,
            timeTo: r.timeTo,
            leadDays: r.leadDays,
            monthlyLimit: r.monthlyLimit,
            departments: depts.filter((d) => r.departmentIds.includes(d.id)).map((d) => ({ id: d.id, name: d.name })),
          }
        : null,
    };
  });
}
