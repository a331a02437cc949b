import { Card, Input, Select, Space, Table, Tag } from 'antd';
import type { SolutionView } from '../../../contracts/assessment';
import { CursorPager } from '../../components/CursorPager';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n';
import { useCursorPages } from '../../lib/useCursorPages';
import { useUrlParams } from '../../lib/useUrlParams';
import { useSolutions } from '../../queries/assessment';

/** 小快轻准 solution catalogue: search by text and dimension. */
export function SolutionsPage() {
  const t = useT();
  const { params, setParam } = useUrlParams();
  const filter = { q: params.get('q') ?? undefined, dimension: params.get('dimension') ?? undefined };
  const pages = useCursorPages(JSON.stringify(filter));
  const list = useSolutions(filter, pages.cursor);
  return (
    <div data-testid="solutions-page">
      <PageHeader title={t('as.card.solutions')} subTitle={t('as.card.solutions.text')} />
      <Card size="small" className="filter-card">
        <Space>
          <Input.Search allowClear defaultValue={filter.q} placeholder={t('as.sol.search')} onSearch={(v) => setParam('q', v || undefined)} style={{ width: 280 }} />
          <Select allowClear placeholder={t('as.sol.dimension')} value={filter.dimension} onChange={(v) => setParam('dimension', v)} style={{ width: 180 }}
            options={['foundation', 'management', 'results'].map((d) => ({ value: d, label: t(`as.dim.${d}` as 'as.dim.foundation') }))} />
        </Space>
      </Card>
      <Card className="table-card" style={{ marginTop: 12 }}>
        <Table<SolutionView> rowKey="id" size="small" pagination={false} loading={list.isFetching} dataSource={list.data?.items ?? []} data-testid="solutions-table" columns={[
          { title: t('as.sol.title'), dataIndex: 'title', render: (title: string, s) => <Space direction="vertical" size={0}><span>{s.kind === 'industrial_app' ? <Tag color="purple">APP</Tag> : null}{title}</span><span className="muted">{s.description}</span></Space> },
          { title: t('as.sol.provider'), dataIndex: 'providerName', width: 220 },
          { title: t('as.sol.scenarios'), dataIndex: 'scenarios', width: 200, render: (v: string[]) => v.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t('as.sol.price'), dataIndex: 'priceBand', width: 110, render: (p: string) => t(`as.price.${p}` as 'as.price.free') },
          { title: t('as.sol.days'), dataIndex: 'deploymentDays', width: 90 },
        ]} />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
    </div>
  );
}
