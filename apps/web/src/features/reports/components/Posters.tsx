/**
 * A4 posters of integrity codes, one per page: hospital, department or clinician, the QR large, what it
 * is for, the hotline. Rendered into <body> beside the app; while printing, only they are shown.
 */
import type { TIntegrityCode, TReportSettings } from '@qinglian/contracts';
import { useQueries } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { api } from '../../../lib/api.ts';
import { useT } from '../../../lib/i18n/index.tsx';
import { QrCode } from './QrCode.tsx';

function Poster({ code, hotline, onReady }: { code: TIntegrityCode; hotline: string | null; onReady: () => void }) {
  const t = useT();
  const tr = t.reports;
  const where = code.personName ? `${code.departmentName ?? ''} ${code.personName}`.trim() : (code.departmentName ?? '');
  return (
    <section className="ql-poster" data-testid="poster">
      <div className="ql-poster-brand">
        <span className="ql-poster-mark">廉</span>
        {tr.posterTitle}
      </div>
      <div className="ql-poster-inst">{code.institutionName}</div>
      {where && <div className="ql-poster-where">{where}</div>}
      <QrCode id={code.id} className="ql-poster-qr" onReady={onReady} />
      <div className="ql-poster-lines">
        {tr.posterLines.map((l) => (
          <div key={l}>{l}</div>
        ))}
      </div>
      {hotline && <div className="ql-poster-hotline">{tr.posterHotline(hotline)}</div>}
      <div className="ql-poster-token">{code.url}</div>
    </section>
  );
}

/** Prints the given codes as posters, then calls onDone. */
export function PosterPrint({ codes, onDone }: { codes: TIntegrityCode[]; onDone: () => void }) {
  const institutions = [...new Set(codes.map((c) => c.institutionId))];
  const settings = useQueries({
    queries: institutions.map((id) => ({
      queryKey: ['reports', 'settings', id],
      queryFn: () => api.get<TReportSettings>('/api/reports/settings', { institutionId: id }),
    })),
  });
  const hotlines = new Map(settings.map((s, i) => [institutions[i], s.data?.hotline ?? null]));
  const settled = settings.every((s) => !s.isPending);
  const [ready, setReady] = useState(0);
  const printed = useRef(false);
  const onReady = useCallback(() => setReady((n) => n + 1), []);

  useEffect(() => {
    if (printed.current || !settled || ready < codes.length) return;
    printed.current = true;
    document.body.classList.add('ql-printing-posters');
    const after = () => {
      document.body.classList.remove('ql-printing-posters');
      window.removeEventListener('afterprint', after);
      onDone();
    };
    window.addEventListener('afterprint', after);
    // Let the SVGs lay out before the print dialog snapshots the page.
    setTimeout(() => window.print(), 50);
  }, [settled, ready, codes.length, onDone]);

  return createPortal(
    <div className="ql-posters" data-testid="posters">
      <style>{'@media print { @page { size: A4 portrait; margin: 10mm; } }'}</style>
      {codes.map((c) => (
        <Poster key={c.id} code={c} hotline={hotlines.get(c.institutionId) ?? null} onReady={onReady} />
      ))}
    </div>,
    document.body,
  );
}
