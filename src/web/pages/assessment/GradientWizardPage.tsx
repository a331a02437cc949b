import { Alert, Button, Card, Col, Collapse, DatePicker, Descriptions, Form, Input, InputNumber, List, Progress, Row, Select, Space, Spin, Steps, Table, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { GradientProfile, GradientResponse, TierResult, YearlyIndicators } from '../../../contracts/assessment';
import { isApiStatus } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT, type MessageKey } from '../../i18n';
import { useUrlParams } from '../../lib/useUrlParams';
import { useGradient, useGradientInputs, useSaveGradientInputs } from '../../queries/assessment';
import { NotFoundPage } from '../StatusPages';
import { NextStepsList } from './NextStepsList';
import { RuleStatusTag } from './RuleStatusTag';

type FieldSpec =
  | { name: keyof GradientProfile; kind: 'bool' | 'int' | 'number' | 'date' }
  | { name: keyof GradientProfile; kind: 'select' | 'multi'; options: readonly string[] };

/** The declared profile, grouped as the wizard asks for it. */
const PROFILE_GROUPS: { key: MessageKey; fields: FieldSpec[] }[] = [
  { key: 'as.group.ip', fields: [{ name: 'ipClass1', kind: 'int' }, { name: 'ipClass1Self', kind: 'int' }, { name: 'ipHighValue', kind: 'int' }, { name: 'ipClass2', kind: 'int' }] },
  {
    key: 'as.group.market',
    fields: [
      { name: 'nicheSince', kind: 'date' }, { name: 'emergingField', kind: 'bool' }, { name: 'productField', kind: 'select', options: ['key_link', 'foundation', 'other'] },
      { name: 'marketSharePct', kind: 'number' }, { name: 'domesticRank', kind: 'int' }, { name: 'isKeyChainLink', kind: 'bool' }, { name: 'isKeyField', kind: 'bool' },
    ],
  },
  {
    key: 'as.group.rd',
    fields: [
      { name: 'rdInstitutionLevel', kind: 'select', options: ['national', 'provincial', 'city', 'below_city', 'none'] }, { name: 'stAwardLevel', kind: 'select', options: ['national', 'provincial', 'none'] },
      { name: 'stAwardRank', kind: 'int' }, { name: 'innovationTitles', kind: 'multi', options: ['high_tech', 'tech_innovation_demo', 'ip_advantage', 'ip_demo'] }, { name: 'chuangkeGroup', kind: 'select', options: ['top50', 'top500', 'none'] },
    ],
  },
  {
    key: 'as.group.quality',
    fields: [
      { name: 'qualityItems', kind: 'multi', options: ['quality_award', 'certification', 'own_brand', 'standards'] }, { name: 'hasInfoSystem', kind: 'bool' }, { name: 'hasSystemCertification', kind: 'bool' },
      { name: 'hasOwnBrand', kind: 'bool' }, { name: 'digitalLevel', kind: 'select', options: ['level4', 'level3', 'level2', 'level1', 'none'] },
    ],
  },
  { key: 'as.group.finance', fields: [{ name: 'equity2yWan', kind: 'number' }, { name: 'equity3yWan', kind: 'number' }, { name: 'localScore', kind: 'number' }, { name: 'qualityScore', kind: 'number' }, { name: 'baselineCompliant', kind: 'bool' }] },
];

const YEAR_FIELDS = ['revenueWan', 'mainRevenueWan', 'netProfitWan', 'assetsWan', 'liabilitiesWan', 'rdSpendWan', 'employees', 'rdStaff'] as const;

/** The control of one profile field; Form.Item's `value`/`onChange` pass through to it. */
function FieldInput({ spec, ...control }: { spec: FieldSpec; value?: unknown; onChange?: (value: unknown) => void; id?: string }) {
  const t = useT();
  const props = control as Record<string, unknown>;
  if (!('options' in spec)) {
    if (spec.kind === 'date') return <Input type="date" {...props} />;
    if (spec.kind === 'bool') return <Select allowClear style={{ width: '100%' }} options={[{ value: true, label: t('as.yes') }, { value: false, label: t('as.no') }]} {...props} />;
    return <InputNumber style={{ width: '100%' }} min={0} precision={spec.kind === 'int' ? 0 : 2} {...props} />;
  }
  return <Select allowClear mode={spec.kind === 'multi' ? 'multiple' : undefined} style={{ width: '100%' }} options={spec.options.map((o) => ({ value: o, label: t(`as.opt.${o}` as MessageKey) }))} {...props} />;
}

/** Drop empty values so that the contract's optional fields stay absent. */
function cleanProfile(values: Record<string, unknown>): GradientProfile {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== '')) as GradientProfile;
}

function ValueText({ value, unit }: { value: unknown; unit: string }) {
  const t = useT();
  if (value === null || value === undefined) return <span className="muted">—</span>;
  if (typeof value === 'boolean') return <>{value ? t('as.yes') : t('as.no')}</>;
  if (typeof value === 'string') return <>{t(`as.opt.${value}` as MessageKey) === `as.opt.${value}` ? value : t(`as.opt.${value}` as MessageKey)}</>;
  return <>{value}{unit}</>;
}

function TierCard({ tier }: { tier: TierResult }) {
  const t = useT();
  const isScored = tier.passScore !== null;
  return (
    <Card
      size="small"
      data-testid={`tier-${tier.tier}`}
      title={<Space>{tier.name}{tier.isRecognised ? <Tag color="blue">{t('as.recognised')}</Tag> : null}</Space>}
      extra={tier.qualified ? <Tag color="green" data-testid={`tier-${tier.tier}-verdict`}>{t('as.qualified')}</Tag> : <Tag color="red" data-testid={`tier-${tier.tier}-verdict`}>{t('as.notQualified')}</Tag>}
    >
      {isScored ? (
        <Progress percent={Math.min(100, tier.score ?? 0)} success={{ percent: 0 }} format={() => `${tier.score ?? 0} / ${tier.passScore}`} status={tier.qualified ? 'success' : 'normal'} />
      ) : null}
      <div className="muted">
        {tier.route ? `${t('as.route')}：${tier.route.startsWith('direct:') ? t('as.route.direct') : tier.route === 'score' ? t('as.route.score') : t('as.route.requirements')}` : t('as.failedCount', { n: tier.failed.length })}
        {tier.missing.length > 0 ? ` · ${t('as.missingCount', { n: tier.missing.length })}` : ''}
      </div>
      {tier.groups.length > 0 ? (
        <Space wrap style={{ marginTop: 8 }}>
          {tier.groups.map((g) => <Tag key={g.key} color={g.minimum !== null && g.points < g.minimum ? 'red' : 'default'}>{g.name} {g.points}{g.minimum !== null ? ` (≥${g.minimum})` : ''}</Tag>)}
        </Space>
      ) : null}
    </Card>
  );
}

function TierDetail({ tier }: { tier: TierResult }) {
  const t = useT();
  return (
    <div data-testid={`tier-detail-${tier.tier}`}>
      {tier.indicators.length > 0 ? (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={tier.indicators}
          columns={[
            { title: t('as.indicator'), dataIndex: 'name', render: (name: string, row) => <Space direction="vertical" size={0}><span>{name}</span><span className="muted" style={{ fontSize: 12 }}>{row.ref} <RuleStatusTag status={row.status} /></span></Space> },
            { title: t('as.value'), dataIndex: 'value', width: 140, render: (v, row) => <ValueText value={v} unit={row.unit} /> },
            { title: t('as.band'), dataIndex: 'band', width: 200, render: (band: string, row) => (row.isMissing ? <Tag color="orange">{t('as.missing')}</Tag> : band) },
            { title: t('as.points'), dataIndex: 'points', width: 90, render: (p: number, row) => `${p} / ${row.maxPoints}` },
            { title: t('as.next'), dataIndex: 'next', width: 220, render: (next: TierResult['indicators'][number]['next'], row) => (next ? `${next.band}（+${next.points - row.points}）` : <span className="muted">—</span>) },
          ]}
        />
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 12 }}>{t('as.conditions')}</Typography.Title>
      <List
        size="small"
        dataSource={tier.conditions}
        renderItem={(c) => (
          <List.Item>
            <Space direction="vertical" size={0} style={{ width: '100%' }}>
              <Space wrap>
                {c.isDisabled ? <Tag>{t('as.disabled')}</Tag> : c.passed === true ? <Tag color="green">{c.kind === 'direct_route' ? t('as.routeHit') : t('as.met')}</Tag> : c.passed === null ? <Tag color="orange">{t('as.missing')}</Tag> : <Tag color={c.kind === 'direct_route' ? 'default' : 'red'}>{c.kind === 'direct_route' ? t('as.routeNotHit') : t('as.notMet')}</Tag>}
                <span>{c.kind === 'direct_route' ? `【${t('as.direct')}】` : ''}{c.text}</span>
                <RuleStatusTag status={c.status} />
              </Space>
              <span className="muted" style={{ fontSize: 12 }}>
                {c.ref}
                {c.shortfalls.length > 0 && c.kind === 'requirement' ? ` · ${c.shortfalls.map((s) => `${s.input}=${s.value ?? '—'}，${t('as.required')} ${s.required}${s.gap !== null ? `，${t('as.gap')} ${s.gap}` : ''}`).join('；')}` : ''}
              </span>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

function Results({ data }: { data: GradientResponse }) {
  const t = useT();
  const next = data.tiers.find((tier) => tier.tier === data.nextTier);
  return (
    <div data-testid="gradient-results">
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('as.ruleVersion')}><Space>{data.ruleSetName}<RuleStatusTag status={data.ruleSetStatus} /></Space></Descriptions.Item>
        <Descriptions.Item label={t('as.lastYear')}>{data.lastYear}</Descriptions.Item>
        <Descriptions.Item label={t('as.leadersSupplied')}>{data.leadersSupplied.length > 0 ? data.leadersSupplied.map((l) => l.name).join('；') : t('common.none')}</Descriptions.Item>
      </Descriptions>
      {data.ruleSetStatus !== 'confirmed' ? <Alert type="warning" showIcon message={data.ruleSetNote} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={[12, 12]}>
        {data.tiers.map((tier) => <Col key={tier.tier} xs={24} md={8}><TierCard tier={tier} /></Col>)}
      </Row>
      {next ? (
        <Card size="small" title={t('as.improveFor', { tier: next.name })} style={{ marginTop: 16 }} data-testid="improvements">
          <List
            size="small"
            dataSource={next.improvements.slice(0, 12)}
            renderItem={(i) => <List.Item>{i.gain !== null ? <Tag color="blue">+{i.gain}</Tag> : i.kind === 'missing' ? <Tag color="orange">{t('as.missing')}</Tag> : <Tag color="red">{t('as.notMet')}</Tag>}{i.text}</List.Item>}
          />
          <Space style={{ marginTop: 8 }}>
            <Link to={`/assessment/digital/${data.uscc}`}><Button>{t('as.toDigital')}</Button></Link>
            <Link to="/assessment/solutions"><Button>{t('as.toSolutions')}</Button></Link>
          </Space>
        </Card>
      ) : null}
      {next ? (
        <Card size="small" title={t('as.next.title', { tier: next.name })} extra={<span className="muted">{t('as.next.engine')}</span>} style={{ marginTop: 16 }}>
          <NextStepsList steps={data.nextSteps} testId="gradient-next-steps" />
        </Card>
      ) : null}
      <Collapse style={{ marginTop: 16 }} items={data.tiers.map((tier) => ({ key: tier.tier, label: `${tier.name} · ${t('as.detail')}`, children: <TierDetail tier={tier} /> }))} defaultActiveKey={[data.nextTier ?? 'innovative']} />
    </div>
  );
}

/** 梯度培育自评: profile → yearly figures → results with explanation and next steps. */
export function GradientWizardPage() {
  const t = useT();
  const { uscc = '' } = useParams();
  const { params, setParam } = useUrlParams();
  const step = Number(params.get('step') ?? '0');
  const asOf = params.get('asOf') ?? undefined;
  const inputs = useGradientInputs(uscc);
  const result = useGradient(step === 2 ? uscc : undefined, asOf);
  const save = useSaveGradientInputs(uscc);
  const [profileForm] = Form.useForm();
  const [years, setYears] = useState<YearlyIndicators[]>([]);

  useEffect(() => {
    if (!inputs.data) return;
    profileForm.setFieldsValue(inputs.data.profile);
    setYears(inputs.data.years.map(({ source: _source, ...y }) => y));
  }, [inputs.data, profileForm]);

  if (isApiStatus(inputs.error, 404)) return <NotFoundPage />;
  if (!inputs.data) return inputs.error ? <ProblemAlert error={inputs.error} /> : <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const goto = (n: number) => setParam('step', String(n));
  const saveProfile = async () => {
    const values = cleanProfile(await profileForm.validateFields());
    await save.mutateAsync({ profile: values });
    message.success(t('common.saved'));
    goto(1);
  };
  const saveYears = async () => {
    await save.mutateAsync({ years });
    message.success(t('common.saved'));
    goto(2);
  };
  const setYear = (year: number, field: (typeof YEAR_FIELDS)[number], value: number | null) => setYears((all) => all.map((y) => (y.year === year ? { ...y, [field]: value } : y)));

  return (
    <div data-testid="gradient-wizard">
      <PageHeader
        title={t('as.gradient.title')}
        subTitle={result.data?.name ?? uscc}
        extra={
          <Space>
            <span>{t('as.asOf')}</span>
            <DatePicker data-testid="gradient-asof" allowClear value={asOf ? dayjs(asOf) : null} onChange={(d) => setParam('asOf', d ? d.format('YYYY-MM-DD') : undefined)} />
          </Space>
        }
      />
      <Steps current={step} onChange={goto} style={{ marginBottom: 16 }} items={[{ title: t('as.step.profile') }, { title: t('as.step.years') }, { title: t('as.step.result') }]} />
      {save.error ? <ProblemAlert error={save.error} /> : null}
      {step === 0 ? (
        <Card>
          <Form form={profileForm} layout="vertical" data-testid="gradient-profile-form">
            {PROFILE_GROUPS.map((group) => (
              <div key={group.key}>
                <Typography.Title level={5}>{t(group.key)}</Typography.Title>
                <Row gutter={16}>
                  {group.fields.map((spec) => (
                    <Col key={spec.name} xs={24} md={8} xl={6}>
                      <Form.Item name={spec.name} label={t(`as.f.${spec.name}` as MessageKey)}>
                        <FieldInput spec={spec} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              </div>
            ))}
          </Form>
          <Button type="primary" loading={save.isPending} onClick={saveProfile} data-testid="gradient-save-profile">{t('as.saveNext')}</Button>
        </Card>
      ) : null}
      {step === 1 ? (
        <Card>
          <Typography.Paragraph className="muted">{t('as.years.hint')}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="field"
            pagination={false}
            data-testid="gradient-years"
            dataSource={YEAR_FIELDS.map((field) => ({ field }))}
            columns={[
              { title: t('as.years.field'), dataIndex: 'field', render: (f: string) => t(`as.y.${f}` as MessageKey) },
              ...years.map((y) => ({
                title: String(y.year),
                key: String(y.year),
                render: (_: unknown, row: { field: (typeof YEAR_FIELDS)[number] }) => (
                  <InputNumber
                    data-testid={`year-${y.year}-${row.field}`}
                    style={{ width: '100%' }}
                    min={row.field === 'netProfitWan' ? undefined : 0}
                    precision={row.field === 'employees' || row.field === 'rdStaff' ? 0 : 2}
                    value={y[row.field] ?? null}
                    onChange={(v) => setYear(y.year, row.field, v)}
                  />
                ),
              })),
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Button onClick={() => goto(0)}>{t('as.back')}</Button>
            <Button type="primary" loading={save.isPending} onClick={saveYears} data-testid="gradient-save-years">{t('as.saveEvaluate')}</Button>
          </Space>
        </Card>
      ) : null}
      {step === 2 ? (result.error ? <ProblemAlert error={result.error} /> : result.data ? <Results data={result.data} /> : <Spin />) : null}
    </div>
  );
}
