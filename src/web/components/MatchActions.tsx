import { App as AntApp, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space } from 'antd';
import { useState } from 'react';
import { DECLINE_REASONS, NOTE_MAX, type DeclineReason, type MatchView } from '../../contracts/deals';
import { useT } from '../i18n';
import { todayInShanghai } from '../lib/format';
import { errorMessage } from '../lib/problem';
import { useMatchAction, type MatchAction } from '../queries/deals';

interface DealForm {
  amountYuan: number;
  signedOn: string;
  note?: string;
}

interface DeclineForm {
  reason: DeclineReason;
  note?: string;
}

/** The buttons the caller's side may press on a match: accept (supplier, invited), decline and record a deal (either party). */
export function MatchActions({ match }: { match: MatchView }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const action = useMatchAction();
  const [open, setOpen] = useState<'deal' | 'decline' | null>(null);
  const [dealForm] = Form.useForm<DealForm>();
  const [declineForm] = Form.useForm<DeclineForm>();
  const reason = Form.useWatch('reason', declineForm);
  if (match.side === 'observer') return null;

  const run = (act: MatchAction) =>
    action.mutate(
      { id: match.id, action: act },
      {
        onSuccess: () => {
          message.success(t('deals.action.done'));
          setOpen(null);
        },
        onError: (err) => message.error(errorMessage(err, t)),
      },
    );
  const canDecline = match.stage === 'invited' || match.stage === 'negotiating';
  return (
    <Space wrap>
      {match.side === 'supplier' && match.stage === 'invited' && (
        <Popconfirm title={t('deals.action.confirmAccept')} onConfirm={() => run({ verb: 'accept' })}>
          <Button type="primary" size="small" loading={action.isPending} data-testid="match-accept">
            {t('deals.action.accept')}
          </Button>
        </Popconfirm>
      )}
      {match.stage === 'negotiating' && (
        <Button type="primary" size="small" onClick={() => setOpen('deal')} data-testid="match-deal">
          {t('deals.action.deal')}
        </Button>
      )}
      {canDecline && (
        <Button size="small" danger onClick={() => setOpen('decline')} data-testid="match-decline">
          {t('deals.action.decline')}
        </Button>
      )}
      <Modal
        open={open === 'deal'}
        title={`${t('deals.action.deal')} · ${match.side === 'buyer' ? match.supplierName : match.buyerName}`}
        onCancel={() => setOpen(null)}
        onOk={() => dealForm.validateFields().then((v) => run({ verb: 'deal', body: { amountFen: Math.round(v.amountYuan * 100), signedOn: v.signedOn, note: v.note || undefined } }))}
        confirmLoading={action.isPending}
        okButtonProps={{ 'data-testid': 'match-deal-confirm' } as Record<`data-${string}`, string>}
        destroyOnHidden
      >
        <Form form={dealForm} layout="vertical" initialValues={{ signedOn: todayInShanghai() }}>
          <Form.Item name="amountYuan" label={t('deals.deal.amount')} rules={[{ required: true, message: t('common.required', { field: t('deals.deal.amount') }) }]}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} data-testid="match-deal-amount" />
          </Form.Item>
          <Form.Item name="signedOn" label={t('deals.deal.signedOn')} rules={[{ required: true }]}>
            <Input type="date" max={todayInShanghai()} data-testid="match-deal-signed-on" />
          </Form.Item>
          <Form.Item name="note" label={t('deals.deal.note')}>
            <Input.TextArea rows={2} maxLength={NOTE_MAX} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={open === 'decline'}
        title={t('deals.action.decline')}
        onCancel={() => setOpen(null)}
        onOk={() => declineForm.validateFields().then((v) => run({ verb: 'decline', body: { reason: v.reason, note: v.note || undefined } }))}
        confirmLoading={action.isPending}
        okButtonProps={{ danger: true, ...({ 'data-testid': 'match-decline-confirm' } as Record<`data-${string}`, string>) }}
        destroyOnHidden
      >
        <Form form={declineForm} layout="vertical">
          <Form.Item name="reason" label={t('deals.decline.reason')} rules={[{ required: true, message: t('common.required', { field: t('deals.decline.reason') }) }]}>
            <Select data-testid="match-decline-reason" options={DECLINE_REASONS.map((r) => ({ value: r, label: t(`deals.reason.${r}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('deals.decline.note')} rules={[{ required: reason === 'other', message: t('deals.decline.noteRequired') }]}>
            <Input.TextArea rows={2} maxLength={NOTE_MAX} data-testid="match-decline-note" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
