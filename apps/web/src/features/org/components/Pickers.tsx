/** Selects for institutions, departments and people, usable in forms (value/onChange) and filters. */
import { Select, type SelectProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { useDepartmentOptions, useInstitutionOptions, usePersonSearch } from '../api.ts';

type Base = Omit<SelectProps<string>, 'options' | 'mode'>;

/** Institutions in the user's scope, searchable by name or code. */
export function InstitutionSelect(props: Base) {
  const t = useT();
  const { data, isLoading } = useInstitutionOptions();
  const options = useMemo(() => (data ?? []).map((i) => ({ value: i.id, label: i.name, code: i.code })), [data]);
  return (
    <Select<string>
      placeholder={t.common.select}
      loading={isLoading}
      options={options}
      showSearch={{ optionFilterProp: ['label', 'code'] }}
      style={{ minWidth: 220 }}
      {...props}
    />
  );
}

/** Departments of one institution; disabled until the institution is known. */
export function DepartmentSelect({ institutionId, ...props }: Base & { institutionId: string | null | undefined }) {
  const t = useT();
  const { data, isLoading } = useDepartmentOptions(institutionId);
  const options = useMemo(() => (data ?? []).map((d) => ({ value: d.id, label: d.name, code: d.code })), [data]);
  return (
    <Select<string>
      placeholder={t.common.select}
      loading={isLoading}
      disabled={!institutionId}
      options={options}
      showSearch={{ optionFilterProp: ['label', 'code'] }}
      style={{ minWidth: 180 }}
      {...props}
    />
  );
}

/** Server-side search of people (name or staff number); `initial` labels the current value before any search. */
export function PersonSelect({
  institutionId,
  initial,
  ...props
}: Base & { institutionId: string | null | undefined; initial?: { id: string; name: string } | null }) {
  const t = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(h);
  }, [text]);
  const { data, isFetching } = usePersonSearch(institutionId, q);
  const options = useMemo(() => {
    const list = (data ?? []).map((p) => ({
      value: p.id,
      label: t.common.withNote(p.name, [p.staffNo, p.departmentName].filter(Boolean).join(' · ')),
    }));
    if (initial && !list.some((o) => o.value === initial.id)) list.unshift({ value: initial.id, label: initial.name });
    return list;
  }, [data, initial, t]);
  return (
    <Select<string>
      placeholder={t.common.select}
      loading={isFetching}
      options={options}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      style={{ minWidth: 220 }}
      {...props}
    />
  );
}
