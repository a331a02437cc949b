import { Card, List, Progress, Space, Tag, Typography } from 'antd';
import type { RiskFactor } from '../../contracts/risk';
import { useT, type MessageKey } from '../i18n';
import { useRiskScore } from '../queries/risk';
import { LEVEL_COLOURS, riskLevelKey } from './RiskTags';

const factorKey = (factor: RiskFactor): MessageKey => `risk.score.factor.${factor}`;
const PROGRESS_COLOURS = { low: '#52c41a', medium: '#fa8c16', high: '#f5222d' } as const;

/** The composite risk score of an enterprise with each factor's points and reasons (hidden when not visible). */
export function RiskScoreCard({ uscc }: { uscc: string }) {
  const t = useT();
  const score = useRiskScore(uscc);
  if (score.error || (!score.isPending && !score.data)) {
    return null;
  }
  const data = score.data;
  return (
    <Card title={t('risk.score.title')} className="detail-card" loading={score.isPending} data-testid="risk-score-card">
      {data && (
        <>
          <Space align="center" size="large" style={{ marginBottom: 8 }}>
            <Progress type="dashboard" size={110} percent={data.score} strokeColor={PROGRESS_COLOURS[data.level]} format={() => <span data-testid="risk-score-value">{Math.round(data.score)}</span>} />
            <Tag color={LEVEL_COLOURS[data.level]} data-testid="risk-score-level">
              {t(riskLevelKey(data.level))}
            </Tag>
          </Space>
          <List
            size="small"
            dataSource={data.factors}
            renderItem={(factor) => (
              <List.Item key={factor.key}>
                <div style={{ width: '100%' }}>
                  <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Typography.Text strong>{t(factorKey(factor.key))}</Typography.Text>
                    <span className="muted">
                      {t('risk.score.points', { n: factor.contribution })} · {t('risk.score.weight', { w: factor.weight })}
                    </span>
                  </Space>
                  {factor.reasons.map((reason) => (
                    <div key={reason} className="muted">
                      {reason}
                    </div>
                  ))}
                </div>
              </List.Item>
            )}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('risk.score.note')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
