/** The case's history: every step with who and when, what the reporter can see, and attached files. */
import { EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { TCaseDetail } from '@qinglian/contracts';
import { Image, Space, Tag, Timeline } from 'antd';
import { useT } from '../../../lib/i18n/index.tsx';
import { formatDateTime } from '../../../lib/time.ts';
import { eventLabel } from '../labels.ts';

type Event = TCaseDetail['events'][number];
const COLOR: Record<string, string> = { question: 'orange', reporter_reply: 'blue', concluded: 'green', feedback: 'green', closed: 'gray', recused: 'red', routed_to_region: 'red' };

export function CaseTimeline({ c }: { c: TCaseDetail }) {
  const t = useT();
  const tr = t.reports;
  const detail = (e: Event): string | null => {
    const d = (e.data ?? {}) as { disposal?: keyof typeof tr.disposals; holdUntil?: string | null; conclusion?: keyof typeof tr.conclusions; actions?: string };
    if (e.kind === 'disposed' && d.disposal) return `${tr.disposals[d.disposal]}${d.holdUntil ? ` · ${tr.holdUntil} ${d.holdUntil}` : ''}`;
    if (e.kind === 'concluded' && d.conclusion) return `${tr.conclusions[d.conclusion]}${d.actions ? ` · ${tr.actionsTaken}：${d.actions}` : ''}`;
    return null;
  };
  const fileUrl = (fileId: string) => `/api/reports/cases/${c.id}/files/${fileId}`;
  return (
    <Timeline
      className="ql-case-timeline"
      data-testid="case-timeline"
      items={c.events.map((e) => ({
        key: e.id,
        color: COLOR[e.kind] ?? 'blue',
        content: (
          <div data-testid="case-event" data-kind={e.kind}>
            <Space size={6} wrap>
              <strong>{eventLabel(t, e.kind)}</strong>
              {detail(e) && <span>{detail(e)}</span>}
              {e.visibleToReporter && (
                <Tag icon={<EyeOutlined />} color="orange" style={{ marginInlineEnd: 0 }}>
                  {tr.visibleToReporter}
                </Tag>
              )}
            </Space>
            <div className="ql-event-meta">
              {formatDateTime(e.at)} · {e.actorName ?? (e.kind === 'reporter_reply' || e.kind === 'created' ? tr.reporter : tr.system)}
            </div>
            {e.text && <div className="ql-event-text">{e.text}</div>}
            {e.attachments.length > 0 && (
              <Space wrap style={{ marginTop: 6 }} data-testid="event-files">
                {e.attachments.map((f) =>
                  f.mime.startsWith('image/') && f.mime !== 'image/heic' ? (
                    <Image key={f.id} src={fileUrl(f.id)} alt={f.filename} width={88} height={88} style={{ objectFit: 'cover', borderRadius: 4 }} />
                  ) : (
                    <a key={f.id} href={fileUrl(f.id)} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {f.filename}
                    </a>
                  ),
                )}
              </Space>
            )}
          </div>
        ),
      }))}
    />
  );
}
