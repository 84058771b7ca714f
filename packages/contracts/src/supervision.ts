/** Supervision workbench: integrity risk points, inspection rounds with rectification, talks, cadre assessment. */
import { z } from 'zod';
import { ZId, ZListQuery, ZQueryBool } from './common.ts';

/** Steps per axis of a risk matrix: 5×5 by default, 3–10 each. */
export const RISK_SCALE_MIN = 3;
export const RISK_SCALE_MAX = 10;
export const RISK_PROCESSES = ['drug_procurement', 'equipment_tender', 'construction', 'recruitment_promotion', 'insurance_billing', 'research_funds', 'admission_beds', 'prescribing', 'finance', 'other'] as const;
export const ZRiskProcess = z.enum(RISK_PROCESSES);
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const ZRiskLevel = z.enum(RISK_LEVELS);
export const MEASURE_STATUSES = ['planned', 'in_progress', 'done'] as const;

const date = z.iso.date();
const text = (max = 2000) => z.string().trim().max(max);

export const ZRiskMeasure = z.object({
  id: ZId,
  description: z.string(),
  ownerId: ZId.nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(MEASURE_STATUSES),
  dueOn: z.string().nullable(),
  evidence: z.string().nullable(),
  attachmentIds: z.array(ZId),
});
export const ZRiskPoint = z.object({
  id: ZId,
  institutionId: ZId,
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable(),
  postName: z.string().nullable(),
  process: ZRiskProcess,
  title: z.string(),
  description: z.string(),
  likelihood: z.number().int(),
  impact: z.number().int(),
  score: z.number().int(),
  level: ZRiskLevel,
  reviewOn: z.string().nullable(),
  reviewOverdue: z.boolean(),
  libraryKey: z.string().nullable(),
  active: z.boolean(),
  measures: z.array(ZRiskMeasure),
});
export type TRiskPoint = z.infer<typeof ZRiskPoint>;
export const ZRiskPointInput = z.object({
  institutionId: ZId.optional(),
  departmentId: ZId.nullish(),
  postName: text(100).nullish(),
  process: ZRiskProcess,
  title: text(200).min(2),
  description: text().default(''),
  // The institution's matrix sets the real upper bound (3–10 steps per axis); the service checks it.
  likelihood: z.number().int().min(1).max(RISK_SCALE_MAX),
  impact: z.number().int().min(1).max(RISK_SCALE_MAX),
  reviewOn: date.nullish(),
});
// zod 4 applies a field's default even inside .partial(): a patch re-declares defaulted fields without one,
// or an absent field would be overwritten with its default.
export const ZRiskPointPatch = ZRiskPointInput.omit({ institutionId: true })
  .extend({ description: text() })
  .partial()
  .extend({ active: z.boolean().optional(), reviewed: z.boolean().optional() });
export const ZMeasureInput = z.object({
  description: text(500).min(2),
  ownerId: ZId.nullish(),
  status: z.enum(MEASURE_STATUSES).default('planned'),
  dueOn: date.nullish(),
  evidence: text().nullish(),
  attachmentIds: z.array(ZId).max(20).default([]),
});
export const ZMeasurePatch = ZMeasureInput.extend({ status: z.enum(MEASURE_STATUSES), attachmentIds: z.array(ZId).max(20) }).partial();
export const ZRiskQuery = ZListQuery.extend({
  institutionId: ZId.optional(),
  departmentId: ZId.optional(),
  process: ZRiskProcess.optional(),
  level: ZRiskLevel.optional(),
  reviewOverdue: ZQueryBool.optional(),
  /** true (default) active points, false deactivated ones, absent with `all` both. */
  active: ZQueryBool.optional(),
  all: ZQueryBool.optional(),
});
export const ZLibraryEntry = z.object({ key: z.string(), process: ZRiskProcess, title: z.string(), description: z.string(), likelihood: z.number().int(), impact: z.number().int(), measures: z.array(z.string()) });
export const ZAdopt = z.object({ institutionId: ZId.optional(), keys: z.array(z.string()).min(1).max(200), departmentId: ZId.nullish() });
export const ZRiskSummary = z.object({
  points: z.number().int(),
  measures: z.number().int(),
  byLevel: z.array(z.object({ level: ZRiskLevel, count: z.number().int() })),
  heat: z.array(z.object({ departmentId: ZId.nullable(), departmentName: z.string(), low: z.number().int(), medium: z.number().int(), high: z.number().int(), critical: z.number().int(), measures: z.number().int() })),
  matrix: z.array(z.array(z.number().int())),
  reviewOverdue: z.number().int(),
  /** The matrix the grid is drawn on: the institution's, or for a whole region the largest scale in use. */
  scale: z.object({ likelihoodLevels: z.number().int(), impactLevels: z.number().int(), medium: z.number().int(), high: z.number().int(), critical: z.number().int() }),
  /** Points and measures per institution (region users). */
  byInstitution: z.array(z.object({ institutionId: ZId, institutionName: z.string(), points: z.number().int(), measures: z.number().int(), high: z.number().int(), critical: z.number().int() })),
});

export const INSPECTION_METHODS = ['unannounced', 'interview', 'document_review', 'assessment'] as const;
export const ZChecklistItem = z.object({ id: z.string().min(1).max(40), text: text(300).min(2), weight: z.number().min(0).max(100) });
export const ZChecklistSection = z.object({ title: text(100).min(1), passMark: z.number().min(0).max(100), items: z.array(ZChecklistItem).min(1).max(100) });
export const ZTemplate = z.object({ id: ZId, institutionId: ZId, name: z.string(), sections: z.array(ZChecklistSection), version: z.number().int(), active: z.boolean(), usedBy: z.number().int() });
export const ZTemplateInput = z.object({ institutionId: ZId.optional(), name: text(100).min(2), sections: z.array(ZChecklistSection).min(1).max(20) });

export const ROUND_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export const ZAnswerOut = z.object({ itemId: z.string(), answer: z.enum(['yes', 'no', 'na']), score: z.number().nullable(), note: z.string().nullable(), photoIds: z.array(ZId) });
export const ZRoundInput = z.object({
  institutionId: ZId.optional(),
  title: text(200).min(2),
  plannedOn: date,
  methods: z.array(z.enum(INSPECTION_METHODS)).min(1),
  teamIds: z.array(ZId).min(1).max(30),
  departmentIds: z.array(ZId).min(1).max(100),
  templateId: ZId,
});
export const ZRound = z.object({
  id: ZId,
  institutionId: ZId,
  title: z.string(),
  plannedOn: z.string(),
  methods: z.array(z.enum(INSPECTION_METHODS)),
  teamIds: z.array(ZId),
  teamNames: z.array(z.string()),
  departmentIds: z.array(ZId),
  departmentNames: z.array(z.string()),
  templateId: ZId,
  templateName: z.string(),
  status: z.enum(ROUND_STATUSES),
  findings: z.number().int(),
  results: z.array(
    z.object({
      departmentId: ZId,
      departmentName: z.string(),
      score: z.number(),
      passed: z.boolean(),
      sections: z.array(z.object({ title: z.string(), score: z.number(), passed: z.boolean() })),
      answers: z.array(ZAnswerOut),
      filledAt: z.string(),
    }),
  ),
  templateVersion: z.number().int(),
  checklist: z.array(ZChecklistSection),
  cancelReason: z.string().nullable(),
});
export type TRound = z.infer<typeof ZRound>;
export const ZAnswer = z.object({ itemId: z.string(), answer: z.enum(['yes', 'no', 'na']), score: z.number().min(0).max(100).optional(), note: text(500).optional(), photoIds: z.array(ZId).max(10).default([]) });
export const ZResultInput = z.object({ departmentId: ZId, answers: z.array(ZAnswer).min(1) });

export const FINDING_KINDS = ['discipline', 'charging', 'prescribing', 'rep_contact', 'service', 'records', 'other'] as const;
export const ZFindingInput = z.object({
  departmentId: ZId,
  kind: z.enum(FINDING_KINDS),
  description: text().min(2),
  responsibleId: ZId,
  deadline: date,
  attachmentIds: z.array(ZId).max(20).default([]),
  caseId: ZId.nullish(),
});
export const RECTIFICATION_STATUSES = ['open', 'submitted', 'accepted', 'returned'] as const;
export const ZRectification = z.object({
  id: ZId,
  institutionId: ZId,
  roundId: ZId,
  roundTitle: z.string(),
  departmentId: ZId,
  departmentName: z.string(),
  kind: z.enum(FINDING_KINDS),
  description: z.string(),
  responsibleId: ZId,
  responsibleName: z.string(),
  deadline: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  overdue: z.boolean(),
  escalated: z.boolean(),
  evidence: z.string().nullable(),
  evidenceAttachmentIds: z.array(ZId),
  verificationNote: z.string().nullable(),
  letterNumber: z.string().nullable(),
  createdAt: z.string(),
  attachmentIds: z.array(ZId),
  caseId: ZId.nullable(),
  caseNumber: z.string().nullable(),
  submittedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  letterIssuedOn: z.string().nullable(),
});
export type TRectification = z.infer<typeof ZRectification>;
export const ZRectificationQuery = ZListQuery.extend({ institutionId: ZId.optional(), departmentId: ZId.optional(), roundId: ZId.optional(), status: z.enum(RECTIFICATION_STATUSES).optional(), overdue: ZQueryBool.optional() });
export const ZRectificationSubmit = z.object({ evidence: text().min(2), attachmentIds: z.array(ZId).max(20).default([]) });
export const ZRectificationVerify = z.object({ accepted: z.boolean(), note: text().min(2) });
export const ZLetter = z.object({
  id: ZId,
  number: z.string().nullable(),
  issued: z.boolean(),
  institutionName: z.string(),
  departmentName: z.string(),
  responsibleName: z.string(),
  roundTitle: z.string(),
  roundDate: z.string(),
  finding: z.string(),
  suggestions: z.string(),
  deadline: z.string(),
  issuedOn: z.string().nullable(),
});
export const ZLetterPatch = z.object({ suggestions: text(4000).min(2) });

export const TALK_KINDS = ['reminder', 'criticism', 'admonishment', 'summons', 'rectification'] as const;
export const ZTalkKind = z.enum(TALK_KINDS);
export const ZTalkInput = z.object({
  institutionId: ZId.optional(),
  subjectId: ZId,
  kind: ZTalkKind,
  reasonKind: z.enum(['case', 'finding', 'assessment', 'free']),
  reasonRef: ZId.nullish(),
  reason: text().min(2),
  talkerIds: z.array(ZId).min(1).max(5),
  talkedOn: date,
  record: text(8000).default(''),
  followUp: text().default(''),
  followUpDue: date.nullish(),
});
export const ZTalk = z.object({
  id: ZId,
  institutionId: ZId,
  subjectId: ZId,
  subjectName: z.string(),
  subjectDepartment: z.string().nullable(),
  kind: ZTalkKind,
  reasonKind: z.enum(['case', 'finding', 'assessment', 'free']),
  reasonRef: ZId.nullable(),
  reason: z.string(),
  talkerNames: z.array(z.string()),
  talkedOn: z.string(),
  record: z.string(),
  followUp: z.string(),
  followUpDue: z.string().nullable(),
  followUpDoneOn: z.string().nullable(),
  followUpResult: z.string().nullable(),
  followUpOverdue: z.boolean(),
  subjectDepartmentId: ZId.nullable(),
  talkerIds: z.array(ZId),
  institutionName: z.string(),
});
export type TTalk = z.infer<typeof ZTalk>;
export const ZTalkQuery = ZListQuery.extend({
  institutionId: ZId.optional(),
  departmentId: ZId.optional(),
  kind: ZTalkKind.optional(),
  subjectId: ZId.optional(),
  from: date.optional(),
  to: date.optional(),
  followUpPending: ZQueryBool.optional(),
});
export const ZTalkCountQuery = z.object({ institutionId: ZId.optional(), departmentId: ZId.optional(), from: date.optional(), to: date.optional() });
export const ZTalkCounts = z.object({ total: z.number().int(), byKind: z.array(z.object({ kind: ZTalkKind, count: z.number().int() })) });

export const ZAssessmentRow = z.object({ staffNo: z.string(), score: z.string() });
export const ZAssessmentInput = z.object({ institutionId: ZId.optional(), period: z.string().regex(/^\d{4}-Q[1-4]$/, 'period_format'), rows: z.array(ZAssessmentRow).min(1).max(2000) });
export const ZRankingRow = z.object({ rank: z.number().int(), personId: ZId, name: z.string(), departmentName: z.string().nullable(), post: z.string().nullable(), score: z.string(), proposedTalk: z.boolean(), talked: z.boolean() });
export const ZRanking = z.object({ period: z.string(), rows: z.array(ZRankingRow), bottomProposed: z.number().int() });

// --- risk matrix, measures and talks: additions (risk/talks helper) ---
export const ZRiskMatrix = z.object({
  institutionId: ZId,
  likelihoodLevels: z.number().int().min(RISK_SCALE_MIN).max(RISK_SCALE_MAX),
  impactLevels: z.number().int().min(RISK_SCALE_MIN).max(RISK_SCALE_MAX),
  medium: z.number().int().min(2).max(RISK_SCALE_MAX * RISK_SCALE_MAX),
  high: z.number().int().min(2).max(RISK_SCALE_MAX * RISK_SCALE_MAX),
  critical: z.number().int().min(2).max(RISK_SCALE_MAX * RISK_SCALE_MAX),
});
export type TRiskMatrix = z.infer<typeof ZRiskMatrix>;
export const ZRiskMatrixPatch = ZRiskMatrix.partial();
/** Library entries already adopted for the department (or for the whole institution): the adopt dialog warns. */
export const ZAdoptedQuery = z.object({ institutionId: ZId.optional(), departmentId: ZId.optional() });
export const ZTalkPatch = ZTalkInput.omit({ institutionId: true }).extend({ record: text(8000), followUp: text() }).partial();
export const ZTalkFollowUpDone = z.object({ doneOn: date, result: text().min(2) });


// --- inspection rounds: lists, editing, templates, settings (rounds block) ---
export const ZRoundQuery = ZListQuery.extend({
  institutionId: ZId.optional(),
  status: z.enum(ROUND_STATUSES).optional(),
  method: z.enum(INSPECTION_METHODS).optional(),
  departmentId: ZId.optional(),
  from: date.optional(),
  to: date.optional(),
});
export type TRoundQuery = z.infer<typeof ZRoundQuery>;
export const ZRoundPatch = ZRoundInput.omit({ institutionId: true }).partial();
export const ZRoundCancel = z.object({ reason: text(500).min(2) });
export const ZTemplatePatch = z.object({ name: text(100).min(2).optional(), sections: z.array(ZChecklistSection).min(1).max(20).optional(), active: z.boolean().optional() });
export const ZInspectionFigures = z.object({
  rounds: z.number().int(),
  findings: z.number().int(),
  byKind: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  accepted: z.number().int(),
  overdue: z.number().int(),
  due: z.number().int(),
  onTime: z.number().int(),
  onTimeRate: z.number().nullable(),
});
export const ZAssessmentSettings = z.object({ institutionId: ZId, bottomProposed: z.number().int().min(0).max(50) });
export const ZAssessmentSettingsPatch = z.object({ institutionId: ZId.optional(), bottomProposed: z.number().int().min(0).max(50) });
