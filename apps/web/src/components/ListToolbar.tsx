/** The search box and filters above a list; changing any of them returns to page 1. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useT } from '../lib/i18n/index.tsx';
import { ALL, type ListParams } from '../lib/listParams.ts';

interface Props {
  list: ListParams;
  /** Placeholder of the search box; without it the list has no free-text search. */
  placeholder?: string;
  children?: ReactNode;
  /** Shows the 在用/已停用/全部 filter bound to `active`. */
  statusFilter?: boolean;
}

/** Search, filters and status above a list. */
export function ListToolbar({ list, placeholder, children, statusFilter = true }: Props) {
  const t = useT();
  const q = list.value('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  return (
    <Flex gap={8} wrap className="ql-toolbar ql-no-print" style={{ marginBottom: 16 }}>
      {placeholder && (
      <Input.Search
        aria-label={placeholder}
        data-testid="list-search"
        placeholder={placeholder}
        allowClear
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value) list.set({ q: undefined });
        }}
        onSearch={(v) => list.set({ q: v.trim() || undefined })}
        style={{ width: 260 }}
      />
      )}
      {children}
      {statusFilter && (
        <Select
          aria-label={t.common.status}
          data-testid="filter-active"
          style={{ width: 110 }}
          value={list.value('active') ?? ALL}
          onChange={(v) => list.set({ active: v })}
          options={[
            { value: 'true', label: t.common.active },
            { value: 'false', label: t.common.inactive },
            { value: ALL, label: t.common.all },
          ]}
        />
      )}
      <Button icon={<ReloadOutlined />} onClick={list.reset}>
        {t.common.reset}
      </Button>
    </Flex>
  );
}
