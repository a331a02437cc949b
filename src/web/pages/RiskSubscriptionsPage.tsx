import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Form, Input, Popconfirm, Select, Table } from 'antd';
import { Link } from 'react-router';
import type { RiskSubscription, SubscriptionTarget } from '../../contracts/risk';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { EnterprisePicker } from '../components/RiskSubjectPickers';
import { useLang, useT, type MessageKey } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useCurrentUser } from '../queries/auth';
import { useChainList } from '../queries/chains';
import { useCreateRiskSubscription, useDeleteRiskSubscription, useRiskSubscriptions } from '../queries/risk';

const targetKey = (target: SubscriptionTarget): MessageKey => `risk.subs.target.${target}`;

interface AddForm {
  target: SubscriptionTarget;
  uscc?: string;
  chainId?: string;
}

/** 我的关注: what the user watches for risk alerts, and adding or removing a subscription. */
export function RiskSubscriptionsPage() {
  const t = useT();
  const lang = useLang();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const subscriptions = useRiskSubscriptions();
  const create = useCreateRiskSubscription();
  const remove = useDeleteRiskSubscription();
  const chains = useChainList({}, { limit: 200 });
  const [form] = Form.useForm<AddForm>();
  const target = Form.useWatch('target', form) ?? (user.role === 'member' ? 'suppliers' : 'enterprise');
  const targets: SubscriptionTarget[] = user.role === 'member' ? ['suppliers', 'enterprise', 'chain'] : ['enterprise', 'chain'];

  const add = (values: AddForm) =>
    create.mutate(
      { target: values.target, uscc: values.target === 'enterprise' ? values.uscc : undefined, chainId: values.target === 'chain' ? values.chainId : undefined },
      {
        onSuccess: () => {
          void message.success(t('risk.subs.added'));
          form.resetFields(['uscc', 'chainId']);
        },
      },
    );

  return (
    <div data-testid="risk-subscriptions-page">
      <PageHeader
        title={t('risk.subs.title')}
        subTitle={t('risk.subs.subtitle')}
        extra={
          <Link to="/alerts">
            <Button icon={<ArrowLeftOutlined />}>{t('risk.inbox')}</Button>
          </Link>
        }
      />
      <Card className="filter-card" size="small">
        {user.role === 'member' && <Alert type="info" showIcon title={t('risk.subs.memberHint')} style={{ marginBottom: 12 }} />}
        <Form<AddForm> form={form} layout="inline" onFinish={add} initialValues={{ target: targets[0] }} data-testid="risk-subscription-form">
          <Form.Item name="target" label={t('risk.subs.target')}>
            <Select<SubscriptionTarget> style={{ width: 240 }} options={targets.map((value) => ({ value, label: t(targetKey(value)) }))} data-testid="risk-subscription-target" />
          </Form.Item>
          {target === 'enterprise' && (
            <Form.Item name="uscc" label={t('risk.subs.enterprise')} rules={[{ required: true, message: t('common.required', { field: t('risk.subs.enterprise') }) }]}>
              {user.role === 'member' ? (
                <Input style={{ width: 320 }} maxLength={18} placeholder={t('risk.subs.usccPlaceholder')} data-testid="risk-subscription-uscc" />
              ) : (
                <EnterprisePicker data-testid="risk-subscription-enterprise" placeholder={t('risk.form.enterprisePlaceholder')} />
              )}
            </Form.Item>
          )}
          {target === 'chain' && (
            <Form.Item name="chainId" label={t('risk.subs.chain')} rules={[{ required: true, message: t('common.required', { field: t('risk.subs.chain') }) }]}>
              <Select
                style={{ width: 320 }}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('risk.subs.chainPlaceholder')}
                loading={chains.isFetching}
                options={(chains.data?.items ?? []).map((chain) => ({ value: String(chain.id), label: chain.name }))}
                data-testid="risk-subscription-chain"
              />
            </Form.Item>
          )}
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending} data-testid="risk-subscription-add">
              {t('risk.subs.add')}
            </Button>
          </Form.Item>
        </Form>
        {create.error ? <ProblemAlert error={create.error} /> : null}
      </Card>
      <Card className="table-card">
        {subscriptions.error ? <ProblemAlert error={subscriptions.error} /> : null}
        <Table<RiskSubscription>
          data-testid="risk-subscription-table"
          rowKey="id"
          size="middle"
          loading={subscriptions.isFetching}
          dataSource={subscriptions.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('risk.subs.empty') }}
          columns={[
            { title: t('risk.subs.target'), dataIndex: 'target', width: 240, render: (value: SubscriptionTarget) => t(targetKey(value)) },
            {
              title: t('risk.col.subject'),
              key: 'what',
              render: (_: unknown, row) => row.enterprise?.name ?? row.chain?.name ?? user.org?.name ?? '',
            },
            { title: t('risk.subs.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(lang, at) },
            {
              title: '',
              key: 'actions',
              width: 120,
              render: (_: unknown, row) => (
                <Popconfirm title={t('risk.subs.remove')} onConfirm={() => remove.mutate(row.id)} okText={t('risk.subs.remove')} cancelText={t('common.cancel')}>
                  <Button type="link" danger icon={<DeleteOutlined />} data-testid={`risk-subscription-remove-${row.id}`}>
                    {t('risk.subs.remove')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
