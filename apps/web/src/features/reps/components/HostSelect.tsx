/** Several hosts from the institution's staff, searched on the server by name or staff number. */
import { Select, type SelectProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { usePersonSearch } from '../../org/api.ts';

type Props = Omit<SelectProps<string[]>, 'options' | 'mode'> & { institutionId: string | null | undefined };

/** A multiple person picker (value: person ids). */
export function HostSelect({ institutionId, ...props }: Props) {
  const t = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(h);
  }, [text]);
  const { data, isFetching } = usePersonSearch(institutionId, q);
  // Remember labels of chosen people, so they stay readable after the search moves on.
  const known = useRef(new Map<string, string>());
  const options = useMemo(() => {
    for (const p of data ?? []) known.current.set(p.id, `${p.name}（${p.staffNo}）`);
    const ids = new Set([...(data ?? []).map((p) => p.id), ...((props.value as string[] | undefined) ?? [])]);
    return [...ids].map((id) => ({ value: id, label: known.current.get(id) ?? id }));
  }, [data, props.value]);
  return (
    <Select<string[]>
      mode="multiple"
      placeholder={t.common.select}
      loading={isFetching}
      filterOption={false}
      onSearch={setText}
      options={options}
      style={{ minWidth: 260 }}
      {...props}
    />
  );
}
