/** The printable visitor badge: photo, name, company, hosts, department and the valid time window. */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { useParams } from 'react-router';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useBadge } from '../api.ts';
import '../reps.css';

export default function BadgePage() {
  const t = useT();
  const tb = t.reps.badge;
  const tc = t.reps.common;
  usePageTitle(tb.title);
  const { id } = useParams();
  const { data: b } = useBadge(id);
  if (!b) return <Spin />;
  return (
    <>
      <div className="ql-no-print" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="badge-print">
          {tb.print}
        </Button>
      </div>
      <div className="rep-badge" data-testid="badge">
        <div className="rep-badge-head">
          <div>{b.institutionName}</div>
          <strong>{tb.title}</strong>
        </div>
        <div className="rep-badge-body">
          {b.photoUrl ? <img className="rep-badge-photo" src={b.photoUrl} alt={tc.photo} /> : <div className="rep-badge-photo" />}
          <div>
            <div className="rep-badge-name">{b.repName}</div>
            <div>{b.companyName}</div>
            <div className="rep-badge-muted">{b.nationalIdMasked}</div>
          </div>
        </div>
        <dl className="rep-badge-facts">
          <dt>{tc.department}</dt>
          <dd>
            {b.departmentName}
            {b.room ? ` · ${b.room}` : ''}
          </dd>
          <dt>{tc.hosts}</dt>
          <dd>{b.hosts.join('、')}</dd>
          <dt>{tb.valid}</dt>
          <dd data-testid="badge-valid">
            {b.validFrom} – {b.validTo.slice(11)}
          </dd>
          <dt>{tb.number}</dt>
          <dd>{b.visitNumber}</dd>
        </dl>
        <div className="rep-badge-note">{tb.note}</div>
      </div>
    </>
  );
}
