import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Form, InputNumber, Row, Skeleton } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { RISK_FACTORS, RISK_KINDS, RISK_SEVERITIES, RISK_TIERS_MAX, type RiskScoreSettings } from '../../contracts/risk';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { riskKindKey, riskSeverityKey } from '../components/RiskTags';
import { useT, type MessageKey } from '../i18n';
import { useRiskScoreSettings, useUpdateRiskScoreSettings } from '../queries/risk';

const factorKey = (factor: (typeof RISK_FACTORS)[number]): MessageKey => `risk.score.factor.${factor}`;

function Weight({ name, label }: { name: (string | number)[]; label: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <InputNumber min={0} max={1} step={0.05} style={{ width: 120 }} />
    </Form.Item>
  );
}

/** 风险评分设置 (platform admins): the weights behind the composite risk score — our judgement, editable. */
export function RiskSettingsPage() {
  const t = useT();
  const { message } = AntApp.useApp();
  const settings = useRiskScoreSettings();
  const update = useUpdateRiskScoreSettings();
  const [form] = Form.useForm<RiskScoreSettings>();

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  if (settings.isPending) {
    return <Skeleton active />;
  }
  return (
    <div data-testid="risk-settings-page">
      <PageHeader
        title={t('risk.settings.title')}
        subTitle={t('risk.settings.subtitle')}
        extra={
          <Link to="/risk">
            <Button icon={<ArrowLeftOutlined />}>{t('risk.detail.back')}</Button>
          </Link>
        }
      />
      <Alert type="warning" showIcon title={t('risk.settings.warning')} style={{ marginBottom: 16 }} />
      {settings.error ? <ProblemAlert error={settings.error} /> : null}
      <Form<RiskScoreSettings> form={form} layout="vertical" initialValues={settings.data} onFinish={(values) => update.mutate(values, { onSuccess: () => void message.success(t('common.saved')) })} data-testid="risk-settings-form">
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('risk.settings.factors')} size="small">
              <Row gutter={16}>
                {RISK_FACTORS.map((factor) => (
                  <Col key={factor} span={12}>
                    <Weight name={['factorWeights', factor]} label={t(factorKey(factor))} />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('risk.settings.severity')} size="small">
              <Row gutter={16}>
                {RISK_SEVERITIES.map((severity) => (
                  <Col key={severity} span={6}>
                    <Weight name={['severityWeights', severity]} label={t(riskSeverityKey(severity))} />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('risk.settings.kinds')} size="small">
              <Row gutter={16}>
                {RISK_KINDS.map((kind) => (
                  <Col key={kind} span={8}>
                    <Weight name={['kindWeights', kind]} label={t(riskKindKey(kind))} />
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={`${t('risk.settings.time')} · ${t('risk.settings.thresholds')} · ${t('risk.settings.propagation')}`} size="small">
              <Row gutter={16}>
                <Col span={8}>
                  <Form.Item name="halfLifeDays" label={t('risk.settings.halfLife')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={3650} style={{ width: 120 }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="windowDays" label={t('risk.settings.window')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={3650} precision={0} style={{ width: 120 }} />
                  </Form.Item>
                </Col>
                <Col span={8} />
                <Col span={8}>
                  <Form.Item name={['thresholds', 'medium']} label={t('risk.settings.thresholdMedium')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={100} style={{ width: 120 }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={['thresholds', 'high']} label={t('risk.settings.thresholdHigh')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={100} style={{ width: 120 }} />
                  </Form.Item>
                </Col>
                <Col span={8} />
                <Col span={8}>
                  <Form.Item name={['propagation', 'maxTiers']} label={t('risk.settings.maxTiers')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={RISK_TIERS_MAX} precision={0} style={{ width: 120 }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Weight name={['propagation', 'decay']} label={t('risk.settings.decay')} />
                </Col>
                <Col span={8}>
                  <Weight name={['propagation', 'defaultShare']} label={t('risk.settings.defaultShare')} />
                </Col>
              </Row>
            </Card>
          </Col>
        </Row>
        {update.error ? <ProblemAlert error={update.error} /> : null}
        <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={update.isPending} style={{ marginTop: 16 }} data-testid="risk-settings-save">
          {t('common.save')}
        </Button>
      </Form>
    </div>
  );
}
