/** One person at a glance: identity, contact, and the posts held (the basis of cadre integrity files). */
import type { TPerson, TPost } from '@qinglian/contracts';
import { Descriptions, Drawer, Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ActiveTag } from '../../../components/ActiveToggle.tsx';
import { useT } from '../../../lib/i18n/index.tsx';
import { useCan } from '../../../lib/session.tsx';
import { formatDate } from '../../../lib/time.ts';
import { usePersonPosts } from '../api.ts';
import { RevealNationalId } from './RevealNationalId.tsx';

/** Detail drawer of one person. */
export function PersonDrawer({ person, onClose }: { person: TPerson | null; onClose: () => void }) {
  const t = useT();
  const tp = t.org.person;
  const tpost = t.org.post;
  const can = useCan();
  const posts = usePersonPosts(person?.id);
  const dash = (v: string | null | undefined) => v || t.common.none;
  return (
    <Drawer open={person !== null} onClose={onClose} title={person ? `${tp.detail} · ${person.name}` : tp.detail} size={640} destroyOnHidden>
      {person && (
        <div data-testid="person-detail">
          <Descriptions
            column={2}
            bordered
            size="small"
            items={[
              { key: 'name', label: tp.name, children: person.name },
              { key: 'staffNo', label: tp.staffNo, children: person.staffNo },
              { key: 'inst', label: tp.institution, children: dash(person.institutionName), span: 2 },
              { key: 'dept', label: tp.department, children: dash(person.departmentName) },
              { key: 'status', label: t.common.status, children: <ActiveTag active={person.active} /> },
              { key: 'title', label: tp.jobTitle, children: dash(person.title) },
              { key: 'spec', label: tp.specialty, children: dash(person.specialty) },
              { key: 'phone', label: tp.phone, children: dash(person.phone), span: 2 },
              {
                key: 'nid',
                label: tp.nationalId,
                span: 2,
                children: (
                  <>
                    {dash(person.nationalIdMasked)}
                    {person.nationalIdMasked && can('person.read_sensitive') && <RevealNationalId person={person} />}
                  </>
                ),
              },
            ]}
          />
          <Flex justify="space-between" align="center" style={{ marginTop: 24, marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {tp.posts}
            </Typography.Title>
            {can('post.read') && (
              <Link to={`/org/posts?personId=${person.id}&active=all`} onClick={onClose}>
                {tp.allPosts}
              </Link>
            )}
          </Flex>
          <Table<TPost>
            size="small"
            rowKey="id"
            loading={posts.isLoading}
            dataSource={posts.data}
            pagination={false}
            locale={{ emptyText: tp.noPosts }}
            data-testid="person-posts"
            columns={[
              {
                title: tpost.name,
                dataIndex: 'name',
                key: 'name',
                render: (v: string, r) => (
                  <>
                    {v} {r.keyPost && <Tag color="red">{tpost.keyPost}</Tag>}
                  </>
                ),
              },
              { title: tpost.department, dataIndex: 'departmentName', key: 'departmentName', render: dash },
              { title: tpost.cadreLevel, dataIndex: 'cadreLevel', key: 'cadreLevel', render: (v: TPost['cadreLevel']) => t.org.cadre[v] },
              {
                title: tpost.period,
                key: 'period',
                render: (_, r) => `${formatDate(r.startedOn)} ~ ${r.endedOn ? formatDate(r.endedOn) : tpost.current}`,
              },
              { title: t.common.status, dataIndex: 'active', key: 'active', render: (v: boolean) => <ActiveTag active={v} /> },
            ]}
          />
        </div>
      )}
    </Drawer>
  );
}
