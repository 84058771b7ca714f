/** Integrity codes (医廉码), public reports and feedback, and the discipline office's case workflow. */
import { z } from 'zod';
import { ZId, ZListQuery, ZQueryBool } from './common.ts';

export const CHANNELS = ['integrity_code', 'hotline', 'letter', 'visit', 'suggestion_box', 'referral', 'screening', 'inspection'] as const;
export const ZChannel = z.enum(CHANNELS);
export type TChannel = z.infer<typeof ZChannel>;
/** Channels of the platform's own findings (an escalated screening alert, an inspection finding): no reporter to answer. */
export const REPORTERLESS_CHANNELS = ['screening', 'inspection'] as const satisfies readonly TChannel[];
export const hasReporter = (channel: TChannel) => !(REPORTERLESS_CHANNELS as readonly TChannel[]).includes(channel);

export const REPORT_CATEGORIES = ['red_envelope', 'kickback', 'improper_charge', 'over_treatment', 'attitude', 'rep_in_clinical', 'other'] as const;
export const ZReportCategory = z.enum(REPORT_CATEGORIES);
export type TReportCategory = z.infer<typeof ZReportCategory>;

export const RATING_TAGS = ['friendly', 'clear_explanation', 'timely', 'clean', 'long_wait', 'unclear_charges', 'poor_attitude', 'pushy_selling'] as const;
export const ZRatingTag = z.enum(RATING_TAGS);
export const PRAISE_FORMS = ['online', 'letter', 'banner'] as const;
export const ZPraiseForm = z.enum(PRAISE_FORMS);

export const CASE_STATUSES = ['received', 'investigating', 'on_hold', 'concluded', 'closed', 'referred', 'merged'] as const;
export const ZCaseStatus = z.enum(CASE_STATUSES);
export type TCaseStatus = z.infer<typeof ZCaseStatus>;
/** Statuses in which a case still needs work (and so can be overdue). */
export const OPEN_STATUSES: TCaseStatus[] = ['received', 'investigating', 'on_hold', 'concluded'];

/** The four standard ways of disposing of a clue. */
export const DISPOSALS = ['talk_inquiry', 'preliminary_verification', 'hold', 'close'] as const;
export const ZDisposal = z.enum(DISPOSALS);
export const CONCLUSIONS = ['substantiated', 'partly', 'unsubstantiated'] as const;
export const ZConclusion = z.enum(CONCLUSIONS);
export const TRIAGE = ['clue', 'not_clue', 'duplicate'] as const;

export const CODE_KINDS = ['institution', 'department', 'clinician'] as const;
export const ZCodeKind = z.enum(CODE_KINDS);

// ── public side ─────────────────────────────────────────────────────────────

export const ZPublicCode = z.object({
  token: z.string(),
  kind: ZCodeKind,
  institutionName: z.string(),
  departmentName: z.string().nullable(),
  clinicianName: z.string().nullable(),
  clinicianTitle: z.string().nullable(),
  hotline: z.string().nullable(),
});
export type TPublicCode = z.infer<typeof ZPublicCode>;

export const ZPowChallenge = z.object({ challenge: z.string(), bits: z.number().int() });
export const ZPowSolution = z.object({ challenge: z.string().max(200), nonce: z.string().max(32) });

const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'idempotency_key_format');
const text = z.string().trim().max(4000);
const uploadIds = z.array(ZId).max(5).default([]);

export const ZPublicReportInput = z.object({
  code: z.string().trim().min(4).max(40),
  category: ZReportCategory,
  text: text.min(5),
  /** The reporter says the matter concerns a member of the hospital's leadership: it goes to the region. */
  aboutLeadership: z.boolean().default(false),
  subjectName: z.string().trim().max(50).nullish(),
  anonymous: z.boolean().default(true),
  contactName: z.string().trim().max(50).nullish(),
  contactPhone: z.string().trim().regex(/^1\d{10}$/, 'phone_format').nullish().or(z.literal('').transform(() => null)),
  photos: uploadIds,
  idempotencyKey,
  pow: ZPowSolution,
});
export type TPublicReportInput = z.infer<typeof ZPublicReportInput>;
export const ZReceipt = z.object({ receipt: z.string() });

export const ZPublicFeedbackInput = z.object({
  code: z.string().trim().min(4).max(40),
  kind: z.enum(['rating', 'praise']),
  stars: z.number().int().min(1).max(5).nullish(),
  tags: z.array(ZRatingTag).max(8).default([]),
  praiseForm: ZPraiseForm.nullish(),
  text: text.default(''),
  idempotencyKey,
  pow: ZPowSolution,
});
export const ZReceiptQuery = z.object({ receipt: z.string().trim().min(10).max(80) });
export const ZReporterReply = z.object({ receipt: z.string().trim().min(10).max(80), text: text.min(1), photos: uploadIds });

export const ZReportMessage = z.object({ at: z.string(), from: z.enum(['office', 'reporter']), kind: z.string(), text: z.string(), photos: z.number().int() });
export const ZPublicStatus = z.object({
  number: z.string(),
  status: ZCaseStatus,
  category: ZReportCategory.nullable(),
  institutionName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  messages: z.array(ZReportMessage),
  outcome: z.string().nullable(),
  canReply: z.boolean(),
});
export type TPublicStatus = z.infer<typeof ZPublicStatus>;
export const ZPublicUpload = z.object({ id: ZId, mime: z.string(), size: z.number().int() });

// ── codes ───────────────────────────────────────────────────────────────────

export const ZIntegrityCode = z.object({
  id: ZId,
  token: z.string(),
  kind: ZCodeKind,
  institutionId: ZId,
  institutionName: z.string(),
  departmentId: ZId.nullable(),
  departmentName: z.string().nullable(),
  personId: ZId.nullable(),
  personName: z.string().nullable(),
  url: z.string(),
  active: z.boolean(),
  scans: z.number().int(),
  createdAt: z.string(),
});
export type TIntegrityCode = z.infer<typeof ZIntegrityCode>;
export const ZCodeGenerate = z.object({
  institutionId: ZId,
  kind: ZCodeKind,
  /** For department codes: these departments (all active ones when empty); for clinician codes: these people. */
  departmentIds: z.array(ZId).max(500).default([]),
  personIds: z.array(ZId).max(2000).default([]),
});
export const ZCodeQuery = ZListQuery.extend({ institutionId: ZId.optional(), departmentId: ZId.optional(), kind: ZCodeKind.optional() });

export const ZReportSettings = z.object({
  institutionId: ZId,
  hotline: z.string().trim().max(40).nullable(),
  acceptDays: z.number().int().min(1).max(90),
  concludeDays: z.number().int().min(1).max(365),
  feedbackDays: z.number().int().min(1).max(90),
  retentionDays: z.number().int().min(365).max(36500),
  clinicianCodes: z.boolean(),
});
export type TReportSettings = z.infer<typeof ZReportSettings>;
export const ZReportSettingsPatch = ZReportSettings.omit({ institutionId: true }).partial();

// ── cases ───────────────────────────────────────────────────────────────────

export const ZCaseSubject = z.object({ personId: ZId, name: z.string(), departmentName: z.string().nullable(), isLeader: z.boolean() });
export const ZCaseEvent = z.object({
  id: ZId,
  at: z.string(),
  kind: z.string(),
  actorName: z.string().nullable(),
  text: z.string().nullable(),
  visibleToReporter: z.boolean(),
  data: z.unknown().nullable(),
  attachments: z.array(z.object({ id: ZId, filename: z.string(), mime: z.string() })),
});
export const ZCaseSummary = z.object({
  id: ZId,
  number: z.string(),
  institutionId: ZId,
  institutionName: z.string(),
  routedTo: z.enum(['institution', 'region']),
  channel: ZChannel,
  category: ZReportCategory.nullable(),
  status: ZCaseStatus,
  disposal: ZDisposal.nullable(),
  conclusion: ZConclusion.nullable(),
  summary: z.string(),
  departmentName: z.string().nullable(),
  anonymous: z.boolean(),
  ownerId: ZId.nullable(),
  ownerName: z.string().nullable(),
  stageDeadline: z.string().nullable(),
  overdue: z.boolean(),
  receivedAt: z.string(),
  closedAt: z.string().nullable(),
  subjectNames: z.array(z.string()),
});
export type TCaseSummary = z.infer<typeof ZCaseSummary>;
export const ZCaseDetail = ZCaseSummary.extend({
  text: z.string(),
  subjects: z.array(ZCaseSubject),
  hasContact: z.boolean(),
  mergedIntoId: ZId.nullable(),
  actions: z.string().nullable(),
  events: z.array(ZCaseEvent),
  reporterChecks: z.number().int(),
  /** False for cases from the platform's own findings: no receipt, no questions or feedback to a reporter. */
  hasReporter: z.boolean(),
});
export type TCaseDetail = z.infer<typeof ZCaseDetail>;

export const ZCaseQuery = ZListQuery.extend({
  institutionId: ZId.optional(),
  status: ZCaseStatus.optional(),
  channel: ZChannel.optional(),
  category: ZReportCategory.optional(),
  overdue: ZQueryBool.optional(),
  open: ZQueryBool.optional(),
  mine: ZQueryBool.optional(),
  /** Who handles it: the hospital's office or the region's discipline group (cases about a hospital's leadership). */
  routedTo: z.enum(['institution', 'region']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type TCaseQuery = z.infer<typeof ZCaseQuery>;

export const ZCaseCreate = z.object({
  institutionId: ZId.optional(),
  // Entered by hand: the channels where a person reported (codes come in through the public page).
  channel: ZChannel.exclude(['integrity_code', ...REPORTERLESS_CHANNELS]),
  category: ZReportCategory,
  text: text.min(5),
  departmentId: ZId.nullish(),
  subjectIds: z.array(ZId).max(20).default([]),
  anonymous: z.boolean().default(true),
  contactName: z.string().trim().max(50).nullish(),
  contactPhone: z.string().trim().max(40).nullish(),
  receivedOn: z.iso.date().optional(),
});
export const ZCaseCreated = z.object({ id: ZId, number: z.string(), receipt: z.string().nullable() });

export const ZTriage = z.discriminatedUnion('result', [
  z.object({ result: z.literal('clue'), disposal: ZDisposal, note: z.string().trim().max(2000).default(''), holdUntil: z.iso.date().optional() }),
  z.object({ result: z.literal('not_clue'), note: z.string().trim().min(2).max(2000) }),
  z.object({ result: z.literal('duplicate'), mergeIntoId: ZId, note: z.string().trim().max(2000).default('') }),
]);
export const ZDispose = z.object({ disposal: ZDisposal, note: z.string().trim().max(2000).default(''), holdUntil: z.iso.date().optional() });
export const ZCaseNote = z.object({ text: text.min(1), attachmentIds: z.array(ZId).max(20).default([]) });
export const ZCaseQuestion = z.object({ text: text.min(2) });
export const ZConclude = z.object({ conclusion: ZConclusion, summary: text.min(2), actions: text.default('') });
export const ZFeedback = z.object({ text: text.min(2) });
export const ZAssign = z.object({ ownerId: ZId });
export const ZSubjects = z.object({ subjectIds: z.array(ZId).max(20) });
export const ZRecuse = z.object({ reason: z.string().trim().min(2).max(500) });
export const ZRevealContact = z.object({ reason: z.string().trim().min(2).max(200) });
export const ZContact = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

// ── figures ─────────────────────────────────────────────────────────────────

export const ZStatsQuery = z.object({ institutionId: ZId.optional(), from: z.iso.date().optional(), to: z.iso.date().optional() });
const ZCount = z.object({ key: z.string(), label: z.string().optional(), count: z.number().int() });
export const ZReportStats = z.object({
  reports: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  closed: z.number().int(),
  medianDaysToClose: z.number().nullable(),
  substantiationRate: z.number().nullable(),
  anonymousShare: z.number().nullable(),
  followUpRate: z.number().nullable(),
  byChannel: z.array(ZCount),
  byCategory: z.array(ZCount),
  byStatus: z.array(ZCount),
  byDepartment: z.array(ZCount),
  byMonth: z.array(z.object({ month: z.string(), reports: z.number().int(), ratings: z.number().int(), praise: z.number().int(), avgStars: z.number().nullable() })),
  ratings: z.number().int(),
  avgStars: z.number().nullable(),
  praise: z.number().int(),
  praiseByForm: z.array(ZCount),
  departmentRatings: z.array(z.object({ id: ZId, name: z.string(), ratings: z.number().int(), avgStars: z.number().nullable(), praise: z.number().int(), reports: z.number().int() })),
  clinicianRatings: z.array(z.object({ id: ZId, name: z.string(), departmentName: z.string().nullable(), ratings: z.number().int(), avgStars: z.number().nullable(), praise: z.number().int() })),
  institutionRanking: z.array(
    z.object({ id: ZId, name: z.string(), reports: z.number().int(), overdue: z.number().int(), avgStars: z.number().nullable(), praise: z.number().int(), medianDaysToClose: z.number().nullable() }),
  ),
});
export type TReportStats = z.infer<typeof ZReportStats>;

export const ZRetentionItem = z.object({ id: ZId, number: z.string(), institutionName: z.string(), closedAt: z.string(), dueSince: z.string() });
export const ZRetentionPurge = z.object({ ids: z.array(ZId).min(1).max(500), reason: z.string().trim().min(2).max(200) });
