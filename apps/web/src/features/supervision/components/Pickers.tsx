/** Multi-selects of the workbench: people from any department (a round's team, talkers) and departments. */
import { Select, type SelectProps } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { useDepartmentOptions, usePersonSearch } from '../../org/api.ts';
import { useDepartmentPeople } from '../api.ts';

type Multi = Omit<SelectProps<string[]>, 'options' | 'mode'>;

/** Searches people of the institution by name or staff number; each option names the person's department. */
export function PeoplePicker({ institutionId, initial, ...props }: Multi & { institutionId: string | null | undefined; initial?: { id: string; name: string }[] }) {
  const t = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(h);
  }, [text]);
  const { data, isFetching } = usePersonSearch(institutionId, q);
  // Chosen people keep their labels when a later search no longer lists them.
  const known = useRef(new Map<string, string>((initial ?? []).map((p) => [p.id, p.name])));
  const options = useMemo(() => {
    for (const p of data ?? []) known.current.set(p.id, t.common.withNote(p.name, [p.departmentName, p.staffNo].filter(Boolean).join(' · ')));
    const shown = new Set((data ?? []).map((p) => p.id));
    const chosen = (props.value ?? []).filter((id) => !shown.has(id)).map((id) => ({ value: id, label: known.current.get(id) ?? id }));
    return [...chosen, ...(data ?? []).map((p) => ({ value: p.id, label: known.current.get(p.id)! }))];
  }, [data, props.value, t]);
  return (
    <Select<string[]>
      mode="multiple"
      placeholder={t.supervision.searchPeople}
      loading={isFetching}
      options={options}
      showSearch={{ filterOption: false, onSearch: setText }}
      onBlur={() => setText('')}
      style={{ width: '100%' }}
      {...props}
    />
  );
}

/** One person of the institution found by search (a talk's subject). */
export function PersonPicker({ institutionId, initial, ...props }: Omit<SelectProps<string>, 'options' | 'mode'> & { institutionId: string | null | undefined; initial?: { id: string; name: string } | null }) {
  const t = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(h);
  }, [text]);
  const { data, isFetching } = usePersonSearch(institutionId, q);
  const options = useMemo(() => {
    const list = (data ?? []).map((p) => ({ value: p.id, label: t.common.withNote(p.name, [p.departmentName, p.staffNo].filter(Boolean).join(' · ')) }));
    if (initial && !list.some((o) => o.value === initial.id)) list.unshift({ value: initial.id, label: initial.name });
    return list;
  }, [data, initial, t]);
  return (
    <Select<string>
      placeholder={t.supervision.searchPeople}
      loading={isFetching}
      options={options}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      style={{ width: '100%' }}
      {...props}
    />
  );
}

/** Departments of the institution, several at once. */
export function DepartmentsPicker({ institutionId, ...props }: Multi & { institutionId: string | null | undefined }) {
  const t = useT();
  const { data, isLoading } = useDepartmentOptions(institutionId);
  const options = useMemo(() => (data ?? []).map((d) => ({ value: d.id, label: d.name, code: d.code })), [data]);
  return (
    <Select<string[]>
      mode="multiple"
      placeholder={t.common.select}
      loading={isLoading}
      options={options}
      showSearch={{ optionFilterProp: ['label', 'code'] }}
      style={{ width: '100%' }}
      {...props}
    />
  );
}

/** The people of one department (a finding's responsible person must be one of them). */
export function DepartmentPersonSelect({ departmentId, ...props }: Omit<SelectProps<string>, 'options' | 'mode'> & { departmentId: string | undefined }) {
  const t = useT();
  const { data, isLoading } = useDepartmentPeople(departmentId);
  const options = useMemo(() => (data ?? []).map((p) => ({ value: p.id, label: t.common.withNote(p.name, [p.staffNo, p.title].filter(Boolean).join(' · ')), staffNo: p.staffNo })), [data, t]);
  return (
    <Select<string>
      placeholder={departmentId ? t.common.select : t.supervision.round.pickDepartmentFirst}
      loading={isLoading}
      disabled={!departmentId}
      options={options}
      showSearch={{ optionFilterProp: ['label', 'staffNo'] }}
      style={{ width: '100%' }}
      {...props}
    />
  );
}
