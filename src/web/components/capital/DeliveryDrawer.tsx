import { App as AntApp, Alert, Button, Descriptions, Drawer, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useLang, useT } from '../../i18n';
import { todayInShanghai } from '../../lib/format';
import { useCurrentUser } from '../../queries/auth';
import { useAcceptDelivery, useConfirmVoucher, useCreatePayment, useDelivery } from '../../queries/capital';
import { ProblemAlert } from '../ProblemAlert';
import { ComplaintModal } from './ComplaintModal';
import { LatenessTag } from './LatenessTag';
import { toFen, yuan } from './money';

/** One delivery: legal due date with its reason, lateness, payments; the buyer accepts, either party records payments, the buyer confirms a voucher. */
export function DeliveryDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const delivery = useDelivery(id);
  const accept = useAcceptDelivery();
  const pay = useCreatePayment();
  const confirm = useConfirmVoucher();
  const [acceptedOn, setAcceptedOn] = useState(todayInShanghai());
  const [paidOn, setPaidOn] = useState(todayInShanghai());
  const [amountYuan, setAmountYuan] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const [complaining, setComplaining] = useState<string>();
  const d = delivery.data;
  const isBuyer = user.role === 'platform_admin' || (d !== undefined && user.org?.uscc === d.buyer.uscc);

  const run = async (action: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await action();
      message.success(done);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width={720}
      title={t('capital.delivery.title')}
      extra={
        <Button onClick={onClose} data-testid="delivery-close">
          {t('capital.delivery.close')}
        </Button>
      }
    >
      {delivery.error ? <ProblemAlert error={delivery.error} /> : null}
      {d ? (
        <div data-testid="delivery-drawer">
          <Descriptions column={2} size="small" bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label={t('capital.field.buyer')}>{d.buyer.name}</Descriptions.Item>
            <Descriptions.Item label={t('capital.field.supplier')}>{d.supplier.name}</Descriptions.Item>
            <Descriptions.Item label={t('capital.field.deliveredOn')}>{d.deliveredOn}</Descriptions.Item>
            <Descriptions.Item label={t('capital.field.invoicedOn')}>{d.invoicedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('capital.field.acceptedOn')}>{d.acceptedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('capital.field.amount')}>{yuan(lang, d.amountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('capital.field.owed')}>{yuan(lang, d.owedFen)}</Descriptions.Item>
            <Descriptions.Item label={t('capital.field.dueOn')}>
              <Typography.Text strong data-testid="delivery-due-on">
                {d.dueOn}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('capital.field.state')}>
              <LatenessTag row={d} />
            </Descriptions.Item>
            <Descriptions.Item label={t('capital.field.dueBasis')} span={2}>
              <span data-testid="delivery-due-basis">{d.dueBasis}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('capital.field.daysLate')}>{d.daysLate}</Descriptions.Item>
            <Descriptions.Item label={t('capital.field.interest')}>
              <span data-testid="delivery-interest">{yuan(lang, d.interestFen)}</span>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('capital.ledger.rounding')}
          </Typography.Paragraph>
          {error ? <ProblemAlert error={error} /> : null}
          {isBuyer && !d.acceptedOn ? (
            <Space style={{ marginTop: 12 }} wrap>
              <Input type="date" value={acceptedOn} onChange={(e) => setAcceptedOn(e.target.value)} style={{ width: 170 }} data-testid="accept-date" />
              <Button onClick={() => void run(() => accept.mutateAsync({ id: d.id, acceptedOn }), t('capital.delivery.accepted'))} loading={accept.isPending} data-testid="accept-button">
                {t('capital.delivery.accept')}
              </Button>
            </Space>
          ) : null}
          {d.owedFen > 0 && user.role !== 'gov' ? (
            <Space style={{ marginTop: 12, display: 'flex' }} wrap>
              <Input type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} style={{ width: 170 }} data-testid="pay-date" />
              <InputNumber min={0.01} precision={2} value={amountYuan} onChange={setAmountYuan} placeholder={t('capital.field.amount')} style={{ width: 180 }} data-testid="pay-amount" />
              <Button
                type="primary"
                disabled={!amountYuan}
                loading={pay.isPending}
                onClick={() => void run(() => pay.mutateAsync({ id: d.id, body: { paidOn, amountFen: toFen(amountYuan ?? 0) } }), t('capital.delivery.paidSaved'))}
                data-testid="pay-button"
              >
                {t('capital.delivery.pay')}
              </Button>
            </Space>
          ) : null}
          {d.voucherId ? (
            <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('capital.delivery.voucher', { id: d.voucherId })} />
          ) : isBuyer && d.owedFen > 0 ? (
            <Button style={{ marginTop: 12 }} onClick={() => void run(() => confirm.mutateAsync(d.id), t('capital.vouchers.done'))} loading={confirm.isPending} data-testid="confirm-voucher">
              {t('capital.delivery.confirmVoucher')}
            </Button>
          ) : null}
          {user.role === 'member' && user.org?.uscc === d.supplier.uscc && (d.isOverdue || d.daysLate > 0) ? (
            <Button danger style={{ marginTop: 12, marginLeft: 8 }} onClick={() => setComplaining(d.id)} data-testid="complaint-button">
              {t('capital.complaints.file')}
            </Button>
          ) : null}
          <ComplaintModal deliveryId={complaining} onClose={() => setComplaining(undefined)} />
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('capital.field.payments')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.payments}
            data-testid="payment-table"
            columns={[
              { title: t('capital.field.paidOn'), dataIndex: 'paidOn' },
              { title: t('capital.field.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => yuan(lang, fen) },
              { title: t('capital.field.daysLate'), dataIndex: 'daysLate', align: 'right' },
            ]}
          />
        </div>
      ) : null}
    </Drawer>
  );
}
