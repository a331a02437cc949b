import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ENTERPRISE_TAGS, SIZES, type EnterpriseTag, type Size } from '../../contracts/enterprises';
import type { KeyListMemberView } from '../../contracts/workbench';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { sizeKey, tagKey, useT } from '../i18n';
import { useCursorPages } from '../lib/useCursorPages';
import { keyListExportUrl, useAddKeyListMembers, useKeyList, useKeyListMembers, useRemoveKeyListMember } from '../queries/workbench';
import { keyListKindKey } from './KeyListsPage';

/** One key list: its enterprises; the owning level adds by USCC or registry filter and removes. */
export function KeyListDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = AntApp.useApp();
  const list = useKeyList(id);
  const pages = useCursorPages(id);
  const members = useKeyListMembers(id, { cursor: pages.cursor, limit: 50 });
  const add = useAddKeyListMembers(id);
  const remove = useRemoveKeyListMember(id);
  const [usccs, setUsccs] = useState('');
  const [tag, setTag] = useState<EnterpriseTag>();
  const [size, setSize] = useState<Size>();

  if (list.error) return <ProblemAlert error={list.error} />;
  if (!list.data) return <Card loading />;
  const l = list.data;
  const onAdded = (r: { added: number }) => void message.success(t('workbench.lists.added', { n: r.added }));
  return (
    <div data-testid="key-list-detail-page">
      <PageHeader
        title={
          <Space>
            <Link to="/key-lists">
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="key-list-title">{l.name}</span>
            <Tag color="geekblue">{t(keyListKindKey(l.kind))}</Tag>
          </Space>
        }
        subTitle={`${l.regionName} · ${t('workbench.lists.members')} ${l.memberCount}${l.description ? ` · ${l.description}` : ''}`}
        extra={
          <Button icon={<DownloadOutlined />} href={keyListExportUrl(l.id)}>
            {t('list.export')}
          </Button>
        }
      />
      {l.isOwn && (
        <Card size="small" title={t('workbench.lists.add')} style={{ marginBottom: 16 }}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Input.TextArea value={usccs} onChange={(e) => setUsccs(e.target.value)} rows={2} style={{ width: 420 }} placeholder={t('workbench.lists.usccsPlaceholder')} data-testid="key-list-usccs" />
              <Button
                type="primary"
                disabled={!usccs.trim()}
                loading={add.isPending}
                data-testid="key-list-add-usccs"
                onClick={() => add.mutate({ usccs: usccs.split(/[\s,，;；]+/).filter(Boolean) }, { onSuccess: (r) => { setUsccs(''); onAdded(r); } })}
              >
                {t('workbench.lists.addByUscc')}
              </Button>
            </Space>
            <Space wrap>
              <Select<EnterpriseTag> allowClear value={tag} onChange={setTag} placeholder={t('workbench.lists.filterTag')} style={{ width: 200 }} options={ENTERPRISE_TAGS.map((x) => ({ value: x, label: t(tagKey(x)) }))} data-testid="key-list-filter-tag" />
              <Select<Size> allowClear value={size} onChange={setSize} placeholder={t('workbench.lists.filterSize')} style={{ width: 140 }} options={SIZES.map((x) => ({ value: x, label: t(sizeKey(x)) }))} />
              <Button disabled={!tag && !size} loading={add.isPending} onClick={() => add.mutate({ filter: { tag, size } }, { onSuccess: onAdded })} data-testid="key-list-add-filter">
                {t('workbench.lists.addByFilter')}
              </Button>
            </Space>
            {add.error ? <ProblemAlert error={add.error} /> : null}
          </Space>
        </Card>
      )}
      <Card className="table-card">
        <Table<KeyListMemberView>
          data-testid="key-list-members"
          rowKey="uscc"
          size="middle"
          loading={members.isFetching}
          dataSource={members.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('workbench.lists.enterprise'), dataIndex: 'name', render: (name: string, row) => <Link to={`/enterprises/${row.uscc}`}>{name}</Link> },
            { title: 'USCC', dataIndex: 'uscc', width: 200 },
            { title: t('workbench.col.region'), dataIndex: 'regionName', width: 130 },
            { title: t('workbench.lists.size'), dataIndex: 'size', width: 80, render: (s: Size | null) => (s ? t(sizeKey(s)) : '—') },
            { title: t('workbench.lists.tags'), dataIndex: 'tags', render: (tags: EnterpriseTag[]) => tags.map((x) => <Tag key={x}>{t(tagKey(x))}</Tag>) },
            {
              key: 'remove',
              width: 90,
              render: (_: unknown, row) =>
                l.isOwn ? (
                  <Popconfirm title={t('workbench.lists.removeConfirm')} onConfirm={() => remove.mutate(row.uscc)}>
                    <Button size="small" danger>
                      {t('workbench.lists.remove')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={members.data?.nextCursor} total={members.data?.total} isFetching={members.isFetching} />
      </Card>
    </div>
  );
}
