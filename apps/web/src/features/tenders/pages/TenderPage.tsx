/** One tender process: its flags with their reasoning first, then the facts, bids, awards and contracts; printable. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import type { TTenderAward, TTenderBid, TTenderContract, TTenderDetail, TTenderFlag } from '@qinglian/contracts';
import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { type Dict, usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { useTender } from '../api.ts';
import { FLAG_COLOR, flagCodes, isHospital, labelOf, money } from '../labels.tsx';
import '../tenders.css';

const BID_COLOR: Record<string, string> = { valid: 'green', disqualified: 'red', withdrawn: 'default', pending: 'blue' };

/** id → name of every organisation the process names (bids and awards). */
function namesOf(p: TTenderDetail): Map<string, string> {
  const names = new Map<string, string>();
  for (const party of [...p.bids.flatMap((b) => b.tenderers), ...p.awards.flatMap((a) => a.suppliers)]) if (party.id && party.name) names.set(party.id, party.name);
  return names;
}

/** One raised flag: what it is, the reasoning in plain words, the rule, and the numbers behind it. */
function FlagCard({ f, t, names }: { f: TTenderFlag; t: Dict; names: Map<string, string> }) {
  const tt = t.tenders;
  const td = tt.detailPage;
  const hospital = isHospital(f.code);
  const values = Object.entries(f.detail).map(([k, v]) => {
    const text = Array.isArray(v) ? v.map((id) => names.get(id) ?? id).join('、') : k === 'method' ? labelOf(tt.methods, String(v)) : typeof v === 'string' && names.has(v) ? names.get(v)! : String(v);
    return { key: k, label: tt.detail[k] ?? k, text };
  });
  const subject = f.subject === 'process' ? tt.subjects.process : `${tt.subjects[f.subject]}：${names.get(f.subjectId) ?? f.subjectId}`;
  return (
    <Card size="small" className={`ql-flag-card${hospital ? ' ql-flag-hospital' : ''}`} data-testid={`flag-card-${f.code}`}>
      <Flex gap={8} align="center" wrap>
        <Tag color={hospital ? FLAG_COLOR.hospital : FLAG_COLOR.indicator}>{f.code}</Tag>
        <Typography.Text strong>{tt.flags[f.code] ?? f.title}</Typography.Text>
        <Typography.Text type="secondary">
          {td.subject}：{subject}
        </Typography.Text>
      </Flex>
      <div className="ql-flag-reason" data-testid="flag-reason">
        {f.reason}
      </div>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
        <Descriptions.Item label={td.check} span={{ xs: 1, md: 2, xl: 3 }}>
          {tt.checks[f.code]}
        </Descriptions.Item>
        {values.map((v) => (
          <Descriptions.Item key={v.key} label={v.label}>
            {v.text || '—'}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

export default function TenderPage() {
  const t = useT();
  const tt = t.tenders;
  const td = tt.detailPage;
  const { id } = useParams();
  const { data: p, isLoading, error } = useTender(id);
  usePageTitle(p?.title ?? tt.list.title);
  const back = (
    <Link to="/tenders">
      <Button icon={<ArrowLeftOutlined />}>{td.back}</Button>
    </Link>
  );
  if (isLoading) return <Skeleton active />;
  if (error || !p) return <Result status="404" title={td.notFound} extra={back} />;
  const names = namesOf(p);
  // Cardinal's indicators first, then the hospital flags, in the dictionary's order.
  const order = flagCodes(t);
  const flags = [...p.flags].sort((x, y) => order.indexOf(x.code) - order.indexOf(y.code));
  const date = (v: string | null) => formatDateTime(v);
  const party = (list: { id: string | null; name: string | null }[]) => list.map((x) => x.name ?? x.id ?? '—').join('、') || '—';

  const bidColumns = [
    { title: td.bidder, key: 'tenderers', render: (_: unknown, b: TTenderBid) => party(b.tenderers) },
    { title: td.price, key: 'amount', align: 'right' as const, render: (_: unknown, b: TTenderBid) => money(b.amount, b.currency) },
    { title: td.state, key: 'status', render: (_: unknown, b: TTenderBid) => <Tag color={BID_COLOR[b.status ?? ''] ?? 'default'}>{labelOf(tt.bidStatus, b.status)}</Tag> },
    { title: td.bidDate, key: 'date', render: (_: unknown, b: TTenderBid) => date(b.date) },
  ];
  const awardColumns = [
    { title: td.supplier, key: 'suppliers', render: (_: unknown, a: TTenderAward) => party(a.suppliers) },
    { title: td.awarded, key: 'amount', align: 'right' as const, render: (_: unknown, a: TTenderAward) => money(a.amount, a.currency) },
    { title: td.state, key: 'status', render: (_: unknown, a: TTenderAward) => labelOf(tt.awardStatus, a.status) },
    { title: td.awardDate, key: 'date', render: (_: unknown, a: TTenderAward) => date(a.date) },
    { title: td.items, key: 'items', render: (_: unknown, a: TTenderAward) => a.items.map((i) => [i.description, i.classification && `（${i.classification}）`].filter(Boolean).join('')).join('；') || '—' },
  ];
  const contractColumns = [
    { title: td.contract, key: 'title', render: (_: unknown, c: TTenderContract) => c.title ?? '—' },
    { title: td.contractNo, key: 'id', render: (_: unknown, c: TTenderContract) => c.id ?? '—' },
    { title: td.state, key: 'status', render: (_: unknown, c: TTenderContract) => labelOf(tt.contractStatus, c.status) },
    { title: td.awarded, key: 'amount', align: 'right' as const, render: (_: unknown, c: TTenderContract) => money(c.amount, c.currency) },
    { title: td.signed, key: 'signed', render: (_: unknown, c: TTenderContract) => date(c.dateSigned).slice(0, 10) },
    { title: td.term, key: 'term', render: (_: unknown, c: TTenderContract) => (c.periodStart || c.periodEnd ? `${date(c.periodStart).slice(0, 10)} ~ ${date(c.periodEnd).slice(0, 10)}` : '—') },
  ];
  const keyed = <T,>(rows: T[]) => rows.map((r, i) => ({ ...r, key: i }));

  return (
    <>
      <PageHeader
        title={p.title ?? p.ocid}
        subtitle={
          <span data-testid="tender-ocid">
            {p.ocid} · {labelOf(tt.tenderStatus, p.tenderStatus)}
          </span>
        }
        extra={
          <>
            {back}
            <PrintButton />
          </>
        }
      />
      <Card size="small" title={td.flagsTitle(p.flags.length)} className="ql-tender-section" data-testid="tender-flags">
        {p.flags.length === 0 ? (
          <Alert type="success" showIcon title={td.noFlags} />
        ) : (
          <Flex vertical gap={12}>
            {flags.map((f) => (
              <FlagCard key={`${f.code}-${f.subject}-${f.subjectId}`} f={f} t={t} names={names} />
            ))}
          </Flex>
        )}
      </Card>
      <Card size="small" title={td.facts} className="ql-tender-section">
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="tender-facts">
          <Descriptions.Item label={td.ocid}>{p.ocid}</Descriptions.Item>
          <Descriptions.Item label={td.institution}>{p.institutionName ?? tt.list.regionLevel}</Descriptions.Item>
          <Descriptions.Item label={td.buyer}>{p.buyerName ?? p.buyerId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={td.procuringEntity}>{p.procuringEntityName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={td.method}>
            {labelOf(tt.methods, p.procurementMethod)}
            {p.procurementMethodDetails && p.procurementMethodDetails !== tt.methods[p.procurementMethod ?? ''] ? `（${p.procurementMethodDetails}）` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={td.status}>{labelOf(tt.tenderStatus, p.tenderStatus)}</Descriptions.Item>
          <Descriptions.Item label={td.category}>{labelOf(tt.categories, p.mainProcurementCategory)}</Descriptions.Item>
          <Descriptions.Item label={td.criteria}>{labelOf(tt.criteria, p.awardCriteria)}</Descriptions.Item>
          <Descriptions.Item label={td.budget}>{money(p.tenderValue, p.tenderCurrency)}</Descriptions.Item>
          <Descriptions.Item label={td.period}>
            {date(p.tenderStart)} ~ {date(p.tenderEnd)}
          </Descriptions.Item>
          <Descriptions.Item label={td.tenderers}>{p.numberOfTenderers ?? p.bidCount}</Descriptions.Item>
          <Descriptions.Item label={td.awarded}>{money(p.awardedValue, p.awardedCurrency)}</Descriptions.Item>
          <Descriptions.Item label={td.awardDate}>{date(p.awardDate)}</Descriptions.Item>
          <Descriptions.Item label={td.description} span={{ xs: 1, md: 2 }}>
            {p.description ?? '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={td.bids} className="ql-tender-section">
        <div data-testid="tender-bids">
          <Table size="small" pagination={false} columns={bidColumns} dataSource={keyed(p.bids)} locale={{ emptyText: td.none }} scroll={{ x: 'max-content' }} />
        </div>
      </Card>
      <Card size="small" title={td.awards} className="ql-tender-section">
        <div data-testid="tender-awards">
          <Table size="small" pagination={false} columns={awardColumns} dataSource={keyed(p.awards)} locale={{ emptyText: td.none }} scroll={{ x: 'max-content' }} />
        </div>
      </Card>
      <Card size="small" title={td.contracts} className="ql-tender-section">
        <div data-testid="tender-contracts">
          <Table size="small" pagination={false} columns={contractColumns} dataSource={keyed(p.contracts)} locale={{ emptyText: td.none }} scroll={{ x: 'max-content' }} />
        </div>
      </Card>
    </>
  );
}
