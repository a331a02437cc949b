import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Table } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { FAIR_STATUSES, type FairStatus, type FairView } from '../../contracts/fairs';
import { CursorPager } from '../components/CursorPager';
import { FairCreateModal } from '../components/FairCreateModal';
import { FairStatusTag, RegistrationTag } from '../components/FairTags';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n';
import { regionScope } from '../lib/access';
import { useCursorPages } from '../lib/useCursorPages';
import { useUrlParams } from '../lib/useUrlParams';
import { useCurrentUser } from '../queries/auth';
import { useFairList } from '../queries/fairs';

const PAGE_SIZE = 20;

/** 洽谈会 list: fairs the user may see; gov users and admins create them here. */
export function FairListPage() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { params, setParam } = useUrlParams();
  const status = FAIR_STATUSES.includes(params.get('status') as FairStatus) ? (params.get('status') as FairStatus) : undefined;
  const q = params.get('q') || undefined;
  const pages = useCursorPages(JSON.stringify({ status, q }));
  const list = useFairList({ status, q }, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [isCreating, setCreating] = useState(false);
  const canCreate = user.role === 'gov' || user.role === 'platform_admin';

  return (
    <div data-testid="fair-list-page">
      <PageHeader
        title={t('fairs.list.title')}
        subTitle={t('fairs.list.subtitle')}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="fair-create-button">
              {t('fairs.create.button')}
            </Button>
          )
        }
      />
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Select<FairStatus>
            allowClear
            value={status}
            onChange={(value) => setParam('status', value)}
            placeholder={t('fairs.field.status')}
            options={FAIR_STATUSES.map((s) => ({ value: s, label: t(`fairs.status.${s}`) }))}
            style={{ width: 140 }}
          />
          <Input.Search key={q ?? ''} allowClear defaultValue={q} onSearch={(value) => setParam('q', value.trim() || undefined)} placeholder={t('fairs.list.search')} enterButton style={{ width: 260 }} />
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<FairView>
          data-testid="fair-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('fairs.list.empty') }}
          scroll={{ x: 1000 }}
          columns={[
            { title: t('fairs.field.title'), dataIndex: 'title', render: (title: string, row) => <Link to={`/fairs/${row.id}`} data-testid="fair-link">{title}</Link> },
            { title: t('fairs.field.region'), dataIndex: 'regionName', width: 170 },
            { title: t('fairs.field.chain'), dataIndex: 'chainName', width: 150, render: (name: string | null) => name ?? '—' },
            { title: t('fairs.field.dates'), key: 'dates', width: 190, render: (_, row) => [...new Set(row.sessions.map((s) => s.date))].join('、') },
            {
              title: t('fairs.field.registrations'),
              key: 'registrations',
              width: 210,
              render: (_, row) => t('fairs.registrations.summary', { large: row.largeRegistered, largeCap: row.largeCapacity, sme: row.smeRegistered, smeCap: row.smeCapacity, wait: row.waitlisted }),
            },
            { title: t('fairs.field.status'), dataIndex: 'status', width: 100, render: (s: FairStatus) => <FairStatusTag status={s} /> },
            {
              title: t('fairs.field.mine'),
              key: 'mine',
              width: 110,
              render: (_, row) => (row.myRegistration ? <RegistrationTag status={row.myRegistration.status} position={row.myRegistration.waitlistPosition} /> : '—'),
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      <FairCreateModal open={isCreating} regionScope={regionScope(user)} onClose={() => setCreating(false)} onCreated={(id) => navigate(`/fairs/${id}`)} />
    </div>
  );
}
