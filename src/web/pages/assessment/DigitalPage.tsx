import { Alert, Button, Card, Checkbox, Col, Radio, Row, Space, Spin, Statistic, Table, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { DigitalAssessmentView } from '../../../contracts/assessment';
import { isApiStatus } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { useDigitalDraft, useDigitalForms, useDigitalHistory, useSubmitDigital } from '../../queries/assessment';
import { NotFoundPage } from '../StatusPages';
import { NextStepsList } from './NextStepsList';
import { RuleStatusTag } from './RuleStatusTag';

type Answers = Record<string, string | string[]>;

const LEVEL_LABELS = ['未达一级', '一级', '二级', '三级', '四级'];

function Result({ view }: { view: DigitalAssessmentView }) {
  const t = useT();
  return (
    <Card size="small" title={`${t('as.dg.result')} · ${view.round !== null ? `T${view.round}` : t('as.dg.draft')}`} data-testid="digital-result">
      <Row gutter={16}>
        <Col span={8}><Statistic title={t('as.dg.score')} value={view.score} suffix={view.scoreDelta !== null ? <Tag color={view.scoreDelta >= 0 ? 'green' : 'red'}>{view.scoreDelta >= 0 ? '+' : ''}{view.scoreDelta}</Tag> : null} /></Col>
        <Col span={8}>
          <Statistic title={t('as.dg.level')} value={view.levelName} />
          {view.scenarioCheck.applied && view.scenarioCheck.scoreLevel > view.level ? (
            <Tag color="orange" data-testid="digital-scenario-limited">{t('as.dg.scenarioLimited', { level: LEVEL_LABELS[view.scenarioCheck.scoreLevel] })}</Tag>
          ) : null}
          {!view.scenarioCheck.applied ? <Tag>{t('as.dg.scenarioRuleOff')}</Tag> : null}
        </Col>
        <Col span={8}>{view.dimensions.map((d) => <div key={d.key} style={{ whiteSpace: 'nowrap' }}>{d.name} {d.score}/{d.weight}{d.delta != null ? <Tag color={d.delta >= 0 ? 'green' : 'red'} style={{ marginLeft: 4 }}>{d.delta >= 0 ? '+' : ''}{d.delta}</Tag> : null}</div>)}</Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 12 }}>{t('as.dg.nextSteps')}</Typography.Title>
      <NextStepsList steps={view.nextSteps} testId="digital-next-steps" />
    </Card>
  );
}

/** 数字化水平评测: questionnaire with save-and-resume, result with next steps, history T0/T1 with deltas. */
export function DigitalPage() {
  const t = useT();
  const { uscc = '' } = useParams();
  const forms = useDigitalForms();
  const history = useDigitalHistory(uscc);
  const draft = useDigitalDraft(uscc);
  const submit = useSubmitDigital(uscc);
  const [answers, setAnswers] = useState<Answers>({});
  const [last, setLast] = useState<DigitalAssessmentView | null>(null);
  // Resume the draft; without one, a re-assessment starts from the newest submitted answers.
  const [isLoaded, setLoaded] = useState(false);
  useEffect(() => {
    if (isLoaded || !draft.data || !history.data) return;
    const start = draft.data.draft ?? history.data.items[0];
    if (start) setAnswers(start.answers as Answers);
    setLoaded(true);
  }, [draft.data, history.data, isLoaded]);
  if (isApiStatus(history.error, 404)) return <NotFoundPage />;
  const form = forms.data?.items[0];
  if (!form || !history.data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const send = async (isDraft: boolean) => {
    const view = await submit.mutateAsync({ form: form.key, answers, isDraft });
    setLast(view);
    message.success(isDraft ? t('as.dg.savedDraft') : t('as.dg.submitted'));
  };
  const shown = last ?? history.data.items[0] ?? null;
  return (
    <div data-testid="digital-page">
      <PageHeader title={t('as.dg.title')} subTitle={form.name} />
      <Alert type="warning" showIcon message={form.note} style={{ marginBottom: 12 }} />
      <Alert type="warning" showIcon data-testid="digital-2022-missing" message={t('as.dg.form2022')} style={{ marginBottom: 12 }} />
      {submit.error ? <ProblemAlert error={submit.error} /> : null}
      {draft.data?.draft ? <Alert type="info" showIcon data-testid="digital-resumed" message={t('as.dg.resumed', { at: new Date(draft.data.draft.updatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) })} style={{ marginBottom: 12 }} /> : null}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('as.dg.questionnaire')}>
            {form.dimensions.map((d) => (
              <div key={d.key}>
                <Typography.Title level={5}>{d.name}（{d.weight}）</Typography.Title>
                {form.questions.filter((q) => q.dimension === d.key).map((q) => (
                  <div key={q.key} style={{ marginBottom: 12 }} data-testid={`q-${q.key}`}>
                    <div>{q.text}（{q.points}）<RuleStatusTag status={q.status} /></div>
                    {q.kind === 'single' ? (
                      <Radio.Group value={answers[q.key]} onChange={(e) => setAnswers({ ...answers, [q.key]: e.target.value })} options={q.options.map((o) => ({ value: o.value, label: o.label }))} />
                    ) : (
                      <Checkbox.Group value={(answers[q.key] as string[] | undefined) ?? []} onChange={(v) => setAnswers({ ...answers, [q.key]: (v as string[]).includes('none') && !(answers[q.key] as string[] | undefined)?.includes('none') ? ['none'] : (v as string[]).filter((x) => x !== 'none') })} options={q.options.map((o) => ({ value: o.value, label: o.label }))} />
                    )}
                  </div>
                ))}
              </div>
            ))}
            <Typography.Title level={5} data-testid="digital-scenarios-title">
              {t('as.dg.scenarios')} <RuleStatusTag status="single_source" />
            </Typography.Title>
            <Typography.Paragraph className="muted">
              {t('as.dg.scenarioRule', { rule: form.scenarioRule.map((r) => `${LEVEL_LABELS[r.level]} ≥${r.minScenarios}（${r.minBinding}）`).join('；') })}
              {form.scenarioRuleApplied ? '' : ` ${t('as.dg.scenarioRuleOff')}`}
            </Typography.Paragraph>
            <Table size="small" rowKey="key" pagination={false} dataSource={form.scenarios} style={{ marginBottom: 12 }} data-testid="digital-scenarios" columns={[
              { title: t('as.dg.scenario'), dataIndex: 'name', width: 150, render: (name: string, sc) => <Space size={4}>{name}{sc.isBinding ? <Tag color="red">{t('as.dg.binding')}</Tag> : <Tag>{t('as.dg.guiding')}</Tag>}</Space> },
              {
                title: t('as.dg.scenarioLevel'), dataIndex: 'key', render: (key: string) => (
                  <Radio.Group size="small" optionType="button" buttonStyle="solid" data-testid={`sc-${key}`} value={answers[key] ?? 'l0'} onChange={(e) => setAnswers({ ...answers, [key]: e.target.value })} options={form.scenarioLevels} />
                ),
              },
            ]} />
            <Space>
              <Button onClick={() => send(true)} loading={submit.isPending} data-testid="digital-save-draft">{t('as.dg.saveDraft')}</Button>
              <Button type="primary" onClick={() => send(false)} loading={submit.isPending} data-testid="digital-submit">{t('as.dg.submit')}</Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          {shown ? <Result view={shown} /> : null}
          <Card size="small" title={t('as.dg.history')} style={{ marginTop: 12 }}>
            <Table size="small" rowKey="id" pagination={false} dataSource={history.data.items} data-testid="digital-history" columns={[
              { title: t('as.dg.round'), dataIndex: 'round', render: (r: number) => `T${r}` },
              { title: t('as.dg.date'), dataIndex: 'submittedAt', render: (d: string) => d.slice(0, 10) },
              { title: t('as.dg.score'), dataIndex: 'score' },
              { title: t('as.dg.delta'), dataIndex: 'scoreDelta', render: (d: number | null) => (d === null ? '—' : `${d >= 0 ? '+' : ''}${d}`) },
              { title: t('as.dg.level'), dataIndex: 'levelName' },
            ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
