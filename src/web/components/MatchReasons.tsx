import { Progress, Space, Tag, Typography } from 'antd';
import { MATCH_FEATURE_WEIGHTS, type MatchReason } from '../../contracts/matching';
import { useT } from '../i18n';

/** "为什么推荐": each feature's contribution to the score as a bar, its explanation and the matched terms. */
export function MatchReasons({ reasons }: { reasons: MatchReason[] }) {
  const t = useT();
  const terms = reasons.find((r) => r.feature === 'text')?.terms ?? [];
  return (
    <div data-testid="match-reasons" className="match-reasons">
      {reasons.map((reason) => (
        <div key={reason.feature} style={{ display: 'grid', gridTemplateColumns: '100px 140px 1fr', gap: 8, alignItems: 'center' }}>
          <Typography.Text>{t(`matching.feature.${reason.feature}`)}</Typography.Text>
          <Progress percent={Math.round((reason.contribution / MATCH_FEATURE_WEIGHTS[reason.feature]) * 100)} size="small" format={() => `+${(reason.contribution * 100).toFixed(1)}`} />
          <Typography.Text type="secondary">{reason.detail}</Typography.Text>
        </div>
      ))}
      {terms.length > 0 && (
        <Space size={[4, 4]} wrap style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('matching.match.terms')}：</Typography.Text>
          {terms.map((term) => (
            <Tag key={term} color={term.includes('→') ? 'purple' : 'blue'}>
              {term}
            </Tag>
          ))}
        </Space>
      )}
    </div>
  );
}
