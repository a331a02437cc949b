import { List, Space, Tag } from 'antd';
import { Link } from 'react-router';
import type { NextStep } from '../../../contracts/assessment';
import { useT } from '../../i18n';

const KIND_COLOURS: Record<NextStep['kind'], string> = { guide: 'default', gradient: 'purple', solution: 'blue', resource: 'cyan', challenge: 'orange', expert: 'green', financing: 'gold' };

/** Next steps of an assessment: guidance and listings recommended by the matching engine, each with why. */
export function NextStepsList({ steps, testId }: { steps: readonly NextStep[]; testId?: string }) {
  const t = useT();
  return (
    <List size="small" data-testid={testId} dataSource={[...steps]} locale={{ emptyText: t('as.next.none') }} renderItem={(s) => (
      <List.Item>
        <Space direction="vertical" size={0}>
          <Space wrap>
            <Tag color={KIND_COLOURS[s.kind]}>{t(`as.dg.kind.${s.kind}`)}</Tag>
            {s.link ? <Link to={s.link}>{s.title}</Link> : <span>{s.title}</span>}
            {s.score != null && s.score > 0 ? <Tag>{t('as.next.relevance')} {s.score.toFixed(2)}</Tag> : null}
          </Space>
          <span className="muted">{s.detail}</span>
          {s.reason ? <span className="muted" data-testid="next-step-reason">{t('as.next.why')}{s.reason}</span> : null}
        </Space>
      </List.Item>
    )} />
  );
}
