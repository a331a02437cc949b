import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import type { ExpertView } from '../../../contracts/innovation';
import { apiUrl } from '../../api';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RegionCascader } from '../../components/RegionCascader';
import { useT } from '../../i18n';
import { useCursorPages } from '../../lib/useCursorPages';
import { useExpertPool, type ExpertPoolFilters } from '../../queries/innovation';
import { TalentNav } from './ConsultationPages';

const PAGE_SIZE = 20;

/** 专家库: the expert pool, filtered by name or field, an exact field, region subtree, affiliation and availability; to Excel. */
export function ExpertPoolPage() {
  const t = useT();
  const [filters, setFilters] = useState<ExpertPoolFilters>({});
  const set = (change: Partial<ExpertPoolFilters>) => setFilters((f) => ({ ...f, ...change }));
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useExpertPool(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <div data-testid="expert-pool-page">
      <TalentNav />
      <PageHeader
        title={t('talent.nav.experts')}
        subTitle={t('talent.experts.subtitle')}
        extra={<Button icon={<DownloadOutlined />} href={apiUrl('/experts/export', { ...filters })} data-testid="experts-export">{t('talent.export')}</Button>}
      />
      <Card className="filter-card" size="small">
        <Space wrap className="filter-bar">
          <Input.Search allowClear placeholder={t('talent.experts.search')} onSearch={(q) => set({ q: q || undefined })} style={{ width: 200 }} data-testid="experts-search" />
          <Input.Search allowClear placeholder={t('talent.experts.field')} onSearch={(field) => set({ field: field || undefined })} style={{ width: 200 }} data-testid="experts-field" />
          <RegionCascader value={filters.regionCode} onChange={(regionCode) => set({ regionCode })} placeholder={t('talent.experts.region')} style={{ width: 240 }} data-testid="experts-region" />
          <Input.Search allowClear placeholder={t('talent.experts.affiliation')} onSearch={(affiliation) => set({ affiliation: affiliation || undefined })} style={{ width: 200 }} data-testid="experts-affiliation" />
          <Space>
            <Switch checked={filters.available === 'true'} onChange={(on) => set({ available: on ? 'true' : undefined })} data-testid="experts-available" />
            {t('talent.experts.availableOnly')}
          </Space>
        </Space>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<ExpertView>
          data-testid="expert-table"
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('talent.experts.empty') }}
          columns={[
            { title: t('talent.experts.name'), dataIndex: 'name', width: 120 },
            { title: t('talent.experts.fields'), dataIndex: 'fields', render: (fields: string[]) => fields.map((f) => <Tag key={f}>{f}</Tag>) },
            { title: t('talent.experts.affiliation'), dataIndex: 'affiliation', render: (v: string) => v || '—' },
            { title: t('talent.experts.region'), dataIndex: 'regionName', width: 200 },
            { title: t('talent.experts.available'), dataIndex: 'isAvailable', width: 110, render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{v ? t('talent.experts.available') : t('talent.experts.unavailable')}</Tag> },
            { title: t('talent.experts.load'), key: 'load', width: 110, render: (_: unknown, x) => `${x.openReviews} / ${x.maxLoad}` },
            { title: t('talent.experts.conflicts'), key: 'conflicts', width: 100, render: (_: unknown, x) => x.conflicts.length },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
    </div>
  );
}
