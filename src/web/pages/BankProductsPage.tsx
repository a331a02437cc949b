import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, PlusOutlined, QuestionCircleFilled } from '@ant-design/icons';
import { App as AntApp, Button, Card, Drawer, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { BANK_PRODUCT_KINDS, TIER_LEVELS, type BankProductKind, type BankProductView, type CreateBankProductBody } from '../../contracts/capital';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { FinanceNav } from '../components/capital/FinanceNav';
import { toFen, yuan } from '../components/capital/money';
import { useLang, useT } from '../i18n';
import { useCursorPages } from '../lib/useCursorPages';
import { useCurrentUser } from '../queries/auth';
import { productsExportUrl, useBankProducts, useProductAction, useVouchers, type ProductFilters } from '../queries/capital';

const PAGE_SIZE = 20;
const NATIONWIDE = '000000';
const SIZES = ['large', 'medium', 'small', 'micro'] as const;

/** The product form in 元 and whole units; `toBody` turns it into the API's fen. */
interface ProductForm {
  name: string;
  kind: BankProductKind;
  minYuan: number;
  maxYuan: number;
  minRateBp: number;
  maxRateBp: number;
  minTermDays: number;
  maxTermDays: number;
  isNationwide: boolean;
  regionCode?: string;
  minCreditScore?: number | null;
  minYears?: number | null;
  sizes?: (typeof SIZES)[number][];
  tierAtLeast?: (typeof TIER_LEVELS)[number] | null;
  minReceivablesYuan?: number | null;
  isNoOpenComplaints: boolean;
  description?: string;
}

const given = <T,>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function toBody(f: ProductForm): CreateBankProductBody {
  return {
    name: f.name, kind: f.kind, minAmountFen: toFen(f.minYuan), maxAmountFen: toFen(f.maxYuan), minRateBp: f.minRateBp, maxRateBp: f.maxRateBp, minTermDays: f.minTermDays, maxTermDays: f.maxTermDays,
    regionCodes: [f.isNationwide || !f.regionCode ? NATIONWIDE : f.regionCode],
    rules: {
      minCreditScore: given(f.minCreditScore), minYears: given(f.minYears), sizes: f.sizes?.length ? f.sizes : undefined, tierAtLeast: given(f.tierAtLeast),
      minReceivablesFen: f.minReceivablesYuan ? toFen(f.minReceivablesYuan) : undefined, isNoOpenComplaints: f.isNoOpenComplaints || undefined,
    },
    description: f.description,
  };
}

function toForm(p: BankProductView): ProductForm {
  return {
    name: p.name, kind: p.kind, minYuan: p.minAmountFen / 100, maxYuan: p.maxAmountFen / 100, minRateBp: p.minRateBp, maxRateBp: p.maxRateBp, minTermDays: p.minTermDays, maxTermDays: p.maxTermDays,
    isNationwide: p.regionCodes.includes(NATIONWIDE), regionCode: p.regionCodes.find((r) => r !== NATIONWIDE), minCreditScore: p.rules.minCreditScore, minYears: p.rules.minYears, sizes: p.rules.sizes,
    tierAtLeast: p.rules.tierAtLeast, minReceivablesYuan: p.rules.minReceivablesFen !== undefined ? p.rules.minReceivablesFen / 100 : undefined, isNoOpenComplaints: Boolean(p.rules.isNoOpenComplaints),
    description: p.description,
  };
}

const NEW_PRODUCT: Partial<ProductForm> = { kind: 'receivable', minRateBp: 300, maxRateBp: 450, minTermDays: 30, maxTermDays: 360, isNationwide: false, isNoOpenComplaints: false };

function ReasonIcon({ passed }: { passed: boolean | null }) {
  if (passed === true) return <CheckCircleFilled style={{ color: '#52c41a' }} />;
  if (passed === false) return <CloseCircleFilled style={{ color: '#ff4d4f' }} />;
  return <QuestionCircleFilled style={{ color: '#faad14' }} />;
}

/** 金融产品超市: SMEs browse the products serving their region with "eligible / not eligible because …" and apply; a bank publishes and edits its own; gov users see their region's. */
export function BankProductsPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const isBank = user.org?.kind === 'bank';
  const isSme = user.role === 'member' && !isBank;
  const [filters, setFilters] = useState<ProductFilters>({});
  const pages = useCursorPages(JSON.stringify(filters));
  const list = useBankProducts(filters, { cursor: pages.cursor, limit: PAGE_SIZE });
  const act = useProductAction();
  const [editing, setEditing] = useState<BankProductView | 'new'>();
  const [applying, setApplying] = useState<BankProductView>();
  const [apply, setApply] = useState<{ amountYuan: number | null; termDays: number | null; voucherId?: string; description?: string }>({ amountYuan: null, termDays: null });
  const [error, setError] = useState<unknown>();
  const [form] = Form.useForm<ProductForm>();
  const held = useVouchers('held', { limit: 100 });

  const run = async (action: Parameters<typeof act.mutateAsync>[0], done: string) => {
    setError(undefined);
    try {
      await act.mutateAsync(action);
      message.success(t(done as 'capital.products.applied'));
      setEditing(undefined);
      setApplying(undefined);
    } catch (err) {
      setError(err);
    }
  };

  const money = (fen: number) => yuan(lang, fen);
  const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;
  const title = isBank ? 'capital.products.bankTitle' : user.role === 'member' ? 'capital.products.title' : 'capital.products.govTitle';

  return (
    <div data-testid="products-page">
      <FinanceNav />
      <PageHeader
        title={t(title)}
        subTitle={t('capital.products.subtitle')}
        extra={
          <Space wrap>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('capital.products.kind')}
              value={filters.kind}
              onChange={(kind?: BankProductKind) => setFilters({ ...filters, kind })}
              options={BANK_PRODUCT_KINDS.map((k) => ({ value: k, label: t(`capital.financingKind.${k}`) }))}
              data-testid="products-kind"
            />
            {isSme ? (
              <Space>
                <Switch checked={filters.isEligibleOnly === 'true'} onChange={(on) => setFilters({ ...filters, isEligibleOnly: on ? 'true' : undefined })} data-testid="products-eligible-only" />
                <Typography.Text>{t('capital.products.eligibleOnly')}</Typography.Text>
              </Space>
            ) : null}
            <Button icon={<DownloadOutlined />} href={productsExportUrl(filters)} data-testid="products-export">{t('capital.ledger.export')}</Button>
            {isBank ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => { setError(undefined); form.resetFields(); form.setFieldsValue(NEW_PRODUCT); setEditing('new'); }} data-testid="product-new">
                {t('capital.products.publish')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {error && !editing && !applying ? <ProblemAlert error={error} /> : null}
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<BankProductView>
          data-testid="products-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('capital.products.empty') }}
          scroll={{ x: 1200 }}
          expandable={{
            expandedRowRender: (p) => (
              <Space direction="vertical" style={{ width: '100%' }} data-testid="product-rules">
                {p.description ? <Typography.Paragraph style={{ marginBottom: 4 }}>{p.description}</Typography.Paragraph> : null}
                {p.eligibility
                  ? p.eligibility.reasons.map((r) => (
                      <Space key={r.key} data-testid={`reason-${r.key}`}>
                        <ReasonIcon passed={r.passed} />
                        <Typography.Text>{r.text}</Typography.Text>
                        <Typography.Text type="secondary">— {r.detail}</Typography.Text>
                      </Space>
                    ))
                  : p.ruleTexts.map((text) => <Typography.Text key={text}>• {text}</Typography.Text>)}
              </Space>
            ),
          }}
          columns={[
            { title: t('capital.products.name'), dataIndex: 'name', width: 220, render: (name: string, p) => (<span>{name}{p.status === 'withdrawn' ? <Tag style={{ marginLeft: 8 }}>{t('capital.products.withdrawn')}</Tag> : null}</span>) },
            { title: t('capital.vouchers.bank'), dataIndex: ['bank', 'name'], width: 230 },
            { title: t('capital.products.kind'), dataIndex: 'kind', width: 110, render: (k: BankProductKind) => t(`capital.financingKind.${k}`) },
            { title: t('capital.products.amount'), key: 'amount', width: 200, render: (_, p) => `${money(p.minAmountFen)} – ${money(p.maxAmountFen)}` },
            { title: t('capital.financing.rate'), key: 'rate', width: 130, render: (_, p) => `${pct(p.minRateBp)} – ${pct(p.maxRateBp)}` },
            { title: t('capital.financing.term'), key: 'term', width: 100, render: (_, p) => `${p.minTermDays} – ${p.maxTermDays}` },
            { title: t('capital.products.regions'), dataIndex: 'regionNames', width: 150, render: (names: string[]) => names.join('、') },
            isSme
              ? {
                  title: t('capital.products.eligibility'), key: 'eligibility', width: 210,
                  render: (_, p) =>
                    p.eligibility?.isEligible ? (
                      <Tag color="green" data-testid="product-eligible">{t('capital.products.eligible')}</Tag>
                    ) : (
                      <span data-testid="product-not-eligible">
                        <Tag color="red">{t('capital.products.notEligible')}</Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.eligibility?.reasons.filter((r) => r.passed !== true).map((r) => r.text).join('；')}</Typography.Text>
                      </span>
                    ),
                }
              : { title: t('capital.products.requests'), dataIndex: 'requestCount', width: 90, align: 'right' as const },
            {
              title: '', key: 'actions', width: 150, fixed: 'right',
              render: (_, p) =>
                isSme ? (
                  <Button size="small" type="primary" disabled={!p.eligibility?.isEligible} onClick={() => { setError(undefined); setApply({ amountYuan: p.minAmountFen / 100, termDays: p.minTermDays }); setApplying(p); }} data-testid="product-apply">
                    {t('capital.products.apply')}
                  </Button>
                ) : isBank ? (
                  <Space>
                    <Button size="small" onClick={() => { setError(undefined); form.resetFields(); form.setFieldsValue(toForm(p)); setEditing(p); }} data-testid="product-edit">{t('capital.products.edit')}</Button>
                    <Button size="small" onClick={() => void run({ kind: 'update', id: p.id, body: { status: p.status === 'active' ? 'withdrawn' : 'active' } }, 'capital.vouchers.done')} data-testid="product-toggle">
                      {t(p.status === 'active' ? 'capital.products.withdraw' : 'capital.products.relist')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>

      <Modal
        open={Boolean(applying)}
        title={`${t('capital.products.apply')} · ${applying?.name ?? ''}`}
        onCancel={() => setApplying(undefined)}
        okText={t('capital.products.apply')}
        okButtonProps={{ 'data-testid': 'apply-submit' } as Record<string, string>}
        destroyOnHidden
        onOk={() => applying && void run({ kind: 'apply', id: applying.id, body: { amountFen: toFen(apply.amountYuan ?? 0), termDays: apply.termDays ?? 0, voucherId: apply.voucherId, description: apply.description } }, 'capital.products.applied')}
      >
        {error ? <ProblemAlert error={error} /> : null}
        {applying ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('capital.products.applyHint', { bank: applying.bank.name })}</Typography.Text>
            <Typography.Text>{t('capital.field.amount')}（{money(applying.minAmountFen)} – {money(applying.maxAmountFen)}）</Typography.Text>
            <InputNumber min={0.01} precision={2} value={apply.amountYuan} onChange={(v) => setApply({ ...apply, amountYuan: v })} style={{ width: 220 }} data-testid="apply-amount" />
            <Typography.Text>{t('capital.financing.term')}（{applying.minTermDays} – {applying.maxTermDays}）</Typography.Text>
            <InputNumber min={1} max={3650} value={apply.termDays} onChange={(v) => setApply({ ...apply, termDays: v })} data-testid="apply-term" />
            {applying.kind === 'receivable' ? (
              <>
                <Typography.Text>{t('capital.products.voucher')}</Typography.Text>
                <Select
                  style={{ width: '100%' }}
                  value={apply.voucherId}
                  onChange={(voucherId: string) => setApply({ ...apply, voucherId })}
                  options={(held.data?.items ?? []).filter((v) => v.status === 'held').map((v) => ({ value: v.id, label: `#${v.id} · ${v.obligor.name} · ${money(v.amountFen)}` }))}
                  data-testid="apply-voucher"
                />
              </>
            ) : null}
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('capital.products.applyNote')} value={apply.description} onChange={(e) => setApply({ ...apply, description: e.target.value })} />
          </Space>
        ) : null}
      </Modal>

      <Drawer
        open={Boolean(editing)}
        width={640}
        title={t(editing === 'new' ? 'capital.products.publish' : 'capital.products.edit')}
        onClose={() => setEditing(undefined)}
        destroyOnHidden
        extra={
          <Space>
            <Button onClick={() => setEditing(undefined)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={act.isPending} onClick={() => void form.validateFields().then((f) => run(editing === 'new' || !editing ? { kind: 'create', body: toBody(f) } : { kind: 'update', id: editing.id, body: toBody(f) }, 'capital.vouchers.done'))} data-testid="product-save">
              {t('common.save')}
            </Button>
          </Space>
        }
        data-testid="product-drawer"
      >
        {error ? <ProblemAlert error={error} /> : null}
        <Form form={form} layout="vertical" requiredMark>
          <Form.Item name="name" label={t('capital.products.name')} rules={[{ required: true }]}><Input maxLength={100} data-testid="product-name" /></Form.Item>
          <Form.Item name="kind" label={t('capital.products.kind')} rules={[{ required: true }]}>
            <Select options={BANK_PRODUCT_KINDS.map((k) => ({ value: k, label: t(`capital.financingKind.${k}`) }))} data-testid="product-kind" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="minYuan" label={t('capital.products.minYuan')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: 180 }} data-testid="product-min" /></Form.Item>
            <Form.Item name="maxYuan" label={t('capital.products.maxYuan')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: 180 }} data-testid="product-max" /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="minRateBp" label={t('capital.products.minRateBp')} rules={[{ required: true }]}><InputNumber min={1} max={10000} /></Form.Item>
            <Form.Item name="maxRateBp" label={t('capital.products.maxRateBp')} rules={[{ required: true }]}><InputNumber min={1} max={10000} /></Form.Item>
            <Form.Item name="minTermDays" label={t('capital.products.minTermDays')} rules={[{ required: true }]}><InputNumber min={1} max={3650} /></Form.Item>
            <Form.Item name="maxTermDays" label={t('capital.products.maxTermDays')} rules={[{ required: true }]}><InputNumber min={1} max={3650} /></Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="isNationwide" label={t('capital.products.nationwide')} valuePropName="checked"><Switch /></Form.Item>
            <Form.Item name="regionCode" label={t('capital.products.regions')}><RegionCascader style={{ width: 320 }} /></Form.Item>
          </Space>
          <Typography.Title level={5}>{t('capital.products.rules')}</Typography.Title>
          <Space wrap>
            <Form.Item name="minCreditScore" label={t('capital.products.minCreditScore')}><InputNumber min={0} max={100} /></Form.Item>
            <Form.Item name="minYears" label={t('capital.products.minYears')}><InputNumber min={0} max={100} precision={0} /></Form.Item>
            <Form.Item name="minReceivablesYuan" label={t('capital.products.minReceivablesYuan')}><InputNumber min={0} precision={2} style={{ width: 180 }} /></Form.Item>
          </Space>
          <Form.Item name="sizes" label={t('capital.products.sizes')}>
            <Select mode="multiple" allowClear options={SIZES.map((s) => ({ value: s, label: t(`size.${s}`) }))} />
          </Form.Item>
          <Form.Item name="tierAtLeast" label={t('capital.products.tierAtLeast')}>
            <Select allowClear options={TIER_LEVELS.map((l) => ({ value: l, label: t(`capital.products.tier.${l}`) }))} />
          </Form.Item>
          <Form.Item name="isNoOpenComplaints" label={t('capital.products.noOpenComplaints')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="description" label={t('capital.products.description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </Form>
      </Drawer>
    </div>
  );
}
