import { App as AntApp, Button, Card, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { CREDIT_FACTORS, type CreditFactor } from '../../contracts/capital';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { CreditScoreCard } from '../components/capital/CreditScoreCard';
import { FinanceNav } from '../components/capital/FinanceNav';
import { useT } from '../i18n';
import { useCurrentUser } from '../queries/auth';
import { useCreditWeights, useUpdateCreditWeights } from '../queries/capital';

/** 信用评分: an enterprise member sees its own scorecard; gov users and admins look one up by USCC; admins set the (⚠️ our) weights. */
export function CreditScorePage() {
  const t = useT();
  const user = useCurrentUser();
  const isGov = user.role === 'gov' || user.role === 'platform_admin';
  const [uscc, setUscc] = useState<string | undefined>(isGov ? undefined : (user.org?.uscc ?? undefined));
  return (
    <div data-testid="credit-score-page">
      <FinanceNav />
      <PageHeader title={t('capital.credit.title')} subTitle={t('capital.credit.subtitle')} extra={user.role === 'platform_admin' ? <WeightsButton /> : null} />
      {isGov ? (
        <Card style={{ marginBottom: 16 }}>
          <Input.Search data-testid="credit-lookup" placeholder={t('capital.credit.lookup')} enterButton onSearch={(v) => setUscc(v.trim().toUpperCase() || undefined)} style={{ maxWidth: 420 }} />
        </Card>
      ) : null}
      {uscc ? <CreditScoreCard uscc={uscc} /> : null}
    </div>
  );
}

function WeightsButton() {
  const t = useT();
  const { message } = AntApp.useApp();
  const current = useCreditWeights();
  const update = useUpdateCreditWeights();
  const [draft, setDraft] = useState<Record<CreditFactor, number>>();
  const sum = draft ? CREDIT_FACTORS.reduce((s, f) => s + (draft[f] ?? 0), 0) : 0;
  return (
    <>
      <Button onClick={() => { update.reset(); setDraft(current.data?.weights); }} disabled={!current.data} data-testid="credit-weights-edit">
        {t('capital.credit.weights')}
      </Button>
      <Modal
        open={Boolean(draft)}
        title={t('capital.credit.weights')}
        onCancel={() => setDraft(undefined)}
        confirmLoading={update.isPending}
        onOk={() => draft && update.mutate({ weights: draft }, { onSuccess: () => { setDraft(undefined); message.success(t('capital.vouchers.done')); } })}
      >
        {update.error ? <ProblemAlert error={update.error} /> : null}
        <Typography.Paragraph type="secondary">{t('capital.credit.weightsOurs')}</Typography.Paragraph>
        <Space direction="vertical">
          {CREDIT_FACTORS.map((f) => (
            <Space key={f}>
              <span style={{ display: 'inline-block', width: 140 }}>{t(`capital.creditFactor.${f}`)}</span>
              <InputNumber min={0} max={100} precision={0} value={draft?.[f]} onChange={(v) => draft && setDraft({ ...draft, [f]: v ?? 0 })} />
            </Space>
          ))}
          <Typography.Text type={sum === 100 ? undefined : 'danger'}>{t('capital.credit.weightsSum', { sum })}</Typography.Text>
        </Space>
      </Modal>
    </>
  );
}
