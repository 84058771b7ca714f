/** Before/after of an audit entry as a field table, changed fields highlighted. */
import { Switch, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';

type Flat = Map<string, unknown>;

/** Nested objects become dotted paths; arrays and scalars stay whole. */
function flatten(v: unknown, prefix: string, out: Flat): Flat {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, v);
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, v);
  else if (v !== null && v !== undefined) out.set('(value)', v);
  return out;
}

const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

interface Row {
  field: string;
  before: string;
  after: string;
  changed: boolean;
}

/** Field-by-field before/after table. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const ta = t.audit;
  const both = before != null && after != null;
  const [onlyChanged, setOnlyChanged] = useState(both);
  const rows = useMemo<Row[]>(() => {
    const b = flatten(before, '', new Map());
    const a = flatten(after, '', new Map());
    const keys = [...new Set([...b.keys(), ...a.keys()])];
    return keys.map((field) => {
      const bv = show(b.get(field));
      const av = show(a.get(field));
      return { field, before: bv, after: av, changed: bv !== av };
    });
  }, [before, after]);
  const visible = onlyChanged ? rows.filter((r) => r.changed) : rows;
  if (rows.length === 0) return <Typography.Text type="secondary">{ta.noChanges}</Typography.Text>;
  return (
    <div data-testid="audit-diff">
      {both && (
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', marginBottom: 8 }}>
          <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
          {t.audit.onlyChanged}
        </label>
      )}
      <Table<Row>
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={visible}
        rowClassName={(r) => (r.changed && both ? 'ql-diff-changed' : '')}
        locale={{ emptyText: ta.noChanges }}
        columns={[
          { title: ta.field, dataIndex: 'field', key: 'field', width: 220, render: (v: string) => <code>{v}</code> },
          { title: ta.before, dataIndex: 'before', key: 'before', render: (v: string) => <pre className="ql-json">{v}</pre> },
          { title: ta.after, dataIndex: 'after', key: 'after', render: (v: string) => <pre className="ql-json">{v}</pre> },
        ]}
      />
    </div>
  );
}
