/**
 * The evidence of an alert, rendered per rule so a person sees why without running a query
 * (docs/rules.md lists what each rule stores). Keys a renderer does not show fall back to a readable
 * key/value table, so nothing the server sends is hidden.
 */
import type { TAlertRule } from '@qinglian/contracts';
import { Card, Descriptions, Empty, Progress, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Dict } from '../../../lib/i18n/index.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { pct, specialtyName, yuan } from '../labels.tsx';
import { OrdersChart, PeerShareChart, SpikeChart, VisitTimelineChart } from './EvidenceCharts.tsx';

type Ev = Record<string, unknown>;
type Row = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const rows = (v: unknown): Row[] => (Array.isArray(v) ? (v as Row[]) : []);
const obj = (v: unknown): Row => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Row) : {});
const withKey = (list: Row[]) => list.map((r, i) => ({ ...r, _k: i }));

function productText(p: Row): string {
  if (!p.product_code) return '';
  return `${str(p.generic_name)}（${p.brand_name ? `${str(p.brand_name)}，` : ''}${str(p.product_code)}）`;
}

/** A section of the evidence with its title. */
function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <div style={{ marginBottom: 20 }} data-testid={testId}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </div>
  );
}

function PurchaseRow({ t, purchase, product }: { t: Dict; purchase: Row; product: Row }) {
  const ev = t.screening.ev;
  return (
    <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} data-testid="evidence-purchase">
      <Descriptions.Item label={ev.orderId}>
        {str(purchase.order_id)} / {ev.lineNo} {str(purchase.line_no)}
      </Descriptions.Item>
      <Descriptions.Item label={ev.date}>{str(purchase.ordered_on)}</Descriptions.Item>
      <Descriptions.Item label={ev.channel}>{ev.channels[str(purchase.channel)] ?? str(purchase.channel)}</Descriptions.Item>
      <Descriptions.Item label={ev.supplier}>
        {str(purchase.supplier_name) || str(purchase.supplier_code)}（{str(purchase.supplier_code)}）
      </Descriptions.Item>
      <Descriptions.Item label={ev.product} span={2}>
        {productText(product) || str(purchase.product_code)}
      </Descriptions.Item>
      <Descriptions.Item label={ev.quantity}>{str(purchase.quantity).replace(/\.0+$/, '')}</Descriptions.Item>
      <Descriptions.Item label={ev.unitPrice}>{yuan(str(purchase.unit_price))}</Descriptions.Item>
      <Descriptions.Item label={ev.amount}>{yuan(str(purchase.amount))}</Descriptions.Item>
    </Descriptions>
  );
}

function PlatformRows({ t, list, purchase }: { t: Dict; list: Row[]; purchase: Row }) {
  const ev = t.screening.ev;
  if (!list.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ev.noPlatformRows} />;
  const same = (r: Row, k: string) => str(r[k]) === str(purchase[k]);
  const mark = (r: Row, k: string, text: string) => (same(r, k) ? text : <Typography.Text type="warning">{text}</Typography.Text>);
  return (
    <Table
      size="small"
      rowKey="_k"
      pagination={false}
      data-testid="evidence-platform-rows"
      dataSource={withKey(list)}
      columns={[
        { title: ev.recordId, dataIndex: 'record_id' },
        { title: ev.date, dataIndex: 'ordered_on' },
        { title: ev.supplier, dataIndex: 'supplier_code', render: (v) => mark({ supplier_code: v }, 'supplier_code', str(v)) },
        { title: ev.quantity, dataIndex: 'quantity', align: 'right', render: (v) => mark({ quantity: v }, 'quantity', str(v).replace(/\.0+$/, '')) },
        { title: ev.unitPrice, dataIndex: 'unit_price', align: 'right', render: (v) => yuan(str(v)) },
      ]}
    />
  );
}

function OffPlatform({ t, e }: { t: Dict; e: Ev }) {
  const ev = t.screening.ev;
  return (
    <>
      <Section title={ev.purchase}>
        <PurchaseRow t={t} purchase={obj(e.purchase)} product={obj(e.product)} />
      </Section>
      <Section title={`${ev.platformRows}${e.match_days !== undefined ? `；${ev.matchDays(num(e.match_days))}` : ''}`}>
        <PlatformRows t={t} list={rows(e.platform_rows)} purchase={obj(e.purchase)} />
      </Section>
    </>
  );
}

function PriceAbove({ t, e }: { t: Dict; e: Ev }) {
  const ev = t.screening.ev;
  return (
    <>
      <Section title={ev.purchase}>
        <PurchaseRow t={t} purchase={obj(e.purchase)} product={obj(e.product)} />
      </Section>
      <Descriptions size="small" bordered column={{ xs: 1, md: 4 }} style={{ marginBottom: 20 }} data-testid="evidence-price">
        <Descriptions.Item label={ev.referencePrice}>{yuan(str(e.reference_price))}</Descriptions.Item>
        <Descriptions.Item label={ev.referenceSource}>{str(e.reference) === 'listed' ? t.screening.ev.referenceListed : t.screening.ev.referenceMedian}</Descriptions.Item>
        <Descriptions.Item label={ev.excessRatio}>
          <Typography.Text type="danger">{pct(num(e.excess_ratio))}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={ev.excessAmount}>
          <Typography.Text type="danger">{yuan(str(e.excess_amount))}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Section title={ev.platformRows}>
        <PlatformRows t={t} list={rows(e.platform_rows)} purchase={obj(e.purchase)} />
      </Section>
    </>
  );
}

function SplitPurchase({ t, e }: { t: Dict; e: Ev }) {
  const ev = t.screening.ev;
  const orders = rows(e.orders) as { order_id: string; amount: string; ordered_on: string; lines: number }[];
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 4 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={ev.supplier}>
          {str(e.supplier_name)}（{str(e.supplier_code)}）
        </Descriptions.Item>
        <Descriptions.Item label={ev.threshold}>{yuan(str(e.threshold))}</Descriptions.Item>
        <Descriptions.Item label={ev.ordersNear}>{str(e.orders_near_threshold)}</Descriptions.Item>
        <Descriptions.Item label={ev.total}>
          <Typography.Text type="danger">{yuan(str(e.total))}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <OrdersChart orders={orders} threshold={num(e.threshold)} lower={num(e.lower_bound)} />
      <Section title={ev.orders}>
        <Table
          size="small"
          rowKey="order_id"
          pagination={false}
          data-testid="evidence-orders"
          dataSource={orders}
          columns={[
            { title: ev.orderId, dataIndex: 'order_id' },
            { title: ev.date, dataIndex: 'ordered_on' },
            { title: ev.lines, dataIndex: 'lines', align: 'right' },
            { title: ev.amount, dataIndex: 'amount', align: 'right', render: (v) => yuan(v) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <strong>{ev.total}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong>{yuan(str(e.total))}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Section>
    </>
  );
}

function SupplierConcentration({ t, e }: { t: Dict; e: Ev }) {
  const ev = t.screening.ev;
  const top = rows(e.top_suppliers);
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={ev.supplier}>
          {str(e.supplier_name)}（{str(e.supplier_code)}）
        </Descriptions.Item>
        <Descriptions.Item label={ev.category}>{ev.categories[str(e.category)] ?? str(e.category)}</Descriptions.Item>
        <Descriptions.Item label={t.screening.common.period}>
          {str(e.from_month)} ~ {str(e.to_month)}
        </Descriptions.Item>
        <Descriptions.Item label={ev.share}>
          <Typography.Text type="danger">{pct(num(e.share))}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={ev.fairShare}>
          {pct(num(e.fair_share))}（{ev.supplierCount} {str(e.suppliers)}）
        </Descriptions.Item>
        <Descriptions.Item label={ev.amount}>
          {yuan(str(e.supplier_amount))} / {yuan(str(e.category_amount))}
        </Descriptions.Item>
      </Descriptions>
      <Section title={ev.topSuppliers}>
        <Table
          size="small"
          rowKey="supplier_code"
          pagination={false}
          data-testid="evidence-suppliers"
          dataSource={top}
          columns={[
            { title: ev.supplier, dataIndex: 'supplier_code', render: (v) => (v === e.supplier_code ? <Tag color="red">{str(v)}</Tag> : str(v)) },
            { title: ev.amount, dataIndex: 'amount', align: 'right', render: (v) => yuan(str(v)) },
            {
              title: ev.share,
              dataIndex: 'share',
              width: 260,
              render: (v, r) => <Progress percent={Math.round(num(v) * 1000) / 10} size="small" strokeColor={r.supplier_code === e.supplier_code ? '#b71c1c' : '#8c8c8c'} />,
            },
          ]}
        />
      </Section>
    </>
  );
}

function UsageSpike({ t, e }: { t: Dict; e: Ev }) {
  const ev = t.screening.ev;
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={ev.product} span={3}>
          {productText(obj(e.product))}
        </Descriptions.Item>
        <Descriptions.Item label={ev.spike}>
          {str(e.month)}：<Typography.Text type="danger">{str(e.quantity)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={ev.historyMean}>
          {str(e.history_mean)}（{ev.historySd} {str(e.history_sd)}）
        </Descriptions.Item>
        <Descriptions.Item label={ev.ratio}>
          {str(e.ratio)} × · {ev.z} {str(e.z)}
        </Descriptions.Item>
        <Descriptions.Item label={ev.lastYear}>{e.same_month_last_year === null || e.same_month_last_year === undefined ? '—' : str(e.same_month_last_year)}</Descriptions.Item>
      </Descriptions>
      <Section title={ev.series}>
        <SpikeChart series={rows(e.series) as { month: string; quantity: number }[]} month={str(e.month)} mean={num(e.history_mean)} />
      </Section>
    </>
  );
}

function Alternatives({ t, list, vbpColumn }: { t: Dict; list: Row[]; vbpColumn?: boolean }) {
  const ev = t.screening.ev;
  const total = list.reduce((s, r) => s + num(r.lines), 0) || 1;
  return (
    <Table
      size="small"
      rowKey="product_code"
      pagination={false}
      data-testid="evidence-alternatives"
      dataSource={list}
      columns={[
        { title: ev.product, dataIndex: 'product_code' },
        ...(vbpColumn ? [{ title: ev.vbp, dataIndex: 'vbp', render: (v: unknown) => (v ? <Tag color="green">{ev.vbp}</Tag> : '—') }] : []),
        { title: ev.lines, dataIndex: 'lines', align: 'right' as const },
        { title: ev.share, key: 'share', width: 240, render: (_: unknown, r: Row) => <Progress percent={Math.round((r.share !== undefined ? num(r.share) : num(r.lines) / total) * 1000) / 10} size="small" /> },
      ]}
    />
  );
}

function PrescriberShare({ t, e, vbp }: { t: Dict; e: Ev; vbp: boolean }) {
  const ev = t.screening.ev;
  const share = num(vbp ? e.non_vbp_share : e.share);
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={ev.doctor}>
          {str(e.doctor_name)}（{str(e.doctor_staff_no)}）
        </Descriptions.Item>
        <Descriptions.Item label={ev.specialty}>{specialtyName(t, e.specialty)}</Descriptions.Item>
        <Descriptions.Item label={t.screening.common.period}>
          {str(e.from_month)} ~ {str(e.to_month)}
        </Descriptions.Item>
        <Descriptions.Item label={ev.generic}>{str(e.generic_name)}</Descriptions.Item>
        <Descriptions.Item label={ev.product}>{productText(obj(vbp ? e.vbp_product : e.product))}</Descriptions.Item>
        <Descriptions.Item label={ev.lines}>{str(vbp ? `${str(e.non_vbp_lines)} / ${str(e.generic_lines)}` : `${str(e.lines)} / ${str(e.generic_lines)}`)}</Descriptions.Item>
        <Descriptions.Item label={vbp ? ev.nonVbpShare : ev.share}>
          <Typography.Text type="danger">{pct(share)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={ev.peerMedian}>{pct(num(e.peer_median))}</Descriptions.Item>
        <Descriptions.Item label={ev.peerP90}>
          {pct(num(e.peer_p90))}（{ev.peers} {str(e.peers)}）
        </Descriptions.Item>
      </Descriptions>
      <PeerShareChart share={share} peers={rows(e.peer_shares).map(num)} median={num(e.peer_median)} p90={num(e.peer_p90)} />
      <Section title={ev.alternatives}>
        <Alternatives t={t} list={rows(e.alternatives)} vbpColumn={vbp} />
      </Section>
    </>
  );
}

function PostVisit({ t, e }: { t: Dict; e: Ev }) {
  const ev = t.screening.ev;
  const visits = rows(e.visits);
  const visitMonths = Object.entries(
    visits.reduce<Record<string, number>>((a, v) => {
      const m = str(v.visited_on).slice(0, 7);
      a[m] = (a[m] ?? 0) + 1;
      return a;
    }, {}),
  ).map(([month, count]) => ({ month, count }));
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={ev.doctor}>
          {str(e.doctor_name)}（{str(e.doctor_staff_no)}）
        </Descriptions.Item>
        <Descriptions.Item label={ev.specialty}>{specialtyName(t, e.specialty)}</Descriptions.Item>
        <Descriptions.Item label={ev.supplier}>
          {str(e.supplier_name)}（{str(e.supplier_code)}）
        </Descriptions.Item>
        <Descriptions.Item label={ev.linesBefore}>
          {str(e.lines_before)} / {str(e.all_lines_before)}
        </Descriptions.Item>
        <Descriptions.Item label={ev.linesAfter}>
          {str(e.lines_after)} / {str(e.all_lines_after)}
        </Descriptions.Item>
        <Descriptions.Item label={ev.uplift}>
          <Typography.Text type="danger">{str(e.uplift)} ×</Typography.Text>（{ev.peerUplift} {str(e.peer_uplift)} ×）
        </Descriptions.Item>
      </Descriptions>
      <Section title={ev.series}>
        <VisitTimelineChart monthly={rows(e.monthly) as { month: string; company_lines: number; all_lines: number }[]} visitMonths={visitMonths} />
      </Section>
      <Section title={ev.visits}>
        <Table
          size="small"
          rowKey="_k"
          pagination={false}
          data-testid="evidence-visits"
          dataSource={withKey(visits)}
          columns={[
            { title: ev.visitDate, dataIndex: 'visited_on' },
            { title: ev.rep, dataIndex: 'rep_id' },
            { title: 'ID', dataIndex: 'visit_id' },
          ]}
        />
      </Section>
    </>
  );
}

function CommitteeConflict({ t, e }: { t: Dict; e: Ev }) {
  const ev = t.screening.ev;
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={ev.decision}>{str(e.decision_id)}</Descriptions.Item>
        <Descriptions.Item label={ev.decidedOn}>{str(e.decided_on)}</Descriptions.Item>
        <Descriptions.Item label={ev.outcome}>{ev.outcomes[str(e.outcome)] ?? str(e.outcome)}</Descriptions.Item>
        <Descriptions.Item label={ev.product} span={2}>
          {productText(obj(e.product))}
        </Descriptions.Item>
        <Descriptions.Item label={ev.votes}>{ev.tally(num(e.votes_for), num(e.votes_against), num(e.abstentions))}</Descriptions.Item>
        <Descriptions.Item label={ev.member}>
          {str(e.member_name)}（{str(e.member_staff_no)}）：<Tag color="red">{ev.voteLabels[str(e.vote)] ?? str(e.vote)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={ev.relation}>
          {ev.relations[str(e.relation)] ?? str(e.relation)} · {str(e.related_supplier_name)}（{str(e.related_supplier)}）
        </Descriptions.Item>
        <Descriptions.Item label={ev.declaredOn}>{str(e.declared_on) || '—'}</Descriptions.Item>
      </Descriptions>
      <Section title={ev.votes}>
        <Table
          size="small"
          rowKey="member_staff_no"
          pagination={false}
          data-testid="evidence-votes"
          dataSource={rows(e.members)}
          columns={[
            { title: ev.member, dataIndex: 'member_staff_no', render: (v) => (v === e.member_staff_no ? <Tag color="red">{`${str(v)} ${str(e.member_name)}`}</Tag> : str(v)) },
            { title: ev.vote, dataIndex: 'vote', render: (v) => ev.voteLabels[str(v)] ?? str(v) },
          ]}
        />
      </Section>
    </>
  );
}

/** A tender red flag: the indicator's reasoning, the process (linked to its page) and the values it used. */
function TenderFlag({ t, e }: { t: Dict; e: Ev }) {
  const ev = t.screening.ev;
  const p = obj(e.process);
  return (
    <>
      <Typography.Paragraph data-testid="evidence-tender-reason">
        <Tag color="red">{str(e.indicator)}</Tag>
        <Typography.Text strong>{str(e.title)}</Typography.Text>：{str(e.reason)}
      </Typography.Paragraph>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={ev.tenderProcess} span={2}>
          <Link to={`/tenders/${str(p.id)}`} data-testid="evidence-tender-link">
            {str(p.title) || str(p.ocid)}
          </Link>
          （{str(p.ocid)}）
        </Descriptions.Item>
        <Descriptions.Item label={ev.tenderBuyer}>{str(p.buyer) || '—'}</Descriptions.Item>
        <Descriptions.Item label={ev.tenderStart}>{str(p.tender_start) || '—'}</Descriptions.Item>
        <Descriptions.Item label={ev.tenderAmount}>{yuan(p.amount as string | null)}</Descriptions.Item>
      </Descriptions>
      <EvidenceTable evidence={obj(e.values)} title={ev.tenderValues} />
    </>
  );
}

/** Keys each renderer shows; the rest goes to the fallback table. */
const SHOWN: Record<TAlertRule, string[]> = {
  off_platform_purchase: ['purchase', 'product', 'match_days', 'platform_rows'],
  price_above_platform: ['purchase', 'product', 'reference', 'reference_price', 'excess_ratio', 'excess_amount', 'platform_rows'],
  split_purchase: ['supplier_code', 'supplier_name', 'threshold', 'lower_bound', 'orders_near_threshold', 'total', 'orders'],
  supplier_concentration: ['supplier_code', 'supplier_name', 'category', 'from_month', 'to_month', 'share', 'fair_share', 'suppliers', 'supplier_amount', 'category_amount', 'top_suppliers'],
  usage_spike: ['product', 'month', 'quantity', 'history_mean', 'history_sd', 'ratio', 'z', 'same_month_last_year', 'series', 'history_months'],
  prescriber_concentration: ['doctor_staff_no', 'doctor_name', 'specialty', 'from_month', 'to_month', 'generic_name', 'product', 'lines', 'generic_lines', 'share', 'peer_median', 'peer_p90', 'peers', 'peer_shares', 'alternatives', 'amount'],
  vbp_bypass: ['doctor_staff_no', 'doctor_name', 'specialty', 'from_month', 'to_month', 'generic_name', 'vbp_product', 'non_vbp_lines', 'generic_lines', 'non_vbp_share', 'peer_median', 'peer_p90', 'peers', 'peer_shares', 'alternatives'],
  post_visit_uplift: ['doctor_staff_no', 'doctor_name', 'specialty', 'supplier_code', 'supplier_name', 'lines_before', 'lines_after', 'all_lines_before', 'all_lines_after', 'uplift', 'peer_uplift', 'monthly', 'visits', 'first_visit', 'window_days'],
  tender_red_flag: ['indicator', 'title', 'reason', 'process', 'values'],
  committee_conflict: ['decision_id', 'decided_on', 'outcome', 'product', 'votes_for', 'votes_against', 'abstentions', 'member_staff_no', 'member_name', 'vote', 'relation', 'related_supplier', 'related_supplier_name', 'declared_on', 'members'],
};

function display(v: unknown): ReactNode {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.join('、');
  if (typeof v === 'object') return <code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>{JSON.stringify(v, null, 1)}</code>;
  return String(v);
}

/** Any evidence as a key/value table (unknown rules, and members a renderer does not show). */
export function EvidenceTable({ evidence, title }: { evidence: Ev; title?: string }) {
  const t = useT();
  const entries = Object.entries(evidence);
  if (!entries.length) return null;
  return (
    <Section title={title ?? t.screening.ev.other} testId="evidence-other">
      <Descriptions size="small" bordered column={1}>
        {entries.map(([k, v]) => (
          <Descriptions.Item key={k} label={t.screening.evKeys[k] ?? k}>
            {display(v)}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Section>
  );
}

/** The evidence card of one alert. */
export function Evidence({ rule, evidence }: { rule: TAlertRule; evidence: Ev }) {
  const t = useT();
  const body = (() => {
    switch (rule) {
      case 'off_platform_purchase':
        return <OffPlatform t={t} e={evidence} />;
      case 'price_above_platform':
        return <PriceAbove t={t} e={evidence} />;
      case 'split_purchase':
        return <SplitPurchase t={t} e={evidence} />;
      case 'supplier_concentration':
        return <SupplierConcentration t={t} e={evidence} />;
      case 'usage_spike':
        return <UsageSpike t={t} e={evidence} />;
      case 'prescriber_concentration':
        return <PrescriberShare t={t} e={evidence} vbp={false} />;
      case 'vbp_bypass':
        return <PrescriberShare t={t} e={evidence} vbp />;
      case 'post_visit_uplift':
        return <PostVisit t={t} e={evidence} />;
      case 'committee_conflict':
        return <CommitteeConflict t={t} e={evidence} />;
      case 'tender_red_flag':
        return <TenderFlag t={t} e={evidence} />;
      default:
        return null;
    }
  })();
  const shown = new Set(SHOWN[rule] ?? []);
  const rest = Object.fromEntries(Object.entries(evidence).filter(([k]) => !shown.has(k)));
  return (
    <Card title={t.screening.alert.evidence} size="small" data-testid="alert-evidence" style={{ marginBottom: 16 }}>
      {body}
      <EvidenceTable evidence={rest} title={body ? undefined : t.screening.alert.evidence} />
    </Card>
  );
}
