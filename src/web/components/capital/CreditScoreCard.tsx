import { Alert, Card, Progress, Statistic, Table, Tag, Typography } from 'antd';
import type { CreditFactorView, CreditScoreView } from '../../../contracts/capital';
import { useT } from '../../i18n';
import { ProblemAlert } from '../ProblemAlert';
import { useCreditScore } from '../../queries/capital';

const GRADE_COLOR: Record<CreditScoreView['grade'], string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/** An enterprise's credit score with each factor's fact, weight and points (the weights are ours: said on the card). */
export function CreditScoreCard({ uscc }: { uscc: string }) {
  const t = useT();
  const score = useCreditScore(uscc);
  if (score.error) return <ProblemAlert error={score.error} />;
  const s = score.data;
  return (
    <Card loading={score.isLoading} data-testid="credit-score-card" title={s ? `${s.enterprise.name}` : undefined} extra={s ? <Typography.Text type="secondary">{t('capital.credit.asOf', { date: s.asOf })}</Typography.Text> : null}>
      {s ? (
        <>
          <div style={{ display: 'flex', gap: 48, alignItems: 'center', marginBottom: 16 }}>
            <Statistic title={t('capital.credit.score')} value={s.score} precision={1} suffix="/ 100" valueStyle={{ fontSize: 36 }} />
            <div>
              <Typography.Text type="secondary">{t('capital.credit.grade')}</Typography.Text>
              <div>
                <Tag color={GRADE_COLOR[s.grade]} style={{ fontSize: 20, padding: '4px 12px' }} data-testid="credit-grade">
                  {s.grade}
                </Tag>
              </div>
            </div>
          </div>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('capital.credit.weightsOurs')} />
          <Table<CreditFactorView>
            data-testid="credit-factors"
            rowKey="factor"
            size="small"
            pagination={false}
            dataSource={s.factors}
            columns={[
              { title: t('capital.credit.factor'), dataIndex: 'factor', width: 140, render: (f: CreditFactorView['factor']) => t(`capital.creditFactor.${f}`) },
              { title: t('capital.credit.value'), dataIndex: 'value', width: 200 },
              {
                title: t('capital.credit.points'),
                key: 'points',
                width: 220,
                render: (_, f) => (
                  <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                    <Progress percent={f.maxPoints ? (f.points / f.maxPoints) * 100 : 0} showInfo={false} size="small" style={{ width: 100, margin: 0 }} />
                    <span>
                      {f.points} / {f.maxPoints}
                    </span>
                  </div>
                ),
              },
              { title: t('capital.credit.explanation'), dataIndex: 'explanation' },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
