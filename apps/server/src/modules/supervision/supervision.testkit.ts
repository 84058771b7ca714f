/** Re-exports for the supervision tests. */
import { RISK_LIBRARY } from './risk.library.ts';

export { levelOf } from './risk.service.ts';
export const RISK_LIBRARY_KEYS = RISK_LIBRARY.map((e) => e.key);

import type { Db } from '../../platform/db.ts';
import { checklistTemplates, inspectionRounds, rectifications, riskPoints, talks } from './supervision.tables.ts';

/** One risk point, round, rectification and talk placed in a department, for access tests. */
export async function createSupervisionRecords(db: Db, institutionId: string, departmentId: string, personId: string) {
  const [risk] = await db.insert(riskPoints).values({ institutionId, departmentId, process: 'other', title: '测试风险点', likelihood: 2, impact: 2 }).returning();
  const [tpl] = await db.insert(checklistTemplates).values({ institutionId, name: '模板', sections: [{ title: 's', passMark: 60, items: [{ id: 'a', text: 't', weight: 1 }] }] }).returning();
  const [round] = await db
    .insert(inspectionRounds)
    .values({ institutionId, title: '查房', plannedOn: '2026-12-01', methods: ['interview'], teamIds: [personId], departmentIds: [departmentId], templateId: tpl!.id })
    .returning();
  const [rect] = await db
    .insert(rectifications)
    .values({ roundId: round!.id, institutionId, departmentId, kind: 'other', description: '问题', responsibleId: personId, deadline: '2026-12-31' })
    .returning();
  const [talk] = await db
    .insert(talks)
    .values({ institutionId, subjectId: personId, subjectDepartmentId: departmentId, kind: 'reminder', reasonKind: 'free', reason: '提醒', talkerIds: [], talkedOn: '2026-11-01' })
    .returning();
  return { template: tpl!.id, risk: risk!.id, round: round!.id, rectification: rect!.id, talk: talk!.id };
}
