/** Sales representatives (医药代表): registry, reception rules, bookings, visits, violations, sanctions and the blacklist. */
import { z } from 'zod';
import { ZId, ZListQuery } from './common.ts';
import { isValidCreditCode, isValidNationalId } from './idcodes.ts';

export const COMPANY_KINDS = ['manufacturer', 'distributor'] as const;
/** A rep's standing at one institution; `expired` and `blacklisted` come from the region-wide registry. */
export const REP_STATUSES = ['draft', 'pending', 'approved', 'rejected', 'expired', 'suspended', 'blacklisted'] as const;
export type TRepStatus = (typeof REP_STATUSES)[number];
export const BOOKING_STATUSES = ['requested', 'approved', 'refused', 'cancelled', 'lapsed', 'done'] as const;
export const VISIT_STATUSES = ['on_site', 'left', 'recorded', 'confirmed'] as const;
export const VIOLATION_KINDS = ['no_booking', 'identity_mismatch', 'clinical_area', 'prescription_stats', 'gift', 'wrong_place', 'other'] as const;
export const VIOLATION_STATUSES = ['reported', 'confirmed', 'dismissed'] as const;
export const SANCTION_KINDS = ['summon', 'suspend_products', 'blacklist_company'] as const;
export const REP_FILE_KINDS = ['photo', 'letter', 'licence'] as const;

const date = z.iso.date();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time_format');
const phone = z.string().trim().regex(/^1\d{10}$/, 'mobile_format');
const name = z.string().trim().min(1).max(60);
const products = z.array(z.string().trim().min(1).max(80)).max(50);
export const ZCreditCode = z.string().trim().toUpperCase().refine(isValidCreditCode, 'credit_code_invalid');

// ── registry ────────────────────────────────────────────────────────────────

export const ZRepCompany = z.object({
  id: ZId,
  regionId: ZId,
  name: z.string(),
  creditCode: z.string(),
  /** The code the hospitals' procurement data use for this supplier (screening's supplier_code). */
  supplierCode: z.string().nullable(),
  kind: z.enum(COMPANY_KINDS),
  licenceNo: z.string().nullable(),
  hasLicence: z.boolean(),
  blacklisted: z.boolean(),
  repCount: z.number().int(),
  createdAt: z.string(),
});
export type TRepCompany = z.infer<typeof ZRepCompany>;
export const ZCompanyInput = z.object({
  name,
  creditCode: ZCreditCode,
  kind: z.enum(COMPANY_KINDS),
  licenceNo: z.string().trim().max(60).nullish(),
  supplierCode: z.string().trim().max(40).nullish(),
});
export type TCompanyInput = z.infer<typeof ZCompanyInput>;
export const ZCompanyPatch = ZCompanyInput.omit({ creditCode: true }).partial();
export const ZCompanyQuery = ZListQuery.extend({ blacklisted: z.enum(['true', 'false']).optional() });

export const ZRepSummary = z.object({
  id: ZId,
  regionId: ZId,
  name: z.string().nullable(),
  phoneMasked: z.string(),
  nationalIdMasked: z.string().nullable(),
  companyId: ZId.nullable(),
  companyName: z.string().nullable(),
  filingNo: z.string().nullable(),
  products: z.array(z.string()),
  letterFrom: z.string().nullable(),
  letterUntil: z.string().nullable(),
  registeredUntil: z.string().nullable(),
  pledgeSignedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  hasPhoto: z.boolean(),
  hasLetter: z.boolean(),
  /** At the caller's institution (region users: the registry-wide standing). */
  status: z.enum(REP_STATUSES),
  suspendedUntil: z.string().nullable(),
  /** A blacklisted company this person (by ID number, under any account) represented before their current one. */
  formerBlacklistedCompany: z.string().nullable(),
});
export type TRepSummary = z.infer<typeof ZRepSummary>;
export const ZRepQuery = ZListQuery.extend({
  status: z.enum(REP_STATUSES).optional(),
  companyId: ZId.optional(),
  /** Only reps who moved here from a blacklisted company. */
  flagged: z.enum(['true', 'false']).optional(),
});
export type TRepQuery = z.infer<typeof ZRepQuery>;

export const ZRepApproval = z.object({
  institutionId: ZId,
  institutionName: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'suspended']),
  reason: z.string().nullable(),
  suspendedUntil: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export const ZRepDetail = ZRepSummary.extend({ approvals: z.array(ZRepApproval), violations: z.number().int() });
export type TRepDetail = z.infer<typeof ZRepDetail>;

export const ZRepDecision = z.object({
  decision: z.enum(['approve', 'reject', 'suspend', 'reinstate']),
  reason: z.string().trim().max(500).nullish(),
  /** For a suspension: the last day. */
  until: date.nullish(),
});
export type TRepDecision = z.infer<typeof ZRepDecision>;

// ── reception rules ─────────────────────────────────────────────────────────

/** A purchase suspension (the ladder's `suspend_products`) lasts three to six months. */
export const SUSPENSION_MONTHS = { min: 3, max: 6 } as const;
export const DEFAULT_UNUSUAL = { manyDepartments: 3, hostSharePercent: 60, hostMin: 3 };
export const ZUnusualThresholds = z.object({
  /** Distinct departments one rep visits in the period before it is flagged. */
  manyDepartments: z.number().int().min(2).max(50),
  /** A host taking at least this share (%) of a company's visits… */
  hostSharePercent: z.number().int().min(10).max(100),
  /** …and at least this many of them, is flagged. */
  hostMin: z.number().int().min(1).max(100),
});
export type TUnusualThresholds = z.infer<typeof ZUnusualThresholds>;
export const ZLadderStep = z.object({ kind: z.enum(SANCTION_KINDS), months: z.number().int().min(0).max(60).default(0) });
export const ZReceptionRules = z.object({
  institutionId: ZId,
  /** ISO weekdays, 1 = Monday. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  timeFrom: time,
  timeTo: time,
  slotMinutes: z.number().int().min(10).max(240),
  slotCapacity: z.number().int().min(1).max(50),
  rooms: z.array(z.string().trim().min(1).max(60)).min(1).max(20),
  /** A booking closes this many days before the visit. */
  leadDays: z.number().int().min(0).max(30),
  /** The office decides within this many working days. */
  decideDays: z.number().int().min(1).max(30),
  monthlyLimit: z.number().int().min(1).max(100),
  departmentIds: z.array(ZId).max(200),
  hostsRequired: z.number().int().min(1).max(5),
  /** The sanction for the 1st, 2nd, 3rd… confirmed violation by a company's reps. */
  ladder: z.array(ZLadderStep).min(1).max(6),
  /** Thresholds of the ledger's unusual patterns. */
  unusual: ZUnusualThresholds.default(DEFAULT_UNUSUAL),
});
export type TReceptionRules = z.infer<typeof ZReceptionRules>;
export const ZReceptionRulesInput = ZReceptionRules.omit({ institutionId: true });
export type TReceptionRulesInput = z.infer<typeof ZReceptionRulesInput>;
export const ZInstitutionQuery = z.object({ institutionId: ZId.optional() });

// ── bookings and the calendar ───────────────────────────────────────────────

export const ZSlot = z.object({ date: z.string(), start: z.string(), end: z.string(), capacity: z.number().int(), booked: z.number().int(), open: z.boolean() });
export type TSlot = z.infer<typeof ZSlot>;
export const ZSlotQuery = z.object({ institutionId: ZId.optional(), from: date, to: date });

export const ZBooking = z.object({
  id: ZId,
  institutionId: ZId,
  institutionName: z.string(),
  repId: ZId,
  repName: z.string().nullable(),
  companyName: z.string().nullable(),
  departmentId: ZId,
  departmentName: z.string(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  room: z.string().nullable(),
  purpose: z.string(),
  products: z.array(z.string()),
  status: z.enum(BOOKING_STATUSES),
  decideBy: z.string(),
  reason: z.string().nullable(),
  hosts: z.array(z.object({ id: ZId, name: z.string() })),
  createdAt: z.string(),
});
export type TBooking = z.infer<typeof ZBooking>;
export const ZBookingInput = z.object({
  institutionId: ZId,
  departmentId: ZId,
  date,
  start: time,
  purpose: z.string().trim().min(2).max(500),
  products: products.min(1),
});
export type TBookingInput = z.infer<typeof ZBookingInput>;
/** Search (`q`: rep, company, purpose) and sort keys: date, repName, companyName, departmentName, status, createdAt. */
export const ZBookingQuery = ZListQuery.extend({
  status: z.enum(BOOKING_STATUSES).optional(),
  from: date.optional(),
  to: date.optional(),
  companyId: ZId.optional(),
  repId: ZId.optional(),
});
export type TBookingQuery = z.infer<typeof ZBookingQuery>;
export const ZBookingDecision = z.object({
  decision: z.enum(['approve', 'refuse']),
  hostIds: z.array(ZId).max(5).default([]),
  room: z.string().trim().max(60).nullish(),
  reason: z.string().trim().max(500).nullish(),
});
export type TBookingDecision = z.infer<typeof ZBookingDecision>;
export const ZCheckCode = z.object({ code: z.string(), expiresAt: z.string(), qrSvg: z.string() });
export type TCheckCode = z.infer<typeof ZCheckCode>;

// ── visits ──────────────────────────────────────────────────────────────────

export const ZVisitHost = z.object({ personId: ZId, name: z.string(), staffNo: z.string(), confirmedAt: z.string().nullable() });
export const ZVisit = z.object({
  id: ZId,
  number: z.string(),
  institutionId: ZId,
  bookingId: ZId,
  repId: ZId,
  repName: z.string().nullable(),
  companyId: ZId,
  companyName: z.string(),
  departmentName: z.string(),
  room: z.string().nullable(),
  purpose: z.string(),
  products: z.array(z.string()),
  checkedInAt: z.string(),
  checkedOutAt: z.string().nullable(),
  status: z.enum(VISIT_STATUSES),
  hosts: z.array(ZVisitHost),
  content: z.string().nullable(),
  materials: z.string().nullable(),
  attendees: z.array(z.string()),
});
export type TVisit = z.infer<typeof ZVisit>;
/** Search (`q`: number, rep, company, purpose) and sort keys: checkedInAt, repName, companyName, departmentName, number. */
export const ZVisitQuery = ZListQuery.extend({
  /** Region users: one institution of their region. */
  institutionId: ZId.optional(),
  from: date.optional(),
  to: date.optional(),
  companyId: ZId.optional(),
  repId: ZId.optional(),
  status: z.enum(VISIT_STATUSES).optional(),
});
export type TVisitQuery = z.infer<typeof ZVisitQuery>;
export const ZVisitExportQuery = ZVisitQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
export const ZCodeInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'check_code_format') });
export type TCodeInput = z.infer<typeof ZCodeInput>;
export const ZVisitRecord = z.object({
  content: z.string().trim().min(2).max(4000),
  materials: z.string().trim().max(2000).default(''),
  attendees: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
});
export type TVisitRecord = z.infer<typeof ZVisitRecord>;
/** What the reception desk prints on the visitor badge. */
export const ZBadge = z.object({
  visitNumber: z.string(),
  institutionName: z.string(),
  repName: z.string(),
  companyName: z.string(),
  nationalIdMasked: z.string().nullable(),
  photoUrl: z.string().nullable(),
  departmentName: z.string(),
  room: z.string().nullable(),
  hosts: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
});
export type TBadge = z.infer<typeof ZBadge>;
export const ZCheckinResult = z.object({ visit: ZVisit, badge: ZBadge });
/** What the desk compares before letting the rep in: the registry's photo and masked ID, and the booking. */
export const ZDeskPreview = z.object({
  bookingId: ZId,
  repId: ZId,
  repName: z.string().nullable(),
  companyName: z.string(),
  nationalIdMasked: z.string().nullable(),
  filingNo: z.string().nullable(),
  photoUrl: z.string().nullable(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  departmentName: z.string(),
  room: z.string().nullable(),
  purpose: z.string(),
  hosts: z.array(z.string()),
  /** Until when the desk may still check this code in or refuse it. */
  holdUntil: z.string(),
});
export type TDeskPreview = z.infer<typeof ZDeskPreview>;
export const ZDeskRefusal = z.object({ code: ZCodeInput.shape.code, note: z.string().trim().max(500).nullish() });
export type TDeskRefusal = z.infer<typeof ZDeskRefusal>;

// ── violations, sanctions, blacklist ────────────────────────────────────────

export const ZViolation = z.object({
  id: ZId,
  institutionId: ZId,
  repId: ZId.nullable(),
  repName: z.string().nullable(),
  companyId: ZId.nullable(),
  companyName: z.string().nullable(),
  visitId: ZId.nullable(),
  kind: z.enum(VIOLATION_KINDS),
  description: z.string(),
  occurredAt: z.string(),
  status: z.enum(VIOLATION_STATUSES),
  bookingId: ZId.nullable(),
  /** The integrity-code report it came from. */
  caseId: ZId.nullable(),
  /** Which rung of the ladder this confirmed violation reached (1 = first). */
  step: z.number().int().nullable(),
  sanction: z.enum(SANCTION_KINDS).nullable(),
  createdAt: z.string(),
});
export type TViolation = z.infer<typeof ZViolation>;
export const ZViolationInput = z.object({
  repId: ZId,
  kind: z.enum(VIOLATION_KINDS),
  description: z.string().trim().min(2).max(2000),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  visitId: ZId.nullish(),
  /** The office saw it itself: confirm at once (applies the ladder). */
  confirm: z.boolean().default(true),
});
export type TViolationInput = z.infer<typeof ZViolationInput>;
/** A member of staff reports a rep seen where reps may not go. */
export const ZSightingInput = z.object({
  repId: ZId.nullish(),
  repName: z.string().trim().max(60).nullish(),
  companyName: z.string().trim().max(100).nullish(),
  kind: z.enum(['clinical_area', 'prescription_stats', 'gift', 'no_booking', 'other']).default('clinical_area'),
  departmentId: ZId.nullish(),
  description: z.string().trim().min(2).max(2000),
});
export type TSightingInput = z.infer<typeof ZSightingInput>;
export const ZViolationDecision = z.object({ decision: z.enum(['confirm', 'dismiss']), repId: ZId.nullish(), reason: z.string().trim().max(500).nullish() });
export type TViolationDecision = z.infer<typeof ZViolationDecision>;
/** Search (`q`: rep, company, description) and sort keys: occurredAt, repName, companyName, kind, status. */
export const ZViolationQuery = ZListQuery.extend({
  status: z.enum(VIOLATION_STATUSES).optional(),
  companyId: ZId.optional(),
  kind: z.enum(VIOLATION_KINDS).optional(),
  caseId: ZId.optional(),
});
export type TViolationQuery = z.infer<typeof ZViolationQuery>;
/** The rung a confirmed violation by this rep's company would reach at the caller's institution. */
export const ZLadderPreview = z.object({ companyId: ZId, companyName: z.string(), step: z.number().int(), kind: z.enum(SANCTION_KINDS), months: z.number().int() });
export type TLadderPreview = z.infer<typeof ZLadderPreview>;
export const ZLadderPreviewQuery = z.object({ repId: ZId });
/** The office turns an integrity-code report of a rep in a clinical area into a violation of the rep it picked. */
export const ZViolationFromCase = z.object({
  caseId: ZId,
  repId: ZId,
  description: z.string().trim().min(2).max(2000).nullish(),
  /** Confirm at once (applies the ladder). */
  confirm: z.boolean().default(false),
});
export type TViolationFromCase = z.infer<typeof ZViolationFromCase>;
/** An active purchase suspension: which products of which company, at which institution, until when. */
export const ZPurchaseSuspension = z.object({
  id: ZId,
  institutionId: ZId,
  institutionName: z.string(),
  companyId: ZId,
  companyName: z.string(),
  creditCode: z.string(),
  repName: z.string().nullable(),
  products: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string(),
  violationId: ZId.nullable(),
});
export type TPurchaseSuspension = z.infer<typeof ZPurchaseSuspension>;
/** Search (`q`: company, product) and sort keys: endsOn, startsOn, companyName. */
export const ZSuspensionQuery = ZListQuery.extend({ institutionId: ZId.optional() });
export type TSuspensionQuery = z.infer<typeof ZSuspensionQuery>;

export const ZSanction = z.object({
  id: ZId,
  institutionId: ZId,
  companyId: ZId,
  companyName: z.string(),
  repId: ZId.nullable(),
  repName: z.string().nullable(),
  violationId: ZId.nullable(),
  kind: z.enum(SANCTION_KINDS),
  products: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  createdAt: z.string(),
});
export type TSanction = z.infer<typeof ZSanction>;

export const ZBlacklistEntry = z.object({
  id: ZId,
  regionId: ZId,
  companyId: ZId,
  companyName: z.string(),
  creditCode: z.string(),
  repId: ZId.nullable(),
  repName: z.string().nullable(),
  reason: z.string(),
  /** Which institution decided it (null: the region); only it, or the region, may lift it. */
  sourceInstitutionId: ZId.nullable(),
  sourceInstitutionName: z.string().nullable(),
  createdAt: z.string(),
  liftedAt: z.string().nullable(),
});
export type TBlacklistEntry = z.infer<typeof ZBlacklistEntry>;
export const ZBlacklistInput = z.object({ companyId: ZId, repId: ZId.nullish(), reason: z.string().trim().min(2).max(500) });
/** Search (`q`: company, credit code, rep, reason) and sort keys: createdAt, companyName, liftedAt. */
export const ZBlacklistQuery = ZListQuery.extend({ active: z.enum(['true', 'false']).optional() });
export type TBlacklistQuery = z.infer<typeof ZBlacklistQuery>;
export const ZReason = z.object({ reason: z.string().trim().min(2).max(500) });

// ── figures ─────────────────────────────────────────────────────────────────

const count = z.object({ id: ZId, name: z.string(), visits: z.number().int() });
export const ZRepFigures = z.object({
  from: z.string(),
  to: z.string(),
  visits: z.number().int(),
  onSite: z.number().int(),
  byCompany: z.array(count),
  byRep: z.array(count),
  byDepartment: z.array(count),
  unusual: z.array(
    z.object({
      kind: z.enum(['too_many_visits', 'many_departments', 'host_cluster']),
      repId: ZId.nullable(),
      repName: z.string().nullable(),
      companyName: z.string().nullable(),
      hostName: z.string().nullable(),
      value: z.number().int(),
      limit: z.number().int(),
    }),
  ),
});
export type TRepFigures = z.infer<typeof ZRepFigures>;
export const ZFiguresQuery = z.object({ from: date.optional(), to: date.optional(), institutionId: ZId.optional() });

// ── the rep's own side (/api/rep) ───────────────────────────────────────────

export const ZRepSignup = z.object({
  regionId: ZId,
  phone,
  password: z
    .string()
    .min(10, 'password_min')
    .max(256)
    .refine((p) => [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((r) => r.test(p)).length >= 2, 'password_classes'),
  smsCode: z.string().trim().regex(/^\d{6}$/, 'sms_code_format'),
});
export type TRepSignup = z.infer<typeof ZRepSignup>;
export const ZRepLogin = z.object({ phone, password: z.string().min(1).max(256) });
export const ZSmsRequest = z.object({ phone });
export const ZRepProfile = z.object({
  name,
  nationalId: z.string().trim().toUpperCase().refine(isValidNationalId, 'national_id_invalid'),
  filingNo: z.string().trim().min(4).max(40),
  products: products.min(1),
  letterFrom: date,
  letterUntil: date,
  company: ZCompanyInput.omit({ supplierCode: true }),
});
export type TRepProfile = z.infer<typeof ZRepProfile>;
export const ZRepSelf = z.object({
  id: ZId,
  regionId: ZId,
  regionName: z.string(),
  phoneMasked: z.string(),
  name: z.string().nullable(),
  nationalIdMasked: z.string().nullable(),
  filingNo: z.string().nullable(),
  products: z.array(z.string()),
  letterFrom: z.string().nullable(),
  letterUntil: z.string().nullable(),
  registeredUntil: z.string().nullable(),
  company: z.object({ id: ZId, name: z.string(), creditCode: z.string(), kind: z.enum(COMPANY_KINDS), licenceNo: z.string().nullable(), hasLicence: z.boolean() }).nullable(),
  hasPhoto: z.boolean(),
  hasLetter: z.boolean(),
  pledgeSignedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  blacklisted: z.boolean(),
  expired: z.boolean(),
  approvals: z.array(ZRepApproval),
  csrfToken: z.string(),
});
export type TRepSelf = z.infer<typeof ZRepSelf>;
export const ZRepInstitution = z.object({
  id: ZId,
  name: z.string(),
  status: z.enum(REP_STATUSES),
  rules: z
    .object({
      weekdays: z.array(z.number().int()),
      timeFrom: z.string(),
      timeTo: z.string(),
      leadDays: z.number().int(),
      monthlyLimit: z.number().int(),
      departments: z.array(z.object({ id: ZId, name: z.string() })),
    })
    .nullable(),
});
export type TRepInstitution = z.infer<typeof ZRepInstitution>;
export const ZPledgeInput = z.object({ accept: z.literal(true) });
export const ZApplicationInput = z.object({ institutionId: ZId });
/** The integrity pledge text the rep signs (version kept with the signature). */
export const PLEDGE_VERSION = '2025-1';
