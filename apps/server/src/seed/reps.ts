/**
 * The demo region's sales representatives: eight pharmaceutical and device companies, twenty reps
 * (registered, with the pledge signed), their standing at 清源市人民医院 (mostly admitted, a few waiting,
 * one refused, one suspended), that hospital's reception rules, three months of booked, hosted and
 * recorded visits in the pharmacy and procurement offices, requests waiting for a decision, and the
 * violations the office recorded (one confirmed with a summons, one waiting, one dismissed) plus one
 * blacklisted company. Names and numbers are deterministic; dates follow the day the demo is seeded.
 * Reps sign in on /rep with their phone number and the demo password.
 */
import { drawPng } from './picture.ts';
import { creditCodeCheckChar, maskNationalId } from '@qinglian/contracts';
import { putBlob } from '../platform/blobs.ts';
import { attachments } from '../platform/platform.tables.ts';
import { eq } from 'drizzle-orm';
import type { Platform } from '../platform/context.ts';
import type { Db } from '../platform/db.ts';
import { shanghaiDate } from '../platform/time.ts';
import {
  receptionRules,
  repApprovals,
  repBlacklist,
  repBookings,
  repCompanies,
  reps,
  repSanctions,
  repViolations,
  repVisitHosts,
  repVisits,
} from '../modules/reps/reps.tables.ts';
import { chineseName, nationalId, prng } from './names.ts';

const COMPANIES: { name: string; kind: 'manufacturer' | 'distributor'; products: string[] }[] = [
  { name: '浙江康恩医药股份有限公司', kind: 'manufacturer', products: ['阿托伐他汀钙片', '苯磺酸氨氯地平片'] },
  { name: '华东海正制药有限公司', kind: 'manufacturer', products: ['头孢呋辛酯片', '阿莫西林胶囊'] },
  { name: '杭州瑞诚生物科技有限公司', kind: 'manufacturer', products: ['重组人胰岛素注射液', '甘精胰岛素注射液'] },
  { name: '江苏恒达医疗器械有限公司', kind: 'manufacturer', products: ['一次性使用输液器', '医用外科口罩'] },
  { name: '上海博安心血管医疗科技有限公司', kind: 'manufacturer', products: ['冠脉药物洗脱支架', 'PTCA球囊扩张导管'] },
  { name: '浙江英特医药物流有限公司', kind: 'distributor', products: ['注射用头孢曲松钠', '氯化钠注射液'] },
  { name: '国药控股丽水有限公司', kind: 'distributor', products: ['奥美拉唑肠溶胶囊', '注射用泮托拉唑钠'] },
  { name: '山东齐鲁骨科材料有限公司', kind: 'manufacturer', products: ['锁定加压接骨板', '人工髋关节假体'] },
];

const PURPOSES = ['新规格产品学术推广', '药品不良反应监测信息通报', '集采中选产品供应保障沟通', '产品说明书更新说明', '配送及退换货事宜对接', '医疗器械使用培训安排'];
const CONTENTS = [
  '介绍产品新规格及适应证，提供说明书；未涉及处方数据及科室用量。',
  '通报近期不良反应监测情况，交流合理用药要点。',
  '沟通集采中选产品的供货周期与库存，约定每月对账。',
  '说明退换货流程及冷链运输要求，留存书面材料。',
];

const day = (base: string, offset: number) => {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

/** A 90×120 ID-photo stand-in: a grey head-and-shoulders silhouette on a light blue ground (PNG). */
function silhouette(): Buffer {
  return drawPng(90, 120, (x, y) => {
    const head = (x - 45) ** 2 + (y - 48) ** 2 < 22 ** 2;
    const shoulders = y > 78 && (x - 45) ** 2 / 42 ** 2 + (y - 122) ** 2 / 44 ** 2 < 1;
    return head || shoulders ? [120, 128, 140] : [214, 230, 245];
  });
}

/** A one-page PDF standing in for a company's letter of authorisation. */
const LETTER = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** Hosts are the discipline officer and the heads of pharmacy and procurement of the hospital. */
export interface RepSeedPlace {
  regionId: string;
  institutionId: string;
  institutionCode: string;
  departments: { id: string }[];
  hosts: string[];
  officerAccountId: string | null;
}

/** Seeds the reps of the demo region (inside the seeding transaction). */
export async function seedDemoReps(platform: Platform, db: Db, place: RepSeedPlace, passwordHash: string): Promise<{ reps: number; visits: number }> {
  const r = prng(4_2026);
  const today = shanghaiDate(platform.now());
  const companies = await db
    .insert(repCompanies)
    .values(
      COMPANIES.map((c, i) => {
        const body = `91331100MA2${String(10_000 + i * 137).padStart(6, '0')}`;
        return { regionId: place.regionId, name: c.name, creditCode: body + creditCodeCheckChar(body), supplierCode: `S${String(i + 1).padStart(3, '0')}`, kind: c.kind, licenceNo: `浙药生${20_180 + i}` };
      }),
    )
    .returning();

  const repRows = Array.from({ length: 20 }, (_, i) => {
    const company = companies[i % companies.length]!;
    const id = nationalId(r, '330102');
    return {
      regionId: place.regionId,
      phone: `1390578${String(1000 + i).padStart(4, '0')}`,
      passwordHash,
      name: chineseName(r),
      nationalIdSealed: platform.keyring.encrypt(id),
      nationalIdMasked: maskNationalId(id),
      nationalIdHash: platform.keyring.hmac('rep-national-id', id),
      companyId: company.id,
      filingNo: `ZJYYDB-${2024_0000 + i * 31}`,
      products: COMPANIES[i % COMPANIES.length]!.products,
      letterFrom: day(today, -300),
      letterUntil: day(today, 400),
      pledgeSignedAt: at(day(today, -120 + i), '10:00'),
      pledgeVersion: '2025-1',
      submittedAt: at(day(today, -119 + i), '10:30'),
      registeredUntil: day(today, 245 + i),
    };
  });
  const made = await db.insert(reps).values(repRows).returning();
  // Every rep has an ID photo (the badge prints it) and a letter of authorisation on file.
  const photo = silhouette();
  const stored = { photo: await putBlob(platform.config.dataDir, photo), letter: await putBlob(platform.config.dataDir, LETTER) };
  for (const rep of made) {
    const [p, l] = await db
      .insert(attachments)
      .values([
        { regionId: place.regionId, institutionId: null, uploadedBy: null, sha256: stored.photo, size: photo.length, mime: 'image/png', filename: '证件照.png', createdAt: platform.now() },
        { regionId: place.regionId, institutionId: null, uploadedBy: null, sha256: stored.letter, size: LETTER.length, mime: 'application/pdf', filename: '授权委托书.pdf', createdAt: platform.now() },
      ])
      .returning();
    await db.update(reps).set({ photoFileId: p!.id, letterFileId: l!.id }).where(eq(reps.id, rep.id));
  }

  // Standing at the hospital: 15 admitted, 3 waiting, 1 refused, 1 suspended.
  const statusOf = (i: number): 'approved' | 'pending' | 'rejected' | 'suspended' => (i < 15 ? 'approved' : i < 18 ? 'pending' : i === 18 ? 'rejected' : 'suspended');
  await db.insert(repApprovals).values(
    made.map((rep, i) => {
      const status = statusOf(i);
      return {
        repId: rep.id,
        institutionId: place.institutionId,
        status,
        reason: status === 'rejected' ? '授权委托书与备案企业不一致' : status === 'suspended' ? '未按预约时间到院，暂停接待' : null,
        suspendedUntil: status === 'suspended' ? day(today, 60) : null,
        decidedAt: status === 'pending' ? null : at(day(today, -100 + i), '16:00'),
        decidedBy: status === 'pending' ? null : place.officerAccountId,
        createdAt: at(day(today, -110 + i), '09:00'),
      };
    }),
  );

  await db.insert(receptionRules).values({
    institutionId: place.institutionId,
    weekdays: [2, 4],
    timeFrom: '14:00',
    timeTo: '17:00',
    slotMinutes: 30,
    slotCapacity: 2,
    rooms: ['医药代表接待室（行政楼一楼）'],
    leadDays: 1,
    decideDays: 2,
    monthlyLimit: 4,
    departmentIds: place.departments.map((d) => d.id),
    hostsRequired: 2,
    ladder: [
      { kind: 'summon', months: 0 },
      { kind: 'suspend_products', months: 3 },
      { kind: 'blacklist_company', months: 0 },
    ],
  });

  // Three months of Tuesday and Thursday afternoons: visits that took place, with their records.
  const admitted = made.slice(0, 15);
  const slots = ['14:00', '14:30', '15:00', '15:30', '16:00', '16:30'];
  let visits = 0;
  for (let offset = -90; offset < 0; offset++) {
    const date = day(today, offset);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 2 && weekday !== 4) continue;
    for (let k = 0; k < r.int(1, 3); k++) {
      const rep = r.pick(admitted);
      const start = r.pick(slots);
      const end = slots[slots.indexOf(start) + 1] ?? '17:00';
      const dept = r.pick(place.departments);
      const hosts = [place.hosts[0]!, r.pick(place.hosts.slice(1))];
      const outcome = r.next();
      const status = outcome < 0.08 ? 'refused' : outcome < 0.14 ? 'cancelled' : 'done';
      const [booking] = await db
        .insert(repBookings)
        .values({
          institutionId: place.institutionId,
          repId: rep.id,
          companyId: rep.companyId!,
          departmentId: dept.id,
          date,
          start,
          end,
          room: '医药代表接待室（行政楼一楼）',
          purpose: r.pick(PURPOSES),
          products: rep.products.slice(0, 1),
          status,
          decideBy: day(date, -1),
          reason: status === 'refused' ? '本月接待次数已满' : null,
          hostIds: status === 'done' ? hosts : [],
          decidedAt: at(day(date, -2), '11:00'),
          decidedBy: place.officerAccountId,
          createdAt: at(day(date, -4), '09:30'),
        })
        .returning();
      if (status !== 'done') continue;
      visits++;
      const [visit] = await db
        .insert(repVisits)
        .values({
          institutionId: place.institutionId,
          number: `${place.institutionCode}-${date.replace(/-/g, '')}-${String(visits).padStart(4, '0')}`,
          bookingId: booking!.id,
          repId: rep.id,
          companyId: rep.companyId!,
          departmentId: dept.id,
          checkedInAt: at(date, start),
          checkedInBy: place.officerAccountId,
          checkedOutAt: new Date(at(date, start).getTime() + r.int(12, 28) * 60_000),
          checkedOutBy: place.officerAccountId,
          content: r.pick(CONTENTS),
          materials: '产品说明书 1 份',
          attendees: [],
          recordedAt: at(date, end),
          recordedBy: place.officerAccountId,
        })
        .returning();
      await db.insert(repVisitHosts).values(hosts.map((personId) => ({ visitId: visit!.id, personId, institutionId: place.institutionId, confirmedAt: at(date, end) })));
    }
  }

  // Requests for the coming week, waiting for the office's decision.
  for (const [i, rep] of admitted.slice(0, 3).entries()) {
    let date = day(today, 2 + i);
    while (![2, 4].includes(new Date(`${date}T00:00:00Z`).getUTCDay())) date = day(date, 1);
    await db.insert(repBookings).values({
      institutionId: place.institutionId,
      repId: rep.id,
      companyId: rep.companyId!,
      departmentId: place.departments[i % place.departments.length]!.id,
      date,
      start: slots[i]!,
      end: slots[i + 1]!,
      purpose: PURPOSES[i]!,
      products: rep.products.slice(0, 1),
      status: 'requested',
      decideBy: day(date, -1),
    });
  }

  // Violations: a gift in a clinical corridor (confirmed: summons), one waiting, one dismissed.
  const [gift] = await db
    .insert(repViolations)
    .values({
      institutionId: place.institutionId,
      repId: made[5]!.id,
      companyId: made[5]!.companyId,
      kind: 'gift',
      description: '在心血管内科走廊向医生赠送购物卡，被网格监督员发现并制止。',
      occurredAt: at(day(today, -40), '10:20'),
      status: 'confirmed',
      step: 1,
      sanction: 'summon',
      reportedBy: place.officerAccountId,
      decidedBy: place.officerAccountId,
      decidedAt: at(day(today, -38), '15:00'),
    })
    .returning();
  await db.insert(repSanctions).values({ institutionId: place.institutionId, companyId: made[5]!.companyId!, repId: made[5]!.id, violationId: gift!.id, kind: 'summon', startsOn: day(today, -38) });
  await db.insert(repViolations).values([
    {
      institutionId: place.institutionId,
      kind: 'clinical_area',
      description: '未预约进入骨科病区，自称某器械公司人员，未能出示身份。',
      reportedRepName: '自称姓陈',
      reportedCompanyName: '山东齐鲁骨科材料有限公司',
      occurredAt: at(day(today, -6), '09:40'),
      status: 'reported',
      reportedBy: place.officerAccountId,
    },
    {
      institutionId: place.institutionId,
      repId: made[2]!.id,
      companyId: made[2]!.companyId,
      kind: 'no_booking',
      description: '未预约到药剂科，经核实为配送人员送货，不属于推广活动。',
      occurredAt: at(day(today, -20), '14:10'),
      status: 'dismissed',
      reportedBy: place.officerAccountId,
      decidedBy: place.officerAccountId,
      decidedAt: at(day(today, -19), '10:00'),
    },
  ]);
  await db.insert(repBlacklist).values({ regionId: place.regionId, companyId: companies[7]!.id, reason: '2025 年查实向医务人员账外输送回扣，列入全市医药购销领域不良记录名单。' });
  return { reps: made.length, visits };
}
