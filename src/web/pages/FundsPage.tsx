import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, DatePicker, Drawer, Empty, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { INVESTMENT_STAGES, type FundInvestmentView, type FundView } from '../../contracts/capital';
import { CursorPager } from '../components/CursorPager';
import { DashboardChart, type ChartOption } from '../components/DashboardChart';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { FinanceNav } from '../components/capital/FinanceNav';
import { toFen, yuan } from '../components/capital/money';
import { useLang, useT } from '../i18n';
import { useCursorPages } from '../lib/useCursorPages';
import { useCurrentUser } from '../queries/auth';
import { fundInvestmentsExportUrl, useFundAction, useFundInvestments, useFunds, usePortfolio } from '../queries/capital';

const PAGE_SIZE = 20;
const WAN = 1_000_000; // fen in 1 万元

interface FundForm { name: string; managerUscc?: string; sizeWan: number; regionCode: string; description?: string }
interface InvestForm { enterpriseUscc: string; amountWan: number; investedOn: Dayjs; stage: (typeof INVESTMENT_STAGES)[number]; sharePct: number }

/** Portfolio by chain: per chain, or per segment of one chain with weak links that got nothing marked. */
function Portfolio() {
  const t = useT();
  const [chainId, setChainId] = useState<string>();
  const all = usePortfolio(undefined);
  const one = usePortfolio(chainId);
  const chains = all.data?.chains ?? [];
  const segments = chainId ? (one.data?.segments ?? []) : [];
  const gaps = segments.filter((s) => s.weakKinds.length > 0 && s.count === 0);
  const option = useMemo<ChartOption>(() => {
    const rows = chainId ? segments.map((s) => ({ name: s.segmentName, fen: s.investedFen, count: s.count, isWeak: s.weakKinds.length > 0 })) : chains.map((c) => ({ name: c.chainName, fen: c.investedFen, count: c.count, isWeak: false }));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('capital.funds.investedWan'), t('capital.funds.count')] },
      grid: { left: 60, right: 50, bottom: 90, top: 56 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: [{ type: 'value', name: t('capital.funds.investedWan') }, { type: 'value', name: t('capital.funds.count'), minInterval: 1 }],
      series: [
        { name: t('capital.funds.investedWan'), type: 'bar', itemStyle: { color: '#1677ff' }, data: rows.map((r) => ({ value: r.fen / WAN, itemStyle: { color: r.isWeak ? '#cf1322' : '#1677ff' } })) },
        { name: t('capital.funds.count'), type: 'bar', yAxisIndex: 1, data: rows.map((r) => r.count), itemStyle: { color: '#95de64' } },
      ],
    };
  }, [chainId, segments, chains, t]);
  return (
    <Card
      title={t('capital.funds.portfolio')}
      style={{ marginBottom: 16 }}
      extra={
        <Select allowClear style={{ width: 260 }} placeholder={t('capital.funds.allChains')} value={chainId} onChange={setChainId} options={chains.map((c) => ({ value: c.chainId, label: c.chainName }))} data-testid="portfolio-chain" />
      }
      data-testid="portfolio-card"
    >
      {all.error ? <ProblemAlert error={all.error} /> : null}
      {chains.length === 0 && !all.isFetching ? <Empty description={t('capital.funds.noPortfolio')} /> : <DashboardChart option={option} height={340} data-testid="portfolio-chart" />}
      {chainId ? (
        <Typography.Paragraph data-testid="portfolio-gaps" style={{ marginTop: 8, marginBottom: 0 }}>
          <Tag color="red">{t('capital.funds.weak')}</Tag>
          {gaps.length > 0 ? t('capital.funds.gaps', { names: gaps.map((g) => g.segmentName).join('、') }) : t('capital.funds.noGaps')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/** 投资基金 (FC-2): funds in scope, their investments, and the portfolio by chain. */
export function FundsPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const pages = useCursorPages();
  const list = useFunds({ cursor: pages.cursor, limit: PAGE_SIZE });
  const act = useFundAction();
  const [open, setOpen] = useState<FundView>();
  const [isCreating, setIsCreating] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fundForm] = Form.useForm<FundForm>();
  const [investForm] = Form.useForm<InvestForm>();
  const investments = useFundInvestments(open?.id);
  const money = (fen: number) => yuan(lang, fen);

  const run = async (action: Parameters<typeof act.mutateAsync>[0]) => {
    setError(undefined);
    try {
      await act.mutateAsync(action);
      message.success(t('capital.vouchers.done'));
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };
  const fresh = open ? list.data?.items.find((f) => f.id === open.id) ?? open : undefined;

  return (
    <div data-testid="funds-page">
      <FinanceNav />
      <PageHeader
        title={t('capital.funds.title')}
        subTitle={t('capital.funds.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setError(undefined); fundForm.resetFields(); fundForm.setFieldsValue({ regionCode: user.regionCode ?? undefined }); setIsCreating(true); }} data-testid="fund-new">
            {t('capital.funds.create')}
          </Button>
        }
      />
      <Portfolio />
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<FundView>
          data-testid="funds-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('capital.funds.empty') }}
          onRow={(f) => ({ onClick: () => { setError(undefined); setOpen(f); }, style: { cursor: 'pointer' } })}
          scroll={{ x: 1100 }}
          columns={[
            { title: t('capital.funds.name'), dataIndex: 'name', width: 240 },
            { title: t('capital.funds.manager'), dataIndex: ['manager', 'name'], width: 240 },
            { title: t('capital.funds.size'), dataIndex: 'sizeFen', width: 150, align: 'right', render: money },
            { title: t('capital.funds.invested'), dataIndex: 'investedFen', width: 150, align: 'right', render: money },
            { title: t('capital.funds.count'), dataIndex: 'investmentCount', width: 90, align: 'right' },
            { title: t('capital.funds.focus'), dataIndex: 'focusChains', render: (cs: FundView['focusChains']) => cs.map((c) => <Tag key={c.id}>{c.name}</Tag>) },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>

      <Drawer
        open={isCreating}
        width={560}
        title={t('capital.funds.create')}
        onClose={() => setIsCreating(false)}
        destroyOnHidden
        extra={
          <Space>
            <Button onClick={() => setIsCreating(false)}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={() => void fundForm.validateFields().then(async (f) => {
              if (await run({ kind: 'fund', body: { name: f.name, managerUscc: f.managerUscc || undefined, sizeFen: toFen(f.sizeWan * 10_000), regionCode: f.regionCode, description: f.description } })) setIsCreating(false);
            })} data-testid="fund-save">{t('common.save')}</Button>
          </Space>
        }
      >
        {error ? <ProblemAlert error={error} /> : null}
        <Form form={fundForm} layout="vertical">
          <Form.Item name="name" label={t('capital.funds.name')} rules={[{ required: true }]}><Input maxLength={100} data-testid="fund-name" /></Form.Item>
          {user.role !== 'member' ? <Form.Item name="managerUscc" label={t('capital.funds.managerUscc')} rules={[{ required: true }]}><Input data-testid="fund-manager" /></Form.Item> : null}
          <Form.Item name="sizeWan" label={t('capital.funds.sizeWan')} rules={[{ required: true }]}><InputNumber min={1} precision={2} style={{ width: 220 }} data-testid="fund-size" /></Form.Item>
          <Form.Item name="regionCode" label={t('capital.funds.region')} rules={[{ required: true }]}><RegionCascader style={{ width: 320 }} /></Form.Item>
          <Form.Item name="description" label={t('capital.products.description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </Form>
      </Drawer>

      <Drawer open={Boolean(fresh)} width={980} title={fresh?.name} onClose={() => setOpen(undefined)} destroyOnHidden data-testid="fund-drawer"
        extra={fresh ? <Button icon={<DownloadOutlined />} href={fundInvestmentsExportUrl(fresh.id)} data-testid="fund-export">{t('capital.export')}</Button> : null}>
        {fresh ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {t('capital.funds.manager')}：{fresh.manager.name} · {t('capital.funds.size')}：{money(fresh.sizeFen)} · {t('capital.funds.invested')}：{money(fresh.investedFen)}
            </Typography.Text>
            {error ? <ProblemAlert error={error} /> : null}
            {fresh.canInvest ? (
              <Form form={investForm} layout="inline" initialValues={{ stage: 'a' }} onFinish={(f) => void run({ kind: 'invest', id: fresh.id, body: { enterpriseUscc: f.enterpriseUscc, amountFen: toFen(f.amountWan * 10_000), investedOn: f.investedOn.format('YYYY-MM-DD'), stage: f.stage, sharePct: f.sharePct } }).then((ok) => ok && investForm.resetFields())}>
                <Form.Item name="enterpriseUscc" rules={[{ required: true }]}><Input placeholder={t('capital.funds.enterpriseUscc')} style={{ width: 200 }} data-testid="invest-uscc" /></Form.Item>
                <Form.Item name="amountWan" rules={[{ required: true }]}><InputNumber min={0.01} precision={2} placeholder={t('capital.funds.amountWan')} style={{ width: 140 }} data-testid="invest-amount" /></Form.Item>
                <Form.Item name="investedOn" rules={[{ required: true }]}><DatePicker placeholder={t('capital.funds.investedOn')} data-testid="invest-date" /></Form.Item>
                <Form.Item name="stage"><Select style={{ width: 110 }} options={INVESTMENT_STAGES.map((s) => ({ value: s, label: t(`capital.funds.stage.${s}`) }))} /></Form.Item>
                <Form.Item name="sharePct" rules={[{ required: true }]}><InputNumber min={0.01} max={100} precision={2} placeholder={t('capital.funds.sharePct')} style={{ width: 120 }} data-testid="invest-share" /></Form.Item>
                <Button type="primary" htmlType="submit" data-testid="invest-submit">{t('capital.funds.invest')}</Button>
              </Form>
            ) : null}
            <Table<FundInvestmentView>
              data-testid="investments-table"
              rowKey="id"
              size="small"
              loading={investments.isFetching}
              dataSource={investments.data?.items ?? []}
              pagination={false}
              columns={[
                { title: t('capital.funds.enterprise'), dataIndex: ['enterprise', 'name'], width: 220 },
                { title: t('capital.funds.investedOn'), dataIndex: 'investedOn', width: 110 },
                { title: t('capital.funds.stageLabel'), dataIndex: 'stage', width: 90, render: (s: FundInvestmentView['stage']) => t(`capital.funds.stage.${s}`) },
                { title: t('capital.field.amount'), dataIndex: 'amountFen', width: 140, align: 'right', render: money },
                { title: t('capital.funds.sharePct'), dataIndex: 'sharePct', width: 90, align: 'right', render: (p: number) => `${p.toFixed(2)}%` },
                { title: t('capital.funds.segments'), dataIndex: 'chains', render: (cs: FundInvestmentView['chains']) => cs.map((c) => <Tag key={`${c.chainId}-${c.segmentKey}`}>{c.chainName} / {c.segmentName}</Tag>) },
              ]}
            />
          </Space>
        ) : null}
      </Drawer>
    </div>
  );
}
