import { App as AntApp, Alert, Button, Card, Drawer, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { FinancingRequestView } from '../../contracts/capital';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { CreditScoreCard } from '../components/capital/CreditScoreCard';
import { FinanceNav } from '../components/capital/FinanceNav';
import { toFen, yuan } from '../components/capital/money';
import { useLang, useT } from '../i18n';
import { useCursorPages } from '../lib/useCursorPages';
import { useCurrentUser } from '../queries/auth';
import { useFinancingAction, useFinancingRequests } from '../queries/capital';

const PAGE_SIZE = 20;

/** 融资对接: an SME's requests and the offers on them; a bank's workbench (requests addressed to it or open to all, with the obligor's payment conduct). */
export function FinancingPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const isBank = user.org?.kind === 'bank';
  const pages = useCursorPages();
  const list = useFinancingRequests({ cursor: pages.cursor, limit: PAGE_SIZE });
  const act = useFinancingAction();
  const [offering, setOffering] = useState<FinancingRequestView>();
  const [offer, setOffer] = useState<{ rateBp: number | null; amountYuan: number | null; termDays: number | null }>({ rateBp: 365, amountYuan: null, termDays: 90 });
  const [error, setError] = useState<unknown>();
  const [scoreOf, setScoreOf] = useState<string>();

  const run = async (action: Parameters<typeof act.mutateAsync>[0]) => {
    setError(undefined);
    try {
      await act.mutateAsync(action);
      message.success(t('capital.vouchers.done'));
      setOffering(undefined);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div data-testid="financing-page">
      <FinanceNav />
      <PageHeader title={t(isBank ? 'capital.financing.bankTitle' : 'capital.financing.title')} subTitle={t('capital.financing.subtitle')} />
      {error && !offering ? <ProblemAlert error={error} /> : null}
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        <Table<FinancingRequestView>
          data-testid="financing-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('capital.financing.empty') }}
          scroll={{ x: 1400 }}
          expandable={{
            rowExpandable: (r) => r.offers.length > 0,
            expandedRowRender: (r) => (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={r.offers}
                columns={[
                  { title: t('capital.vouchers.bank'), dataIndex: ['bank', 'name'] },
                  { title: t('capital.financing.rate'), dataIndex: 'rateBp', render: (bp: number) => `${(bp / 100).toFixed(2)}%` },
                  { title: t('capital.field.amount'), dataIndex: 'amountFen', render: (fen: number) => yuan(lang, fen) },
                  { title: t('capital.financing.term'), dataIndex: 'termDays' },
                  { title: t('capital.field.state'), dataIndex: 'status', render: (s: string) => t(`capital.offerStatus.${s as 'offered'}`) },
                  {
                    title: '',
                    key: 'accept',
                    render: (_, o) =>
                      !isBank && r.status === 'open' && o.status === 'offered' ? (
                        <Button size="small" type="primary" onClick={() => void run({ kind: 'accept', id: r.id, offerId: o.id })} data-testid="offer-accept">
                          {t('capital.financing.accept')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            ),
          }}
          columns={[
            // Key columns first (applicant, score, status, addressee, amount), so that they show at 1440 px without scrolling.
            { title: '#', dataIndex: 'id', width: 56 },
            { title: t('capital.financing.applicant'), dataIndex: ['applicant', 'name'], width: 200, ellipsis: true },
            {
              title: t('capital.credit.applicantScore'),
              key: 'applicantScore',
              width: 130,
              render: (_, r) => (
                <Button size="small" type="link" onClick={() => setScoreOf(r.applicant.uscc)} data-testid="applicant-score">
                  {r.applicantScore.grade} · {r.applicantScore.score}
                </Button>
              ),
            },
            { title: t('capital.field.state'), dataIndex: 'status', width: 90, render: (s: FinancingRequestView['status']) => <Tag>{t(`capital.financingStatus.${s}`)}</Tag> },
            { title: t('capital.financing.addressed'), key: 'bank', width: 160, ellipsis: true, render: (_, r) => r.bank?.name ?? t('capital.financing.openToAll') },
            { title: t('capital.field.amount'), dataIndex: 'amountFen', width: 130, align: 'right', render: (fen: number) => yuan(lang, fen) },
            { title: t('capital.financing.term'), dataIndex: 'termDays', width: 80, align: 'right' },
            {
              title: t('capital.financing.kind'), dataIndex: 'kind', width: 150,
              render: (k: FinancingRequestView['kind'], r) => (
                <span>
                  {t(`capital.financingKind.${k}`)}
                  {r.product ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="financing-product">{r.product.name}</Typography.Text> : null}
                </span>
              ),
            },
            {
              title: t('capital.vouchers.obligor'),
              key: 'obligor',
              width: 240,
              render: (_, r) =>
                r.obligor ? (
                  <span>
                    {r.obligor.name}{' '}
                    {r.isObligorFlagged ? <Tag color="red">{t('capital.financing.flagged', { share: ((r.obligorShareLate ?? 0) * 100).toFixed(0) })}</Tag> : null}
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: '',
              key: 'actions',
              width: 110,
              fixed: 'right',
              render: (_, r) =>
                isBank && r.status === 'open' && r.offers.length === 0 ? (
                  <Button size="small" onClick={() => { setOffer({ rateBp: 365, amountYuan: r.amountFen / 100, termDays: r.termDays }); setOffering(r); }} data-testid="financing-offer">
                    {t('capital.financing.offer')}
                  </Button>
                ) : null,
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      <Drawer open={Boolean(scoreOf)} width={900} title={t('capital.credit.title')} onClose={() => setScoreOf(undefined)} destroyOnHidden data-testid="applicant-score-drawer">
        {scoreOf ? <CreditScoreCard uscc={scoreOf} /> : null}
      </Drawer>
      <Modal
        open={Boolean(offering)}
        title={t('capital.financing.offer')}
        onCancel={() => setOffering(undefined)}
        destroyOnHidden
        onOk={() => offering && void run({ kind: 'offer', id: offering.id, body: { rateBp: offer.rateBp ?? 0, amountFen: toFen(offer.amountYuan ?? 0), termDays: offer.termDays ?? 0 } })}
      >
        {error ? <ProblemAlert error={error} /> : null}
        {offering?.isObligorFlagged ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('capital.financing.flagHint')} /> : null}
        <Space direction="vertical">
          <Typography.Text>{t('capital.financing.rate')}（bp）</Typography.Text>
          <InputNumber min={1} max={10000} value={offer.rateBp} onChange={(v) => setOffer({ ...offer, rateBp: v })} />
          <Typography.Text>{t('capital.field.amount')}</Typography.Text>
          <InputNumber min={0.01} precision={2} value={offer.amountYuan} onChange={(v) => setOffer({ ...offer, amountYuan: v })} style={{ width: 200 }} />
          <Typography.Text>{t('capital.financing.term')}</Typography.Text>
          <InputNumber min={1} max={3650} value={offer.termDays} onChange={(v) => setOffer({ ...offer, termDays: v })} />
        </Space>
      </Modal>
    </div>
  );
}
