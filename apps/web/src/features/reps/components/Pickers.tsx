/** Searchable pickers of the region's registry: a company, a rep (optionally of one company). */
import { Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../../lib/i18n/index.tsx';
import { useCompanies, useReps } from '../api.ts';

interface PickerProps {
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** A registered rep of the region, searched by name, company or filing number. */
export function RepSelect({ companyId, ...props }: PickerProps & { companyId?: string }) {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, isFetching } = useReps({ q, pageSize: 20, companyId });
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={isFetching}
      placeholder={t.common.select}
      options={(data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name ?? ''}（${r.companyName ?? ''}）` }))}
      data-testid="rep-select"
      {...props}
    />
  );
}

/** A company of the region, searched by name or credit code. */
export function CompanySelect(props: PickerProps) {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, isFetching } = useCompanies({ q, pageSize: 20 });
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={setQ}
      loading={isFetching}
      placeholder={t.common.select}
      options={(data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
      data-testid="company-select"
      {...props}
    />
  );
}
