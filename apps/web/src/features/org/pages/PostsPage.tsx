/** Posts held by staff: cadre level, key posts, periods; the register behind cadre integrity files. */
import { PlusOutlined } from '@ant-design/icons';
import type { TPost } from '@qinglian/contracts';
import { Button, Checkbox, Select, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { ActiveTag } from '../../../components/ActiveToggle.tsx';
import { ExportButton, PrintButton } from '../../../components/ExportButton.tsx';
import { actionsColumn, ListTable, RowActions } from '../../../components/ListTable.tsx';
import { ListToolbar } from '../../../components/ListToolbar.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { cadreLevels } from '../../../lib/enums.ts';
import { usePageTitle, useT } from '../../../lib/i18n/index.tsx';
import { useListParams } from '../../../lib/listParams.ts';
import { useScope } from '../../../lib/scope.ts';
import { useCan } from '../../../lib/session.tsx';
import { formatDate } from '../../../lib/time.ts';
import { useInstitutionOptions, useOrgList, useSetActive } from '../api.ts';
import { OrgFilters } from '../components/OrgFilters.tsx';
import { PostForm } from '../components/PostForm.tsx';

/** The posts page. */
export default function PostsPage() {
  const t = useT();
  const tp = t.org.post;
  usePageTitle(tp.title);
  const can = useCan();
  const writable = can('post.write');
  const list = useListParams({ active: 'true' });
  const { data, isFetching, error } = useOrgList('posts', list.query);
  const setActive = useSetActive('posts');
  const [editing, setEditing] = useState<TPost | 'new' | null>(null);
  const regionUser = useScope() === 'region';
  // Posts carry only the institution id; region users see the name from the (cached) picker list.
  const institutions = useInstitutionOptions(regionUser);
  const institutionName = (id: string) => institutions.data?.find((i) => i.id === id)?.name ?? t.common.none;
  const personId = list.value('personId');
  const personName = personId ? data?.items.find((p) => p.personId === personId)?.personName : undefined;

  const columns: TableColumnsType<TPost> = [
    {
      title: tp.name,
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: list.sortOrder('name'),
      render: (v: string, r) => (
        <>
          {v} {r.keyPost && <Tag color="red">{tp.keyPost}</Tag>}
        </>
      ),
    },
    { title: tp.person, dataIndex: 'personName', key: 'personName', sorter: true, sortOrder: list.sortOrder('personName') },
    ...(regionUser
      ? [{ title: t.org.institutionFilter, dataIndex: 'institutionId', key: 'institutionId', render: (v: string) => institutionName(v) }]
      : []),
    { title: tp.department, dataIndex: 'departmentName', key: 'departmentName', sorter: true, sortOrder: list.sortOrder('departmentName'), render: (v: string | null) => v || t.common.none },
    {
      title: tp.cadreLevel,
      dataIndex: 'cadreLevel',
      key: 'cadreLevel',
      sorter: true,
      sortOrder: list.sortOrder('cadreLevel'),
      render: (v: TPost['cadreLevel']) => (v === 'none' ? t.org.cadre.none : <Tag color={v === 'leader' ? 'purple' : 'geekblue'}>{t.org.cadre[v]}</Tag>),
    },
    {
      title: tp.startedOn,
      dataIndex: 'startedOn',
      key: 'startedOn',
      sorter: true,
      sortOrder: list.sortOrder('startedOn'),
      render: formatDate,
    },
    { title: tp.endedOn, dataIndex: 'endedOn', key: 'endedOn', render: (v: string | null) => (v ? formatDate(v) : tp.current) },
    { title: t.common.status, dataIndex: 'active', key: 'active', sorter: true, sortOrder: list.sortOrder('active'), render: (v: boolean) => <ActiveTag active={v} />, width: 90 },
  ];
  if (writable)
    columns.push(
      actionsColumn(t.common.actions, (r) => (
        <RowActions active={r.active} onEdit={() => setEditing(r)} onToggle={(active) => setActive.mutateAsync({ id: r.id, active })} />
      )),
    );

  return (
    <>
      <PageHeader
        title={tp.title}
        subtitle={personName ? t.common.labelled(tp.person, personName) : undefined}
        extra={
          <>
            {writable && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-button">
                {tp.create}
              </Button>
            )}
            <ExportButton path="/api/org/posts/export" query={list.query} filename={`${tp.title}.xlsx`} />
            <PrintButton />
          </>
        }
      />
      <ListToolbar list={list} placeholder={tp.searchPlaceholder}>
        <OrgFilters list={list} />
        <Select
          aria-label={tp.cadreLevel}
          placeholder={tp.cadreLevel}
          allowClear
          style={{ width: 130 }}
          value={list.value('cadreLevel')}
          onChange={(v) => list.set({ cadreLevel: v })}
          options={cadreLevels(t).map((c) => ({ value: c, label: t.org.cadre[c] }))}
          data-testid="filter-cadre"
        />
        <Checkbox checked={list.value('keyPost') === 'true'} onChange={(e) => list.set({ keyPost: e.target.checked ? 'true' : undefined })}>
          {tp.keyPostOnly}
        </Checkbox>
      </ListToolbar>
      <ListTable testId="posts-table" list={list} data={data} loading={isFetching}
        error={error} columns={columns} />
      <PostForm editing={editing} onClose={() => setEditing(null)} personId={personId} />
    </>
  );
}
