import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { LISTING_KINDS, type ListingKind, type ListingView } from '../../../contracts/cross-border';
import { CursorPager } from '../../components/CursorPager';
import { useCountryName, useCountryOptions } from '../../components/CrossBorderFormFields';
import { IndustryCascader } from '../../components/IndustryCascader';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLang, useT } from '../../i18n';
import { useCursorPages } from '../../lib/useCursorPages';
import { useUrlParams } from '../../lib/useUrlParams';
import { OfferDrawer } from './OfferDrawer';
import { OverseasOffersTab, useOverseasFilters } from './OverseasOffersTab';
import { overseasExportUrl } from '../../queries/overseas';
import { listingsExportUrl, useListings, type ListingFilters } from '../../queries/cross-border';

const PAGE_SIZE = 20;

const TABS = ['listings', 'overseas'] as const;
type Tab = (typeof TABS)[number];

/** 跨境对接: the bilingual listings of needs and offers for abroad, and large firms' overseas service offers (出海服务) that SMEs join. */
export function CrossBorderPage() {
  const t = useT();
  const { params, setParam } = useUrlParams();
  const tab: Tab = params.get('tab') === 'overseas' ? 'overseas' : 'listings';
  const overseasFilters = useOverseasFilters();
  const listingFilters = useListingFilters();
  return (
    <div data-testid="xb-page">
      <PageHeader
        title={t('xb.title')}
        subTitle={t(tab === 'overseas' ? 'overseas.subtitle' : 'xb.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} href={tab === 'overseas' ? overseasExportUrl(overseasFilters) : listingsExportUrl(listingFilters)} data-testid="xb-export">
            {t('xb.export')}
          </Button>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'listings' ? undefined : key)}
        items={TABS.map((key) => ({ key, label: <span data-testid={`xb-tab-${key}`}>{t(`xb.tab.${key}`)}</span> }))}
      />
      {tab === 'overseas' ? <OverseasOffersTab /> : <ListingsTab />}
    </div>
  );
}

/** The listings' filters (URL parameters). */
function useListingFilters(): ListingFilters {
  const { params } = useUrlParams();
  return useMemo(() => {
    const kind = params.get('kind');
    return {
      kind: LISTING_KINDS.includes(kind as ListingKind) ? (kind as ListingKind) : undefined,
      country: params.get('country') || undefined,
      industry: params.get('industry') || undefined,
    };
  }, [params]);
}

/** Needs and offers flagged for abroad, shown in Chinese or English. */
function ListingsTab() {
  const t = useT();
  const uiLang = useLang();
  const { params, setParam } = useUrlParams();
  const [textLang, setTextLang] = useState<'zh' | 'en'>(uiLang);
  const filters = useListingFilters();
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useListings(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const countries = useCountryOptions();
  const countryName = useCountryName();

  const text = (zh: string, en: string | null, testId: string) =>
    textLang === 'zh' ? (
      <span data-testid={testId}>{zh}</span>
    ) : en ? (
      <span data-testid={testId} lang="en">{en}</span>
    ) : (
      <span data-testid={testId}>
        <Tooltip title={t('xb.noEnglishHint')}>
          <Tag color="orange" data-testid="xb-no-english">{t('xb.noEnglish')}</Tag>
        </Tooltip>
        {zh}
      </span>
    );

  return (
    <div data-testid="xb-listings">
      <Card className="filter-card" size="small">
        <div className="filter-bar">
          <Segmented
            value={textLang}
            onChange={(v) => setTextLang(v as 'zh' | 'en')}
            options={[
              { value: 'zh', label: <span data-testid="xb-lang-zh">{t('xb.langZh')}</span> },
              { value: 'en', label: <span data-testid="xb-lang-en">{t('xb.langEn')}</span> },
            ]}
          />
          <Select
            allowClear
            placeholder={t('xb.kind')}
            style={{ width: 120 }}
            value={filters.kind}
            onChange={(v) => setParam('kind', v)}
            options={LISTING_KINDS.map((k) => ({ value: k, label: t(`xb.kind.${k}`) }))}
            data-testid="xb-filter-kind"
          />
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('xb.country')}
            style={{ width: 200 }}
            value={filters.country}
            onChange={(v) => setParam('country', v)}
            options={countries}
            data-testid="xb-filter-country"
          />
          <IndustryCascader value={filters.industry} onChange={(v) => setParam('industry', v)} placeholder={t('xb.industry')} style={{ width: 240 }} data-testid="xb-filter-industry" />
        </div>
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<ListingView>
          data-testid="xb-table"
          rowKey={(l) => `${l.kind}:${l.id}`}
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('xb.empty') }}
          scroll={{ x: 1100 }}
          columns={[
            { title: t('xb.kind'), dataIndex: 'kind', width: 80, render: (k: ListingKind) => <Tag color={k === 'need' ? 'blue' : 'green'}>{t(`xb.kind.${k}`)}</Tag> },
            {
              title: t('xb.listTitle'),
              key: 'title',
              width: 300,
              render: (_: unknown, l) => (
                <Typography.Text strong>
                  {l.kind === 'need' ? (
                    <Link to={l.link} data-testid="xb-link">{text(l.title, l.titleEn, 'xb-title')}</Link>
                  ) : (
                    <Typography.Link onClick={() => setParam('offer', l.id)} data-testid="xb-link">{text(l.title, l.titleEn, 'xb-title')}</Typography.Link>
                  )}
                </Typography.Text>
              ),
            },
            { title: t('xb.enterprise'), dataIndex: 'enterpriseName', width: 220 },
            { title: t('xb.country'), dataIndex: 'targetCountries', width: 200, render: (cs: string[]) => cs.map((c) => <Tag key={c}>{countryName(c)}</Tag>) },
            {
              title: t('xb.description'),
              key: 'description',
              render: (_: unknown, l) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{text(l.description, l.descriptionEn, 'xb-description')}</Typography.Paragraph>,
            },
            { title: t('xb.listedAt'), dataIndex: 'listedAt', width: 110, render: (d: string) => new Date(d).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) },
          ]}
        />
        <Space style={{ marginTop: 8 }}>
          <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
        </Space>
      </Card>
      <OfferDrawer id={params.get('offer') || undefined} onClose={() => setParam('offer', undefined)} />
    </div>
  );
}
