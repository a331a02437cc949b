import { CloudUploadOutlined, DatabaseOutlined, RightOutlined, ShopOutlined, TeamOutlined, ToolOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { UserView } from '../../contracts/auth';
import { ENTERPRISE_TAGS, type EnterpriseTag } from '../../contracts/enterprises';
import { TAG_COLORS } from '../components/EnterpriseTags';
import { roleKey, tagKey, useT, type MessageKey } from '../i18n';
import { canManageEnterprises, canManageUsers } from '../lib/access';
import { useCurrentUser } from '../queries/auth';
import { useEnterpriseCount } from '../queries/enterprises';

const INTRO_KEYS: Record<UserView['role'], MessageKey> = {
  platform_admin: 'home.intro.platform_admin',
  gov: 'home.intro.gov',
  member: 'home.intro.member',
  expert: 'home.intro.expert',
};

/** Role-aware welcome: who you are, what is in your scope, where to go next. */
export function HomePage() {
  const t = useT();
  const user = useCurrentUser();
  const scope = user.role === 'gov' ? user.regionName : null;
  return (
    <div className="home-page" data-testid="home-page">
      <Card className="home-welcome">
        <Typography.Title level={3} className="home-greeting">
          {t('home.greeting', { name: user.displayName || user.username })}
          <Tag color="blue" className="home-role">
            {t(roleKey(user.role))}
          </Tag>
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="home-intro">
          {t(INTRO_KEYS[user.role])}
        </Typography.Paragraph>
        {scope ? <div className="home-scope">{t('home.scope', { scope })}</div> : null}
        {user.org ? <div className="home-scope">{t('home.org', { org: user.org.name })}</div> : null}
      </Card>
      {canManageEnterprises(user) && <EnterpriseStats />}
      <Typography.Title level={5} className="section-title">
        {t('home.whatYouCanDo')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {linksFor(user).map((link) => (
          <Col key={link.to ?? link.titleKey} xs={24} md={12} xl={8}>
            <QuickLink {...link} />
          </Col>
        ))}
      </Row>
    </div>
  );
}

/** Counts of enterprises in the user's scope, in total and per tag (each links to the filtered list). */
function EnterpriseStats() {
  const t = useT();
  return (
    <>
      <Typography.Title level={5} className="section-title">
        {t('home.stats')}
      </Typography.Title>
      <Row gutter={[16, 16]} data-testid="home-stats">
        <Col xs={24} sm={12} xl={4}>
          <CountCard label={t('home.totalInScope')} to="/enterprises" isPrimary />
        </Col>
        {ENTERPRISE_TAGS.map((tag) => (
          <Col key={tag} xs={12} sm={12} xl={4}>
            <CountCard label={t(tagKey(tag))} tag={tag} to={`/enterprises?tag=${tag}`} />
          </Col>
        ))}
      </Row>
    </>
  );
}

function CountCard({ label, tag, to, isPrimary }: { label: string; tag?: EnterpriseTag; to: string; isPrimary?: boolean }) {
  const count = useEnterpriseCount(tag ? { tag } : {});
  return (
    <Link to={to}>
      <Card hoverable className={isPrimary ? 'stat-card stat-card-primary' : 'stat-card'} data-testid={`stat-${tag ?? 'total'}`}>
        {count.isPending ? (
          <Skeleton active paragraph={false} />
        ) : (
          <Statistic
            title={tag ? <Tag color={TAG_COLORS[tag]}>{label}</Tag> : label}
            value={count.isError ? '—' : count.data}
            classNames={isPrimary ? { title: 'stat-on-primary', content: 'stat-on-primary' } : undefined}
          />
        )}
      </Card>
    </Link>
  );
}

interface QuickLinkProps {
  titleKey: MessageKey;
  descriptionKey: MessageKey;
  icon: ReactNode;
  /** Route; a link without one is a “coming soon” note. */
  to?: string;
}

function linksFor(user: UserView): QuickLinkProps[] {
  const links: QuickLinkProps[] = [];
  if (canManageEnterprises(user)) {
    links.push(
      { titleKey: 'menu.enterprises', descriptionKey: 'home.link.enterprises', icon: <DatabaseOutlined />, to: '/enterprises' },
      { titleKey: 'menu.import', descriptionKey: 'home.link.import', icon: <CloudUploadOutlined />, to: '/import' },
    );
  }
  if (canManageUsers(user)) {
    links.push({ titleKey: 'menu.users', descriptionKey: 'home.link.users', icon: <TeamOutlined />, to: '/users' });
  }
  if (user.role === 'member') {
    links.push(
      user.org?.uscc
        ? { titleKey: 'menu.myEnterprise', descriptionKey: 'home.link.myEnterprise', icon: <ShopOutlined />, to: `/enterprises/${user.org.uscc}` }
        : { titleKey: 'menu.myEnterprise', descriptionKey: 'home.noOrg', icon: <ShopOutlined /> },
    );
  }
  if (user.role === 'expert') {
    links.push({ titleKey: 'role.expert', descriptionKey: 'home.link.expertSoon', icon: <ToolOutlined /> });
  }
  return links;
}

function QuickLink({ titleKey, descriptionKey, icon, to }: QuickLinkProps) {
  const t = useT();
  const card = (
    <Card hoverable={Boolean(to)} className="quick-link">
      <div className="quick-link-icon">{icon}</div>
      <div className="quick-link-body">
        <div className="quick-link-title">{t(titleKey)}</div>
        <div className="quick-link-description">{t(descriptionKey)}</div>
      </div>
      {to ? <RightOutlined className="quick-link-arrow" /> : null}
    </Card>
  );
  return to ? (
    <Link to={to} data-testid={`quick-${titleKey}`}>
      {card}
    </Link>
  ) : (
    card
  );
}
