/**
 * Enum labels, colours and small tags of the workbench. Value lists come from the dictionary (its keys
 * are checked against the contract's enums below): the contract's arrays would pull zod into the bundle.
 */
import type { TRectification, TRiskPoint, TRound, TTalk } from '@qinglian/contracts';
import { Tag } from 'antd';
import { type Dict, useT } from '../../lib/i18n/index.tsx';

type S = Dict['supervision'];
// Fails to compile when a dictionary's keys and a contract enum differ in either direction.
type Same<K extends string, O> = [K] extends [keyof O] ? ([keyof O] extends [K] ? true : false) : false;
type Assert<T extends true> = T;
export type LabelsCoverEnums = [
  Assert<Same<TRiskPoint['level'], S['levels']>>,
  Assert<Same<TRiskPoint['process'], S['processes']>>,
  Assert<Same<TRiskPoint['measures'][number]['status'], S['measureStatuses']>>,
  Assert<Same<TRound['methods'][number], S['methods']>>,
  Assert<Same<TRound['status'], S['roundStatuses']>>,
  Assert<Same<TRectification['kind'], S['findingKinds']>>,
  Assert<Same<TRectification['status'], S['rectStatuses']>>,
  Assert<Same<TTalk['kind'], S['talkKinds']>>,
  Assert<Same<TTalk['reasonKind'], S['reasonKinds']>>,
];

export type Level = TRiskPoint['level'];
export type MeasureStatus = TRiskPoint['measures'][number]['status'];

const keys = <K extends string>(o: Record<K, unknown>) => Object.keys(o) as K[];
export const levelKeys = (t: Dict) => keys<Level>(t.supervision.levels);
export const processKeys = (t: Dict) => keys<TRiskPoint['process']>(t.supervision.processes);
export const measureStatusKeys = (t: Dict) => keys<MeasureStatus>(t.supervision.measureStatuses);
export const methodKeys = (t: Dict) => keys<TRound['methods'][number]>(t.supervision.methods);
export const findingKindKeys = (t: Dict) => keys<TRectification['kind']>(t.supervision.findingKinds);
export const rectStatusKeys = (t: Dict) => keys<TRectification['status']>(t.supervision.rectStatuses);
export const talkKindKeys = (t: Dict) => keys<TTalk['kind']>(t.supervision.talkKinds);

/** Level colours: the same hues on tags, the heat map and the matrix. */
export const LEVEL_COLOR: Record<Level, string> = { low: '#52c41a', medium: '#faad14', high: '#fa8c16', critical: '#cf1322' };
const LEVEL_TAG: Record<Level, string> = { low: 'green', medium: 'gold', high: 'orange', critical: 'red' };

/** The level of a likelihood × impact score on the institution's thresholds (default 5 / 10 / 17, as the server). */
export function levelOfScore(score: number, m: { medium: number; high: number; critical: number } = { medium: 5, high: 10, critical: 17 }): Level {
  return score >= m.critical ? 'critical' : score >= m.high ? 'high' : score >= m.medium ? 'medium' : 'low';
}

export function LevelTag({ level }: { level: Level }) {
  const t = useT();
  return (
    <Tag color={LEVEL_TAG[level]} data-testid="risk-level">
      {t.supervision.levels[level]}
    </Tag>
  );
}

const MEASURE_COLOR: Record<MeasureStatus, string> = { planned: 'default', in_progress: 'processing', done: 'success' };
export function MeasureStatusTag({ status }: { status: MeasureStatus }) {
  const t = useT();
  return <Tag color={MEASURE_COLOR[status]}>{t.supervision.measureStatuses[status]}</Tag>;
}

const ROUND_COLOR: Record<TRound['status'], string> = { planned: 'default', in_progress: 'processing', completed: 'success', cancelled: 'error' };
export function RoundStatusTag({ status }: { status: TRound['status'] }) {
  const t = useT();
  return (
    <Tag color={ROUND_COLOR[status]} data-testid="round-status">
      {t.supervision.roundStatuses[status]}
    </Tag>
  );
}

const RECT_COLOR: Record<TRectification['status'], string> = { open: 'blue', submitted: 'gold', accepted: 'green', returned: 'volcano' };
/** Status with the overdue and escalated markers of an order. */
export function RectStatus({ r }: { r: Pick<TRectification, 'status' | 'overdue' | 'escalated'> }) {
  const t = useT();
  const ts = t.supervision.rect;
  return (
    <span data-testid="rect-status">
      <Tag color={RECT_COLOR[r.status]}>{t.supervision.rectStatuses[r.status]}</Tag>
      {r.overdue && (
        <Tag color="red" data-testid="rect-overdue">
          {ts.overdue}
        </Tag>
      )}
      {r.escalated && (
        <Tag color="magenta" data-testid="rect-escalated">
          {ts.escalated}
        </Tag>
      )}
    </span>
  );
}

const TALK_COLOR: Record<TTalk['kind'], string> = { reminder: 'blue', criticism: 'orange', admonishment: 'volcano', summons: 'purple', rectification: 'red' };
export function TalkKindTag({ kind }: { kind: TTalk['kind'] }) {
  const t = useT();
  return <Tag color={TALK_COLOR[kind]}>{t.supervision.talkKinds[kind]}</Tag>;
}
