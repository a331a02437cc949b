import { GlobalOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Layout, Row, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { CASE_MODELS, type CaseModel } from '../../../contracts/services';
import { CursorPager } from '../../components/CursorPager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { setLang, useLang, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useCursorPages } from '../../lib/useCursorPages';
import { useCase, useCaseList } from '../../queries/services';
import { CaseArticle } from './CaseViews';

const PAGE_SIZE = 12;

/** Pages anyone may open without logging in (`/public/*`): the published case library. */
export function PublicRoutes() {
  const t = useT();
  const lang = useLang();
  return (
    <Layout style={{ minHeight: '100vh' }} data-testid="public-layout">
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Link to="/public/cases"><Typography.Text strong style={{ fontSize: 18 }}>{t('app.name')}</Typography.Text></Link>
        <Space>
          <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('lang.switch')}</Button>
          <a href="/"><Button type="primary">{t('services.cases.login')}</Button></a>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 1200, width: '100%', margin: '0 auto' }}>
        <Routes>
          <Route path="/public/cases" element={<PublicCaseListPage />} />
          <Route path="/public/cases/:id" element={<PublicCaseDetailPage />} />
          <Route path="*" element={<PublicCaseListPage />} />
        </Routes>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}

function PublicCaseListPage() {
  const t = useT();
  const lang = useLang();
  const [model, setModel] = useState<CaseModel>();
  const [q, setQ] = useState<string>();
  const filters = useMemo(() => ({ model, q }), [model, q]);
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useCaseList('public', filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  return (
    <div data-testid="public-case-list">
      <Typography.Title level={2}>{t('services.cases.publicTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('services.cases.publicSubtitle')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select<CaseModel> allowClear value={model} onChange={setModel} placeholder={t('services.case.model')} options={CASE_MODELS.map((m) => ({ value: m, label: t(`services.model.${m}`) }))} style={{ width: 180 }} />
        <Input.Search allowClear placeholder={t('services.cases.search')} onSearch={(v) => setQ(v.trim() || undefined)} enterButton style={{ width: 300 }} />
      </Space>
      {list.error ? <ProblemAlert error={list.error} /> : null}
      <Row gutter={[16, 16]}>
        {(list.data?.items ?? []).map((c) => (
          <Col key={c.id} xs={24} md={12} lg={8}>
            <Card loading={list.isFetching && !list.data} title={<Link to={`/public/cases/${c.id}`} data-testid="public-case-link">{c.title}</Link>} extra={<Tag color="blue">{t(`services.model.${c.model}`)}</Tag>} style={{ height: '100%' }}>
              <Typography.Paragraph ellipsis={{ rows: 3 }}>{c.summary}</Typography.Paragraph>
              <Typography.Text type="secondary">{c.regionName} · {c.publishedAt ? formatDateTime(lang, c.publishedAt) : ''}</Typography.Text>
              <div style={{ marginTop: 8 }}>{c.enterprises.map((e) => <Tag key={e.uscc}>{e.name}</Tag>)}</div>
            </Card>
          </Col>
        ))}
      </Row>
      {list.data && list.data.items.length === 0 && <Typography.Paragraph type="secondary">{t('services.cases.empty')}</Typography.Paragraph>}
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
    </div>
  );
}

function PublicCaseDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const item = useCase(id, 'public');
  return (
    <div data-testid="public-case-detail">
      <Link to="/public/cases">← {t('services.cases.backToLibrary')}</Link>
      {item.error ? <ProblemAlert error={item.error} /> : null}
      {item.data ? (
        <Card style={{ marginTop: 12 }} title={<Typography.Title level={3} style={{ margin: 0 }}>{item.data.title}</Typography.Title>}>
          <CaseArticle item={item.data} fileBase={`/public/cases/${item.data.id}/files`} />
        </Card>
      ) : (
        !item.error && <Card loading style={{ marginTop: 12 }} />
      )}
    </div>
  );
}
