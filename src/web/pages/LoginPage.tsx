import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { PASSWORD_MAX, USERNAME_MAX, type LoginBody } from '../../contracts/auth';
import { setLang, useLang, useT, type MessageKey } from '../i18n';
import { BrandMark } from '../layout/BrandMark';
import { errorMessage } from '../lib/problem';
import { useLogin } from '../queries/auth';

/** Demo accounts created by `npm start` on an empty data directory. */
const DEMO_ACCOUNTS: { username: string; labelKey: MessageKey }[] = [
  { username: 'admin', labelKey: 'login.demo.admin' },
  { username: 'gov_js', labelKey: 'login.demo.gov_js' },
  { username: 'gov_sz', labelKey: 'login.demo.gov_sz' },
  { username: 'gov_wx', labelKey: 'login.demo.gov_wx' },
  { username: 'leader', labelKey: 'login.demo.leader' },
  { username: 'sme', labelKey: 'login.demo.sme' },
  { username: 'expert', labelKey: 'login.demo.expert' },
];
const DEMO_PASSWORD = 'xieshou123';

/** Username/password sign-in; the server's message is shown on failure. */
export function LoginPage() {
  const t = useT();
  const lang = useLang();
  const [form] = Form.useForm<LoginBody>();
  const login = useLogin();

  return (
    <div className="login-page">
      <Button
        type="text"
        className="login-lang"
        icon={<GlobalOutlined />}
        onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
        data-testid="lang-switch"
      >
        {t('lang.switch')}
      </Button>
      <div className="login-hero">
        <BrandMark size={56} />
        <h1 className="login-product">{t('app.name')}</h1>
        <p className="login-tagline">{t('login.subtitle')}</p>
      </div>
      <Card className="login-card" title={t('login.title')}>
        {login.error ? (
          <Alert type="error" showIcon className="login-error" data-testid="login-error" title={t('login.failed')} description={errorMessage(login.error, t)} />
        ) : null}
        <Form<LoginBody> form={form} layout="vertical" size="large" onFinish={(values) => login.mutate(values)} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('common.required', { field: t('login.username') }) }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" maxLength={USERNAME_MAX} autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={PASSWORD_MAX} data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <div className="login-demo" data-testid="login-demo">
          <Typography.Text type="secondary">{t('login.demoTitle')}</Typography.Text>
          <div className="login-demo-list">
            {DEMO_ACCOUNTS.map((account) => (
              <Button
                key={account.username}
                size="small"
                type="link"
                title={t('login.demoHint')}
                onClick={() => form.setFieldsValue({ username: account.username, password: DEMO_PASSWORD })}
              >
                <code>{account.username}</code>
                <span className="muted">{t(account.labelKey)}</span>
              </Button>
            ))}
          </div>
        </div>
      </Card>
    </div>
  );
}
