/** Several people of one institution, searched on the server (name or staff number); leaders are marked. */
import { Select, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { usePersonSearch } from '../../org/api.ts';

interface Props {
  institutionId: string | undefined;
  value?: string[];
  onChange?: (v: string[]) => void;
  /** Labels of the people already chosen (before any search). */
  known?: { id: string; name: string }[];
  leaders?: Set<string>;
  id?: string;
}

export function SubjectSelect({ institutionId, value, onChange, known = [], leaders, id }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [seen, setSeen] = useState(() => new Map(known.map((k) => [k.id, k.name])));
  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(h);
  }, [text]);
  const { data, isFetching } = usePersonSearch(institutionId, q);
  useEffect(() => {
    if (data?.length) setSeen((m) => new Map([...m, ...data.map((p) => [p.id, `${p.name}（${p.staffNo}${p.departmentName ? ` · ${p.departmentName}` : ''}）`] as const)]));
  }, [data]);
  const options = useMemo(() => {
    const ids = new Set([...(data ?? []).map((p) => p.id), ...(value ?? [])]);
    return [...ids].map((pid) => ({
      value: pid,
      label: (
        <span>
          {seen.get(pid) ?? pid}
          {leaders?.has(pid) && (
            <Tag color="red" style={{ marginLeft: 6 }}>
              {t.reports.leader}
            </Tag>
          )}
        </span>
      ),
      text: seen.get(pid) ?? '',
    }));
  }, [data, value, seen, leaders, t]);
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      placeholder={t.reports.subjectSearch}
      loading={isFetching}
      options={options}
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setText }}
      disabled={!institutionId}
      style={{ width: '100%' }}
      data-testid="subject-select"
    />
  );
}
