/**
 * The public side: what a code shows, photo uploads, report and feedback submission, and the
 * reporter's follow-up with the receipt. No account, no IP address stored; the receipt is returned
 * only after the report is committed to the inbox (inbox.service.ts registers it as a case).
 */
import crypto from 'node:crypto';
import type { TPublicCode, TPublicReportInput, TPublicStatus } from '@qinglian/contracts';
import type { PRAISE_FORMS } from '@qinglian/contracts';
import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import { putBlob } from '../../platform/blobs.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { cleanImage } from '../../platform/images.ts';
import { attachments } from '../../platform/platform.tables.ts';
import { detectType } from '../files/files.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { departments, institutions, people } from '../org/org.tables.ts';
import { addEvent, anyLeader, assignNumber, enterStage, handlers } from './cases.common.ts';
import { verifySolution } from './pow.ts';
import { idempotencyHash, receiptFor, receiptHash } from './receipts.ts';
import { drainInbox, nudgeInbox } from './inbox.service.ts';
import { caseEvents, cases, feedback, integrityCodes, reportInbox } from './reports.tables.ts';
import { settingsOf } from './settings.service.ts';

const MAX_PHOTO = 8 * 1024 * 1024;

async function codeRow(ctx: Ctx, token: string) {
  const [r] = await ctx.db
    .select({ c: integrityCodes, inst: institutions, departmentName: departments.name, person: people })
    .from(integrityCodes)
    .innerJoin(institutions, eq(institutions.id, integrityCodes.institutionId))
    .leftJoin(departments, eq(departments.id, integrityCodes.departmentId))
    .leftJoin(people, eq(people.id, integrityCodes.personId))
    .where(and(eq(integrityCodes.token, token.trim().toLowerCase()), eq(integrityCodes.active, true), eq(institutions.active, true)));
  // A patient reads this message: say what is wrong with the code, not that a record is hidden.
  if (!r) throw new AppError('not_found', 'code_unknown', { target: 'code' });
  return r;
}

type CodeRow = Awaited<ReturnType<typeof codeRow>>;
const CODE_TTL_MS = 5_000;
const recentCodes = new WeakMap<Ctx['platform'], Map<string, { row: CodeRow; until: number }>>();

/**
 * The code a submission names, remembered for a few seconds: a burst of reports from one poster costs
 * one lookup. A code deactivated meanwhile still takes reports for at most CODE_TTL_MS (they reach the
 * office like any other); the page that shows the code always reads it afresh.
 */
async function submittedCode(ctx: Ctx, token: string): Promise<CodeRow> {
  let cache = recentCodes.get(ctx.platform);
  if (!cache) {
    cache = new Map();
    recentCodes.set(ctx.platform, cache);
  }
  const now = ctx.platform.now().getTime();
  const hit = cache.get(token);
  if (hit && hit.until > now) return hit.row;
  const row = await codeRow(ctx, token);
  if (cache.size > 10_000) cache.clear();
  cache.set(token, { row, until: now + CODE_TTL_MS });
  return row;
}

/** What the phone page shows for a scanned code; counts the scan. */
export async function publicCode(ctx: Ctx, token: string): Promise<TPublicCode> {
  const r = await codeRow(ctx, token);
  await ctx.db.update(integrityCodes).set({ scans: sql`${integrityCodes.scans} + 1` }).where(eq(integrityCodes.id, r.c.id));
  const s = await settingsOf(ctx.db, r.inst.id);
  return {
    token: r.c.token,
    kind: r.c.kind,
    institutionName: r.inst.name,
    departmentName: r.departmentName,
    clinicianName: r.person?.name ?? null,
    clinicianTitle: r.person?.title ?? null,
    hotline: s.hotline,
  };
}

/**
 * Stores a photo for a report still being written (`code`: the scanned code) or for a reporter's
 * reply (`receipt`: the follow-up page knows no code): type by content, limited size, metadata removed.
 */
export async function publicUpload(ctx: Ctx, where: { code?: string; receipt?: string }, data: Buffer) {
  const r = where.code ? await codeRow(ctx, where.code) : where.receipt ? await replyTarget(ctx, where.receipt) : null;
  if (!r) throw invalid('code', 'required');
  if (data.length > MAX_PHOTO) throw new AppError('file_too_large', 'file_too_large', undefined, { max: MAX_PHOTO / 1048576 });
  const mime = await detectType(data);
  if (!mime.startsWith('image/')) throw new AppError('file_type_not_allowed', 'file_type_not_allowed', { detected: mime }, { type: mime });
  const clean = await cleanImage(data, mime);
  const hash = await putBlob(ctx.platform.config.dataDir, clean.data);
  const [row] = await ctx.db
    .insert(attachments)
    .values({
      regionId: r.inst.regionId,
      institutionId: r.inst.id,
      departmentId: r.c.departmentId,
      uploadedBy: null,
      sha256: hash,
      size: clean.data.length,
      mime: clean.mime,
      filename: `photo.${clean.mime === 'image/png' ? 'png' : 'jpg'}`,
      createdAt: ctx.platform.now(),
    })
    .returning();
  return { id: row!.id, mime: row!.mime, size: row!.size };
}

/** Public photos named in a submission must be recent public uploads for the same institution. */
async function checkPhotos(ctx: Ctx, institutionId: string, ids: string[]) {
  if (!ids.length) return;
  const since = new Date(ctx.platform.now().getTime() - 6 * 3600_000);
  const found = await ctx.db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(inArray(attachments.id, ids), eq(attachments.institutionId, institutionId), isNull(attachments.uploadedBy), gte(attachments.createdAt, since)));
  if (found.length !== new Set(ids).size) throw invalid('photos', 'photo_unknown');
}

/**
 * Stores a report from the public page and returns its receipt once the row is committed; a retry with
 * the same key returns the same receipt. The case is registered by the inbox drain (inbox.service.ts).
 */
export async function submitReport(ctx: Ctx, input: TPublicReportInput): Promise<{ receipt: string }> {
  const { keyring } = ctx.platform;
  const idem = idempotencyHash(keyring, input.idempotencyKey);
  const receipt = receiptFor(keyring, input.idempotencyKey);
  let code: CodeRow;
  try {
    code = await submittedCode(ctx, input.code);
    await checkPhotos(ctx, code.inst.id, input.photos);
    verifySolution(keyring, input.pow, ctx.platform.now().getTime());
  } catch (err) {
    // A retry of a stored report reuses its (now spent) challenge: it gets its receipt back.
    if (await stored(ctx, idem)) return { receipt };
    throw err;
  }
  const contact = !input.anonymous && (input.contactName || input.contactPhone) ? keyring.encrypt(JSON.stringify({ name: input.contactName ?? null, phone: input.contactPhone ?? null })) : null;
  await ctx.db
    .insert(reportInbox)
    .values({
      id: crypto.randomUUID(),
      idempotencyHash: idem,
      receiptHash: receiptHash(keyring, receipt),
      codeId: code.c.id,
      report: {
        category: input.category,
        text: input.text,
        subjectName: input.subjectName ?? null,
        anonymous: input.anonymous,
        aboutLeadership: input.aboutLeadership,
        photos: input.photos,
      },
      contactSealed: contact,
      receivedAt: ctx.platform.now(),
    })
    .onConflictDoNothing(); // the same submission raced itself: one row, the same receipt for both
  if (ctx.platform.config.intakeQueue) nudgeInbox(ctx.platform, (err) => console.error('report inbox', err));
  else await drainInbox(ctx.platform);
  return { receipt };
}

/** Whether a report with this idempotency hash is stored (registered or still in the inbox). */
async function stored(ctx: Ctx, idem: string): Promise<boolean> {
  const [c] = await ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.idempotencyHash, idem));
  if (c) return true;
  const [i] = await ctx.db.select({ id: reportInbox.id }).from(reportInbox).where(eq(reportInbox.idempotencyHash, idem));
  return !!i;
}

/** Stores a rating or praise; retried submissions are counted once. */
export async function submitFeedback(
  ctx: Ctx,
  input: { code: string; kind: 'rating' | 'praise'; stars?: number | null; tags: string[]; praiseForm?: (typeof PRAISE_FORMS)[number] | null; text: string; idempotencyKey: string; pow: { challenge: string; nonce: string } },
): Promise<{ ok: true }> {
  const idem = idempotencyHash(ctx.platform.keyring, input.idempotencyKey);
  const [dup] = await ctx.db.select({ id: feedback.id }).from(feedback).where(eq(feedback.idempotencyHash, idem));
  if (dup) return { ok: true };
  if (input.kind === 'rating' && !input.stars) throw invalid('stars', 'required');
  const code = await codeRow(ctx, input.code);
  verifySolution(ctx.platform.keyring, input.pow, ctx.platform.now().getTime());
  await ctx.db
    .insert(feedback)
    .values({
      institutionId: code.inst.id,
      departmentId: code.c.departmentId,
      personId: code.c.personId,
      codeId: code.c.id,
      kind: input.kind,
      stars: input.kind === 'rating' ? (input.stars ?? null) : null,
      tags: input.tags,
      praiseForm: input.kind === 'praise' ? (input.praiseForm ?? 'online') : null,
      text: input.text,
      idempotencyHash: idem,
      createdAt: ctx.platform.now(),
    })
    .onConflictDoNothing();
  return { ok: true };
}

async function byReceipt(ctx: Ctx, receipt: string) {
  const hash = receiptHash(ctx.platform.keyring, receipt);
  const find = async () =>
    (
      await ctx.db
        .select({ c: cases, institutionName: institutions.name })
        .from(cases)
        .innerJoin(institutions, eq(institutions.id, cases.institutionId))
        .where(eq(cases.receiptHash, hash))
    )[0];
  let c = await find();
  // Submitted a moment ago and still in the inbox: register it now rather than say "unknown".
  if (!c && (await ctx.db.select({ id: reportInbox.id }).from(reportInbox).where(eq(reportInbox.receiptHash, hash))).length) {
    await drainInbox(ctx.platform);
    c = await find();
  }
  if (!c || c.c.purgedAt) throw new AppError('not_found', 'receipt_unknown');
  return c;
}

const REPLYABLE = new Set(['received', 'investigating', 'on_hold', 'concluded']);

/** Where a reply's photo belongs: the case's institution, while the case still takes replies. */
async function replyTarget(ctx: Ctx, receipt: string) {
  const { c } = await byReceipt(ctx, receipt);
  if (!REPLYABLE.has(c.status)) throw invalid('receipt', 'case_closed');
  return { inst: { id: c.institutionId, regionId: c.regionId }, c: { departmentId: c.departmentId } };
}

/** The reporter's view: status, the office's questions and answers, and the outcome. */
export async function publicStatus(ctx: Ctx, receipt: string): Promise<TPublicStatus> {
  const { c, institutionName } = await byReceipt(ctx, receipt);
  await ctx.db.update(cases).set({ reporterChecks: sql`${cases.reporterChecks} + 1` }).where(eq(cases.id, c.id));
  const events = await ctx.db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, c.id), eq(caseEvents.visibleToReporter, true)))
    .orderBy(asc(caseEvents.at));
  const feedbackEvent = [...events].reverse().find((e) => e.kind === 'feedback');
  return {
    number: c.number,
    status: c.status,
    category: c.category,
    institutionName,
    createdAt: c.receivedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    messages: events.map((e) => ({
      at: e.at.toISOString(),
      from: e.kind === 'reporter_reply' || e.kind === 'created' ? ('reporter' as const) : ('office' as const),
      kind: e.kind,
      text: e.text ?? '',
      photos: e.attachmentIds.length,
    })),
    outcome: feedbackEvent?.text ?? null,
    canReply: REPLYABLE.has(c.status),
  };
}

/** The reporter answers a question or adds material. */
export async function reporterReply(ctx: Ctx, receipt: string, text: string, photos: string[]): Promise<{ ok: true }> {
  const { c } = await byReceipt(ctx, receipt);
  if (!REPLYABLE.has(c.status)) throw invalid('receipt', 'case_closed');
  await checkPhotos(ctx, c.institutionId, photos);
  await inTx(ctx.db, async (tx) => {
    const t: Ctx = { ...ctx, db: tx };
    await addEvent(t, c, { kind: 'reporter_reply', text, visibleToReporter: true, attachmentIds: photos });
    await tx.update(cases).set({ updatedAt: ctx.platform.now() }).where(eq(cases.id, c.id));
    await writeAudit(t, { action: 'case.reporter_reply', targetType: 'case', targetId: c.id, institutionId: c.institutionId, regionId: c.regionId });
    for (const accountId of c.ownerId ? [c.ownerId] : await handlers(tx, c))
      await notify(t, { accountId, institutionId: c.institutionId, title: `举报人补充了材料 ${c.number}`, body: text.slice(0, 80), link: `/cases/${c.id}` });
  });
  return { ok: true };
}
