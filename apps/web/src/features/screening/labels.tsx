/** Tags and small renderers shared by the screening pages: rule names with what they find, statuses, scores, keys. */
import { InfoCircleOutlined } from '@ant-design/icons';
import { ALERT_RULE_KEYS, type TScreeningAlert, type TScreeningImport, type TAlertRule, type TScreeningRun } from '@qinglian/contracts';
import { Progress, Space, Tag, Tooltip } from 'antd';
import type { Dict } from '../../lib/i18n/index.tsx';
import { useT } from '../../lib/i18n/index.tsx';

const entries = <K extends string>(o: Record<K, string>) => (Object.entries(o) as [K, string][]).map(([value, label]) => ({ value, label }));
export const ruleOptions = (t: Dict) => entries(t.screening.rules).map((o) => ({ ...o, title: t.screening.ruleHints[o.value] }));
export const statusOptions = (t: Dict) => entries(t.screening.status);

/** The rule's Chinese name with a tooltip saying what it finds. */
export function RuleName({ rule }: { rule: TAlertRule }) {
  const t = useT();
  return (
    <Tooltip title={t.screening.ruleHints[rule]}>
      <Space size={4} data-testid="rule-name">
        {t.screening.rules[rule]}
        <InfoCircleOutlined style={{ color: '#999', fontSize: 12 }} />
      </Space>
    </Tooltip>
  );
}

const ALERT_COLOR: Record<TScreeningAlert['status'], string> = { open: 'volcano', dismissed: 'default', escalated: 'blue' };
export function AlertStatusTag({ status }: { status: TScreeningAlert['status'] }) {
  const t = useT();
  return (
    <Tag color={ALERT_COLOR[status]} data-testid="alert-status">
      {t.screening.status[status]}
    </Tag>
  );
}

const IMPORT_COLOR: Record<TScreeningImport['status'], string> = { running: 'processing', done: 'green', failed: 'red' };
export function ImportStatusTag({ status }: { status: TScreeningImport['status'] }) {
  const t = useT();
  return (
    <Tag color={IMPORT_COLOR[status]} data-testid="import-status">
      {t.screening.importStatus[status]}
    </Tag>
  );
}

const RUN_COLOR: Record<TScreeningRun['status'], string> = { queued: 'default', running: 'processing', done: 'green', failed: 'red' };
export function RunStatusTag({ status }: { status: TScreeningRun['status'] }) {
  const t = useT();
  return (
    <Tag color={RUN_COLOR[status]} data-testid="run-status">
      {t.screening.runStatus[status]}
    </Tag>
  );
}

/** The score in [0, 1] (0.5 = just at the rule's limit) as a short bar with 高/中/低, the number in the tooltip. */
export function Score({ score }: { score: number }) {
  const t = useT();
  const color = score >= 0.8 ? '#cf1322' : score >= 0.65 ? '#fa8c16' : '#d4b106';
  return (
    <Tooltip title={score.toFixed(2)}>
      <Space size={6} style={{ whiteSpace: 'nowrap' }} data-testid="alert-score">
        <Progress percent={Math.round(score * 100)} showInfo={false} size={[56, 6]} strokeColor={color} />
        <span style={{ color }}>{t.screening.common.scoreLevel(score)}</span>
      </Space>
    </Tooltip>
  );
}

/** The keys in the contract's order, as "订单号 PO-1 · 行号 2". */
export function keysText(t: Dict, rule: TAlertRule, keys: Record<string, string>): string {
  const order = ALERT_RULE_KEYS[rule] ?? [];
  const names = [...order.filter((k) => k in keys), ...Object.keys(keys).filter((k) => !order.includes(k))];
  return names.map((k) => `${t.screening.keys[k] ?? k} ${keys[k]}`).join(' · ');
}

/** A specialty code of staff.csv in words (unknown codes as they are). */
export const specialtyName = (t: Dict, code: unknown) => t.screening.specialties[String(code)] ?? String(code ?? '');

/** Yuan with thousands separators, from the server's exact decimal string (never through float arithmetic). */
export function yuan(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const s = String(v);
  const [int = '', frac] = s.split('.');
  const neg = int.startsWith('-');
  const digits = (neg ? int.slice(1) : int).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${digits}${frac ? `.${frac.padEnd(2, '0').slice(0, 2)}` : ''}`;
}

/** A share in [0, 1] as a percentage with one decimal. */
export const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
