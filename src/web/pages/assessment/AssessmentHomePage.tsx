import { AppstoreOutlined, BarChartOutlined, FileSearchOutlined, FundOutlined, RiseOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useT, type MessageKey } from '../../i18n';
import { canManageEnterprises } from '../../lib/access';
import { useCurrentUser } from '../../queries/auth';

function EntryCard({ to, icon, title, text, testId }: { to: string; icon: ReactNode; title: MessageKey; text: MessageKey; testId: string }) {
  const t = useT();
  return (
    <Col xs={24} md={12} xl={8}>
      <Link to={to} data-testid={testId}>
        <Card hoverable>
          <Space align="start">
            <span style={{ fontSize: 28, color: '#1677ff' }}>{icon}</span>
            <div>
              <Typography.Title level={5} style={{ marginTop: 0 }}>{t(title)}</Typography.Title>
              <span className="muted">{t(text)}</span>
            </div>
          </Space>
        </Card>
      </Link>
    </Col>
  );
}

/** 评价诊断: the entries of the assessment module for the user's role. */
export function AssessmentHomePage() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [uscc, setUscc] = useState('');
  const own = user.org?.uscc ?? null;
  const isGov = canManageEnterprises(user);
  return (
    <div data-testid="assessment-home">
      <PageHeader title={t('as.title')} subTitle={t('as.subtitle')} />
      <Row gutter={[16, 16]}>
        {own ? <EntryCard to={`/assessment/gradient/${own}`} icon={<RiseOutlined />} title="as.card.gradient" text="as.card.gradient.text" testId="as-card-gradient" /> : null}
        {own ? <EntryCard to={`/assessment/digital/${own}`} icon={<FundOutlined />} title="as.card.digital" text="as.card.digital.text" testId="as-card-digital" /> : null}
        {isGov ? <EntryCard to="/assessment/screening" icon={<FileSearchOutlined />} title="as.card.screening" text="as.card.screening.text" testId="as-card-screening" /> : null}
        {isGov ? <EntryCard to="/assessment/stats" icon={<BarChartOutlined />} title="as.card.stats" text="as.card.stats.text" testId="as-card-stats" /> : null}
        <EntryCard to="/assessment/solutions" icon={<AppstoreOutlined />} title="as.card.solutions" text="as.card.solutions.text" testId="as-card-solutions" />
      </Row>
      {isGov ? (
        <Card size="small" style={{ marginTop: 16 }} title={t('as.evaluateOne')}>
          <Space.Compact style={{ width: 460 }}>
            <Input data-testid="as-uscc" placeholder={t('as.usccPlaceholder')} value={uscc} onChange={(e) => setUscc(e.target.value.trim())} />
            <Button type="primary" disabled={uscc.length !== 18} onClick={() => navigate(`/assessment/gradient/${uscc}?step=2`)}>{t('as.evaluate')}</Button>
          </Space.Compact>
        </Card>
      ) : null}
    </div>
  );
}
