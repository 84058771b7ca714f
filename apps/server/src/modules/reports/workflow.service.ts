/**
 * The steps of a case: assign → triage (a clue / not a clue, referred / duplicate, merged) → disposal
 * in one of the four standard ways → notes, evidence and questions to the reporter → conclusion →
 * feedback → closed. Each step checks the case is in a state that allows it, writes the timeline
 * and the audit trail in one transaction, and moves the stage deadline and its reminders.
 */
import type { TCaseStatus } from '@qinglian/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../../platform/audit.ts';
import { actorOf, type Ctx } from '../../platform/context.ts';
import { inTx } from '../../platform/db.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { attachments } from '../../platform/platform.tables.ts';
import { people } from '../org/org.tables.ts';
import { caseVisibility, visibleCase } from './cases.access.ts';
import { addEvent, anyLeader, type CaseRow, enterStage, handlers } from './cases.common.ts';
import { caseRecusals, caseSubjects, cases } from './reports.tables.ts';

type Disposal = NonNullable<CaseRow['disposal']>;

/** Runs one step on a visible case in a given state, inside a transaction with its audit entry. */
async function step<T>(ctx: Ctx, id: string, allowed: TCaseStatus[], action: string, fn: (t: Ctx, c: CaseRow) => Promise<T>): Promise<T> {
  const actor = actorOf(ctx);
  return inTx(ctx.db, async (tx) => {
    const t: Ctx = { ...ctx, db: tx };
    const c = await visibleCase(tx, actor, id);
    if (!allowed.includes(c.status)) throw new AppError('conflict', 'case_wrong_status', { status: c.status, allowed });
    const out = await fn(t, c);
    const [after] = await tx.select().from(cases).where(eq(cases.id, id));
    await writeAudit(t, {
      action: `case.${action}`,
      targetType: 'case',
      targetId: id,
      institutionId: c.institutionId,
      regionId: c.regionId,
      before: { status: c.status, disposal: c.disposal, ownerId: c.ownerId, routedTo: c.routedTo },
      after: { status: after?.status, disposal: after?.disposal, ownerId: after?.ownerId, routedTo: after?.routedTo },
    });
    return out;
  });
}

const OPEN: TCaseStatus[] = ['received', 'investigating', 'on_hold', 'concluded'];

/** Makes an account the case's owner (a handler in scope, not a subject, not recused). */
export function assign(ctx: Ctx, id: string, ownerId: string) {
  return step(ctx, id, OPEN, 'assign', async (t, c) => {
    if (!(await handlers(t.db, c)).includes(ownerId)) throw invalid('ownerId', 'not_a_handler');
    await t.db.update(cases).set({ ownerId, updatedAt: t.platform.now() }).where(eq(cases.id, c.id));
    await addEvent(t, c, { kind: 'assigned', data: { ownerId } });
  });
}

const DISPOSAL_STATUS: Record<Disposal, TCaseStatus> = {
  talk_inquiry: 'investigating',
  preliminary_verification: 'investigating',
  hold: 'on_hold',
  close: 'concluded',
};

async function applyDisposal(t: Ctx, c: CaseRow, disposal: Disposal, note: string, holdUntil?: string) {
  const now = t.platform.now();
  const extra: Partial<CaseRow> = { disposal, acceptedAt: c.acceptedAt ?? now, ownerId: c.ownerId ?? t.actor?.accountId ?? null };
  if (disposal === 'close') Object.assign(extra, { concludedAt: now, conclusionSummary: note || null });
  await enterStage(t, c, DISPOSAL_STATUS[disposal], extra, holdUntil);
  await addEvent(t, c, { kind: 'disposed', text: note || null, data: { disposal, holdUntil: holdUntil ?? null } });
}

/** Triage of a received report. */
export function triage(
  ctx: Ctx,
  id: string,
  input: { result: 'clue'; disposal: Disposal; note: string; holdUntil?: string } | { result: 'not_clue'; note: string } | { result: 'duplicate'; mergeIntoId: string; note: string },
) {
  return step(ctx, id, ['received'], `triage_${input.result}`, async (t, c) => {
    const now = t.platform.now();
    if (input.result === 'clue') {
      await addEvent(t, c, { kind: 'accepted', text: '您反映的问题已受理，我们将依规处理。', visibleToReporter: true });
      await applyDisposal(t, c, input.disposal, input.note, input.holdUntil);
    } else if (input.result === 'not_clue') {
      await enterStage(t, c, 'referred', { closedAt: now, ownerId: c.ownerId ?? t.actor?.accountId ?? null });
      await addEvent(t, c, { kind: 'referred', text: input.note, visibleToReporter: true });
    } else {
      if (input.mergeIntoId === c.id) throw invalid('mergeIntoId', 'merge_self');
      const [target] = await t.db.select().from(cases).where(and(eq(cases.id, input.mergeIntoId), caseVisibility(actorOf(t))));
      if (!target) throw invalid('mergeIntoId', 'not_found');
      await enterStage(t, c, 'merged', { mergedIntoId: target.id, closedAt: now });
      await addEvent(t, c, { kind: 'merged', text: `与 ${target.number} 合并办理`, visibleToReporter: true, data: { into: target.id } });
      await addEvent(t, target, { kind: 'merged_in', text: `${c.number} 已合并至本件${input.note ? `：${input.note}` : ''}`, data: { from: c.id } });
    }
  });
}

/** Changes the disposal of an accepted clue (e.g. a held clue taken up for verification). */
export function dispose(ctx: Ctx, id: string, input: { disposal: Disposal; note: string; holdUntil?: string }) {
  return step(ctx, id, ['investigating', 'on_hold'], 'dispose', (t, c) => applyDisposal(t, c, input.disposal, input.note, input.holdUntil));
}

/** An inquiry note or evidence (files uploaded through /api/attachments by the same institution). */
export function addNote(ctx: Ctx, id: string, input: { text: string; attachmentIds: string[] }) {
  return step(ctx, id, ['received', 'investigating', 'on_hold', 'concluded'], 'note', async (t, c) => {
    if (input.attachmentIds.length) {
      const files = await t.db.select().from(attachments).where(inArray(attachments.id, input.attachmentIds));
      if (files.length !== new Set(input.attachmentIds).size || files.some((f) => f.uploadedBy !== actorOf(t).accountId))
        throw invalid('attachmentIds', 'not_your_upload');
    }
    await addEvent(t, c, { kind: input.attachmentIds.length ? 'evidence' : 'note', text: input.text, attachmentIds: input.attachmentIds });
  });
}

/** A question the reporter reads (and answers) with the receipt. */
export function askReporter(ctx: Ctx, id: string, text: string) {
  return step(ctx, id, OPEN, 'question', async (t, c) => {
    if (!c.receiptHash) throw invalid('text', 'no_receipt');
    await addEvent(t, c, { kind: 'question', text, visibleToReporter: true });
  });
}

/** Names the case's subjects; a hospital leader among them sends the case to the region. */
export function setSubjects(ctx: Ctx, id: string, subjectIds: string[]) {
  return step(ctx, id, OPEN, 'subjects', async (t, c) => {
    const ps = subjectIds.length ? await t.db.select().from(people).where(inArray(people.id, subjectIds)) : [];
    if (ps.length !== new Set(subjectIds).size || ps.some((p) => p.institutionId !== c.institutionId)) throw invalid('subjectIds', 'wrong_institution');
    await t.db.delete(caseSubjects).where(eq(caseSubjects.caseId, c.id));
    if (ps.length) await t.db.insert(caseSubjects).values(ps.map((p) => ({ caseId: c.id, personId: p.id, institutionId: p.institutionId, departmentId: p.departmentId })));
    await addEvent(t, c, { kind: 'subjects', data: { subjectIds } });
    if (c.routedTo === 'institution' && (await anyLeader(t.db, subjectIds))) {
      await t.db.update(cases).set({ routedTo: 'region', ownerId: null }).where(eq(cases.id, c.id));
      await addEvent(t, c, { kind: 'routed_to_region', text: '被反映人为医院领导班子成员，移交区域纪检监察组办理' });
    }
  });
}

/** Records the conclusion and the actions taken. */
export function conclude(ctx: Ctx, id: string, input: { conclusion: NonNullable<CaseRow['conclusion']>; summary: string; actions: string }) {
  return step(ctx, id, ['investigating', 'on_hold'], 'conclude', async (t, c) => {
    await enterStage(t, c, 'concluded', { conclusion: input.conclusion, conclusionSummary: input.summary, actions: input.actions || null, concludedAt: t.platform.now() });
    await addEvent(t, c, { kind: 'concluded', text: input.summary, data: { conclusion: input.conclusion, actions: input.actions } });
  });
}

/** Tells the reporter the outcome (what the receipt shows as the result). */
export function giveFeedback(ctx: Ctx, id: string, text: string) {
  return step(ctx, id, ['concluded', 'referred'], 'feedback', async (t, c) => {
    await addEvent(t, c, { kind: 'feedback', text, visibleToReporter: true });
    await t.db.update(cases).set({ updatedAt: t.platform.now() }).where(eq(cases.id, c.id));
  });
}

/** Closes a concluded case. */
export function closeCase(ctx: Ctx, id: string) {
  return step(ctx, id, ['concluded'], 'close', async (t, c) => {
    await enterStage(t, c, 'closed', { closedAt: t.platform.now() });
    await addEvent(t, c, { kind: 'closed', text: '本件已办结', visibleToReporter: true });
  });
}

/** The caller declares a conflict of interest and steps aside: no longer owner, no longer sees the case. */
export function recuse(ctx: Ctx, id: string, reason: string) {
  return step(ctx, id, [...OPEN, 'closed', 'referred', 'merged'], 'recuse', async (t, c) => {
    const me = actorOf(t).accountId;
    await t.db.insert(caseRecusals).values({ caseId: c.id, accountId: me, reason, createdAt: t.platform.now() }).onConflictDoNothing();
    if (c.ownerId === me) await t.db.update(cases).set({ ownerId: null }).where(eq(cases.id, c.id));
    await addEvent(t, c, { kind: 'recused', text: reason });
  });
}
