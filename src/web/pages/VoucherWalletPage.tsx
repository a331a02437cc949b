import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { VOUCHER_STATUSES, type VoucherStatus, type VoucherView } from '../../contracts/capital';
import { CursorPager } from '../components/CursorPager';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { EnterprisePicker } from '../components/RiskSubjectPickers';
import { FinanceNav } from '../components/capital/FinanceNav';
import { toFen, yuan } from '../components/capital/money';
import { useLang, useT } from '../i18n';
import { useCursorPages } from '../lib/useCursorPages';
import { useCurrentUser } from '../queries/auth';
import { useFinancingAction, useVoucherAction, useVouchers } from '../queries/capital';

const PAGE_SIZE = 20;
const STATUS_COLORS: Record<VoucherStatus, string> = { held: 'green', split: 'default', transferred: 'blue', financed: 'purple' };
type Action = 'split' | 'transfer' | 'finance';

/** Split / transfer / finance one held part. */
function VoucherActionModal({ voucher, action, onClose }: { voucher: VoucherView; action: Action; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const mutate = useVoucherAction();
  const [parts, setParts] = useState<(number | null)[]>([null, null]);
  const [uscc, setUscc] = useState<string>();
  const [error, setError] = useState<unknown>();
  const sumFen = parts.reduce<number>((s, p) => s + toFen(p ?? 0), 0);

  const submit = async () => {
    setError(undefined);
    const body = action === 'split' ? { parts: parts.map((p) => toFen(p ?? 0)) } : action === 'transfer' ? { toUscc: uscc ?? '' } : { bankUscc: uscc ?? '' };
    try {
      await mutate.mutateAsync({ id: voucher.id, action, body });
      message.success(t('capital.vouchers.done'));
      onClose();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Modal open title={`${t(`capital.vouchers.${action}`)} · #${voucher.id}`} onCancel={onClose} onOk={() => void submit()} confirmLoading={mutate.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'voucher-action-ok' } as Record<`data-${string}`, string>}>
      {error ? <ProblemAlert error={error} /> : null}
      {action === 'split' ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="split-form">
          <Typography.Text>{t('capital.vouchers.splitParts', { amount: yuan(lang, voucher.amountFen) })}</Typography.Text>
          {parts.map((p, i) => (
            <Space key={i}>
              <InputNumber min={0.01} precision={2} value={p} onChange={(v) => setParts(parts.map((x, j) => (j === i ? v : x)))} style={{ width: 220 }} data-testid={`split-part-${i}`} />
              {parts.length > 2 && <MinusCircleOutlined onClick={() => setParts(parts.filter((_, j) => j !== i))} />}
            </Space>
          ))}
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setParts([...parts, null])} disabled={parts.length >= 20}>
              {t('capital.vouchers.addPart')}
            </Button>
            <Typography.Text type={sumFen === voucher.amountFen ? 'success' : 'danger'}>{t('capital.vouchers.partsSum', { sum: yuan(lang, sumFen) })}</Typography.Text>
          </Space>
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t(action === 'transfer' ? 'capital.vouchers.toUscc' : 'capital.vouchers.bankUscc')}</Typography.Text>
          <EnterprisePicker value={uscc} onChange={setUscc} data-testid="voucher-target" />
        </Space>
      )}
    </Modal>
  );
}

/** 凭证钱包: voucher parts held, owed or financed; holders split, transfer and finance held parts. */
export function VoucherWalletPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const [status, setStatus] = useState<VoucherStatus>();
  const pages = useCursorPages(status ?? '');
  const list = useVouchers(status, { cursor: pages.cursor, limit: PAGE_SIZE });
  const [acting, setActing] = useState<{ voucher: VoucherView; action: Action }>();
  const financing = useFinancingAction();
  const { message } = AntApp.useApp();
  const [requestError, setRequestError] = useState<unknown>();
  const requestFinancing = async (v: VoucherView) => {
    setRequestError(undefined);
    try {
      await financing.mutateAsync({ kind: 'request', body: { kind: 'receivable', voucherId: v.id, amountFen: v.amountFen, termDays: 90 } });
      message.success(t('capital.vouchers.requested'));
    } catch (err) {
      setRequestError(err);
    }
  };

  return (
    <div data-testid="voucher-wallet-page">
      <FinanceNav />
      <PageHeader title={t('capital.vouchers.title')} subTitle={t('capital.vouchers.subtitle')} />
      <Card className="filter-card" size="small">
        <Select
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t('capital.filter.status')}
          options={VOUCHER_STATUSES.map((s) => ({ value: s, label: t(`capital.voucherStatus.${s}`) }))}
          style={{ width: 160 }}
          data-testid="voucher-status-filter"
        />
      </Card>
      <Card className="table-card">
        {list.error ? <ProblemAlert error={list.error} /> : null}
        {requestError ? <ProblemAlert error={requestError} /> : null}
        <Table<VoucherView>
          data-testid="voucher-table"
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('capital.vouchers.empty') }}
          scroll={{ x: 1200 }}
          columns={[
            { title: '#', dataIndex: 'id', width: 70 },
            { title: t('capital.vouchers.root'), dataIndex: 'rootId', width: 80, render: (id: string) => `#${id}` },
            { title: t('capital.field.amount'), dataIndex: 'amountFen', width: 140, align: 'right', render: (fen: number) => yuan(lang, fen) },
            {
              title: t('capital.field.state'),
              dataIndex: 'status',
              width: 160,
              render: (s: VoucherStatus, v) => (
                <>
                  <Tag color={STATUS_COLORS[s]} data-testid={`voucher-status-${s}`}>{t(`capital.voucherStatus.${s}`)}</Tag>
                  {v.bank ? <Typography.Text type="secondary">{v.bank.name}</Typography.Text> : null}
                </>
              ),
            },
            {
              title: t('capital.vouchers.settled'),
              dataIndex: 'settledFen',
              width: 130,
              align: 'right',
              render: (fen: number, v) => (fen > 0 ? <Typography.Text type={fen === v.amountFen ? 'success' : undefined} data-testid="voucher-settled">{yuan(lang, fen)}</Typography.Text> : '—'),
            },
            { title: t('capital.field.dueOn'), dataIndex: 'dueOn', width: 110 },
            { title: t('capital.vouchers.obligor'), dataIndex: ['obligor', 'name'], width: 170 },
            { title: t('capital.vouchers.holder'), dataIndex: ['holder', 'name'], width: 170 },
            { title: t('capital.vouchers.origin'), dataIndex: 'origin', width: 100, render: (o: VoucherView['origin']) => t(`capital.voucherOrigin.${o}`) },
            {
              title: '',
              key: 'actions',
              width: 250,
              fixed: 'right',
              render: (_, v) =>
                v.status === 'held' && v.settledFen === 0 && (user.role === 'platform_admin' || user.org?.uscc === v.holder.uscc) ? (
                  <Space size="small">
                    {(['split', 'transfer', 'finance'] as const).map((action) => (
                      <Button key={action} size="small" onClick={() => setActing({ voucher: v, action })} data-testid={`voucher-${action}`}>
                        {t(`capital.vouchers.${action}`)}
                      </Button>
                    ))}
                    <Button size="small" type="link" onClick={() => void requestFinancing(v)} data-testid="voucher-request-financing">
                      {t('capital.financing.request')}
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
        <CursorPager pages={pages} nextCursor={list.data?.nextCursor} isFetching={list.isFetching} />
      </Card>
      {acting ? <VoucherActionModal voucher={acting.voucher} action={acting.action} onClose={() => setActing(undefined)} /> : null}
    </div>
  );
}
