import { App as AntApp, Button, Card, Empty, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { NOTE_MAX, type MatchView, type RfqView } from '../../contracts/deals';
import type { EnterpriseMatch, NeedView } from '../../contracts/matching';
import { useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { errorMessage } from '../lib/problem';
import { useInvite, useMatchList, useRfqList } from '../queries/deals';
import { MatchActions } from './MatchActions';
import { MatchStageTag, RfqStatusTag, Yuan } from './MatchStageTag';
import { RfqCreateModal } from './RfqCreateModal';

/** The buyer side of a need: its matches by supplier and its RFQs (owner and gov in scope). */
export function useNeedDeals(need: NeedView | undefined, enabled: boolean) {
  const matches = useMatchList({ needId: need?.id, side: undefined }, { limit: 200 }, enabled && Boolean(need));
  const rfqs = useRfqList({ needId: need?.id }, { limit: 50 }, enabled && Boolean(need));
  const bySupplier = new Map((matches.data?.items ?? []).map((m) => [m.supplierUscc, m]));
  return { matches, rfqs, bySupplier };
}

/** A candidate's stage, or the invite button (published needs, the owner side) that opens a message box. */
export function CandidateInvite({ need, candidate, match, canInvite }: { need: NeedView; candidate: Pick<EnterpriseMatch, 'uscc' | 'name'>; match: MatchView | undefined; canInvite: boolean }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const invite = useInvite(need.id);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ message?: string }>();
  if (match) return <MatchStageTag stage={match.stage} />;
  if (!canInvite || need.status !== 'published') return <MatchStageTag stage="recommended" />;
  return (
    <>
      <Button size="small" type="primary" ghost onClick={() => setOpen(true)} data-testid="candidate-invite">
        {t('deals.action.invite')}
      </Button>
      <Modal
        open={open}
        title={t('deals.invite.title', { name: candidate.name })}
        onCancel={() => setOpen(false)}
        onOk={() =>
          invite.mutate(
            { uscc: candidate.uscc, message: form.getFieldValue('message') || undefined },
            {
              onSuccess: () => {
                message.success(t('deals.invite.sent'));
                setOpen(false);
              },
              onError: (err) => message.error(errorMessage(err, t)),
            },
          )
        }
        confirmLoading={invite.isPending}
        okButtonProps={{ 'data-testid': 'candidate-invite-confirm' } as Record<`data-${string}`, string>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="message" label={t('deals.invite.message')}>
            <Input.TextArea rows={3} maxLength={NOTE_MAX} placeholder={t('deals.invite.messageHint')} data-testid="candidate-invite-message" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The need's invited suppliers with their stage and actions, and its RFQs; the "open an RFQ" button. */
export function NeedDealsCard({ need, candidates, deals, canAct }: { need: NeedView; candidates: EnterpriseMatch[]; deals: ReturnType<typeof useNeedDeals>; canAct: boolean }) {
  const t = useT();
  const lang = useLang();
  const [isCreating, setCreating] = useState(false);
  const matches = deals.matches.data?.items ?? [];
  const rfqs = deals.rfqs.data?.items ?? [];
  return (
    <Card
      title={t('deals.needMatches.title')}
      style={{ marginBottom: 16 }}
      data-testid="need-deals"
      extra={
        canAct && need.status === 'published' ? (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="rfq-create-button">
            {t('deals.rfq.create')}
          </Button>
        ) : null
      }
    >
      {matches.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('deals.candidates.inviteHint')} />
      ) : (
        <Table<MatchView>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={matches}
          data-testid="need-matches-table"
          columns={[
            { title: t('deals.field.supplier'), dataIndex: 'supplierName' },
            { title: t('deals.field.stage'), dataIndex: 'stage', width: 90, render: (_: unknown, m) => <MatchStageTag stage={m.stage} /> },
            {
              title: t('deals.field.amount'),
              key: 'deal',
              width: 150,
              render: (_: unknown, m) => (m.deal ? <Yuan fen={m.deal.amountFen} /> : m.declineReason ? t(`deals.reason.${m.declineReason}`) : '—'),
            },
            { title: '', key: 'actions', width: 170, render: (_: unknown, m) => <MatchActions match={m} /> },
          ]}
        />
      )}
      {rfqs.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('deals.rfq.list')}
          </Typography.Title>
          <Space direction="vertical" style={{ width: '100%' }} data-testid="need-rfqs">
            {rfqs.map((r: RfqView) => (
              <Space key={r.id} wrap>
                <RfqStatusTag rfq={r} />
                <Link to={`/matching/rfqs/${r.id}`}>{r.title}</Link>
                <Typography.Text type="secondary">
                  {t('deals.rfq.deadline')} {formatDateTime(lang, r.deadlineAt)}
                </Typography.Text>
                {r.quoteCount !== null && <Typography.Text type="secondary">{t('deals.rfq.quoteCount', { n: r.quoteCount })}</Typography.Text>}
              </Space>
            ))}
          </Space>
        </>
      )}
      {isCreating && <RfqCreateModal need={need} candidates={candidates} open={isCreating} onClose={() => setCreating(false)} />}
    </Card>
  );
}
