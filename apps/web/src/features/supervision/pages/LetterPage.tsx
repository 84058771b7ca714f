/** 监察建议书: the numbered supervision suggestion letter for one order, laid out for A4 portrait paper. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Skeleton } from 'antd';
import { Link, useParams } from 'react-router';
import { PrintButton } from '../../../components/ExportButton.tsx';
import { errorMessage } from '../../../lib/forms.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useLetter } from '../api.ts';
import '../supervision.css';

export default function LetterPage() {
  const t = useT();
  const tl = t.supervision.letter;
  const { id } = useParams();
  const { data: l, isLoading, error } = useLetter(id);
  usePageTitle(l ? `${tl.title} ${l.number}` : tl.title);
  const toolbar = (
    <Flex gap={8} className="ql-no-print" style={{ marginBottom: 16 }}>
      <Link to={`/supervision/rectifications/${id}`}>
        <Button icon={<ArrowLeftOutlined />}>{tl.back}</Button>
      </Link>
      <PrintButton />
    </Flex>
  );
  if (isLoading) return <Skeleton active />;
  if (error || !l)
    return (
      <>
        {toolbar}
        <Alert type="error" showIcon title={errorMessage(error)} />
      </>
    );
  return (
    <div className="ql-letter-page">
      {/* A letter reads top to bottom: portrait paper, unlike the landscape lists. */}
      <style>{'@media print { @page { size: A4 portrait; margin: 25mm 26mm 22mm; } }'}</style>
      {toolbar}
      <article className="ql-letter" data-testid="letter">
        <div className="ql-letter-head">{tl.issuer(l.institutionName)}</div>
        <h1 className="ql-letter-title">{tl.title}</h1>
        <div className="ql-letter-number" data-testid="letter-number">
          {l.number}
        </div>
        <p className="ql-letter-to" data-testid="letter-to">
          {tl.to(l.departmentName)}
        </p>
        <p>{tl.found(l.roundTitle)}</p>
        <p className="ql-letter-quote" data-testid="letter-finding">
          {l.finding}
        </p>
        <p>{tl.why}</p>
        <p data-testid="letter-requirement">{tl.requirement(formatChineseDate(l.deadline, tl.date))}</p>
        <p>{tl.closing}</p>
        <div className="ql-letter-sign">
          <div data-testid="letter-issuer">{tl.issuer(l.institutionName)}</div>
          <div data-testid="letter-date">{formatChineseDate(l.issuedOn, tl.date)}</div>
        </div>
      </article>
    </div>
  );
}

/** 2026-12-20 → 2026年12月20日 (or the locale's form). */
function formatChineseDate(iso: string, fmt: (y: number, m: number, d: number) => string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return fmt(y, m, d);
}
