import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { CHALLENGE_TYPES, CHALLENGE_TITLE_MAX, CRITERIA_MAX, DEFAULT_CRITERIA, DEFAULT_DISAGREEMENT_THRESHOLD, type CreateChallengeBody, type Criterion } from '../../../contracts/innovation';
import { ChainSegmentFields } from '../../components/ChainSegmentFields';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { addDays, todayInShanghai } from '../../lib/format';
import { applyProblemToForm, type FieldError } from '../../lib/problem';
import { useCurrentUser } from '../../queries/auth';
import { useCreateChallenge } from '../../queries/innovation';
import { ChallengeNav } from './InnovationTags';

const FIELDS = { controls: ['title', 'type', 'problem', 'targets', 'fields', 'budget', 'deadline', 'ipTerms', 'confidential', 'confidentialDetails', 'reviewsPerApplication', 'disagreementThreshold', 'uscc', 'chainId', 'segmentKey'], lists: ['criteria'] };

/** A criterion row of the form: the key is kept for the defaults and made for new rows. */
type CriterionRow = { key?: string; name?: string; weight?: number | null };

/** Rows → the API's criteria: the defaults keep their keys, rows added here get `c1`, `c2`… */
export function criteriaOf(rows: readonly CriterionRow[]): Criterion[] {
  const used = new Set(rows.map((r) => r.key).filter(Boolean));
  let n = 0;
  return rows.map((r) => {
    let key = r.key;
    while (!key) {
      n += 1;
      if (!used.has(`c${n}`)) key = `c${n}`;
    }
    used.add(key);
    return { key, name: (r.name ?? '').trim(), weight: r.weight ?? 0 };
  });
}

/** 发榜: the challenge form. */
export function ChallengeCreatePage() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CreateChallengeBody>();
  const create = useCreateChallenge();
  const [error, setError] = useState<unknown>();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const isConfidential = Form.useWatch('confidential', form);

  const criteriaRows = (Form.useWatch('criteria', form) ?? []) as CriterionRow[];
  const weightSum = criteriaRows.reduce((s, r) => s + (r?.weight ?? 0), 0);

  const submit = async (values: CreateChallengeBody) => {
    setError(undefined);
    try {
      const criteria = criteriaOf((values.criteria ?? []) as CriterionRow[]);
      const { id } = await create.mutateAsync({ ...values, criteria, uscc: values.uscc || undefined, confidentialDetails: values.confidential ? values.confidentialDetails : undefined });
      message.success(t('common.created'));
      navigate(`/challenges/${id}`);
    } catch (err) {
      setUnmatched(applyProblemToForm(form, err, FIELDS));
      setError(err);
    }
  };

  return (
    <div data-testid="challenge-create-page">
      <ChallengeNav />
      <PageHeader title={t('innovation.create.title')} />
      <Card>
        {error ? <ProblemAlert error={error} fieldErrors={unmatched} /> : null}
        <Form<CreateChallengeBody> form={form} layout="vertical" onFinish={submit} initialValues={{ type: 'proposal', deadline: addDays(todayInShanghai(), 30), reviewsPerApplication: 3, disagreementThreshold: DEFAULT_DISAGREEMENT_THRESHOLD, targets: [], fields: [], criteria: DEFAULT_CRITERIA }} style={{ maxWidth: 820 }}>
          {user.role !== 'member' && (
            <Form.Item name="uscc" label={t('innovation.field.owner')} extra="USCC">
              <Input data-testid="challenge-uscc" />
            </Form.Item>
          )}
          <Form.Item name="title" label={t('innovation.field.title')} rules={[{ required: true, min: 2, max: CHALLENGE_TITLE_MAX }]}>
            <Input data-testid="challenge-title" />
          </Form.Item>
          <Form.Item name="type" label={t('innovation.field.type')} rules={[{ required: true }]}>
            <Select data-testid="challenge-type" options={CHALLENGE_TYPES.map((type) => ({ value: type, label: t(`innovation.type.${type}`) }))} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="problem" label={t('innovation.field.problem')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={4} data-testid="challenge-problem" />
          </Form.Item>
          <Form.Item name="targets" label={t('innovation.field.targets')} extra={t('innovation.field.targetsHint')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Select mode="tags" open={false} data-testid="challenge-targets" tokenSeparators={['；', ';']} />
          </Form.Item>
          <Form.Item name="fields" label={t('innovation.field.fields')}>
            <Select mode="tags" open={false} data-testid="challenge-fields" />
          </Form.Item>
          <ChainSegmentFields form={form} testIdPrefix="challenge" />
          <Form.Item name="budget" label={t('innovation.field.budget')}>
            <InputNumber min={0} data-testid="challenge-budget" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="deadline" label={t('innovation.field.deadline')} rules={[{ required: true }]}>
            <Input type="date" data-testid="challenge-deadline" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="ipTerms" label={t('innovation.field.ipTerms')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="reviewsPerApplication" label={t('innovation.field.reviewsPerApplication')}>
            <InputNumber min={1} max={9} />
          </Form.Item>
          <Form.Item label={t('innovation.field.criteria')} extra={t('innovation.criteria.hint')} required>
            <Form.List
              name="criteria"
              rules={[{
                validator: async (_, rows: CriterionRow[] | undefined) => {
                  if ((rows ?? []).reduce((s, r) => s + (r?.weight ?? 0), 0) !== 100) throw new Error(t('innovation.criteria.sumError'));
                },
              }]}
            >
              {(fields, { add, remove }, { errors }) => (
                <div data-testid="criteria-editor">
                  {fields.map((field, i) => (
                    <Space key={field.key} align="start" style={{ display: 'flex' }} data-testid="criterion-row">
                      <Form.Item name={[field.name, 'key']} hidden><Input /></Form.Item>
                      <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('innovation.criteria.name') }, { max: 40 }]} style={{ marginBottom: 8 }}>
                        <Input placeholder={t('innovation.criteria.name')} style={{ width: 260 }} data-testid={`criterion-name-${i}`} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'weight']} rules={[{ required: true, message: t('innovation.criteria.weight') }, { type: 'integer', min: 1, max: 100 }]} style={{ marginBottom: 8 }}>
                        <InputNumber placeholder={t('innovation.criteria.weight')} min={1} max={100} precision={0} addonAfter="%" style={{ width: 140 }} data-testid={`criterion-weight-${i}`} />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)} disabled={fields.length <= 1} data-testid={`criterion-remove-${i}`}>{t('innovation.criteria.remove')}</Button>
                    </Space>
                  ))}
                  <Space>
                    <Button type="dashed" onClick={() => add({ name: '', weight: undefined })} disabled={fields.length >= CRITERIA_MAX} data-testid="criterion-add">{t('innovation.criteria.add')}</Button>
                    <Typography.Text type={weightSum === 100 ? 'success' : 'danger'} data-testid="criteria-sum">{t('innovation.criteria.sum', { sum: weightSum })}</Typography.Text>
                  </Space>
                  <Form.ErrorList errors={errors} />
                </div>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="disagreementThreshold" label={t('innovation.threshold.title')} extra={t('innovation.threshold.hint')}>
            <InputNumber min={0} max={100} precision={0} addonAfter="分" style={{ width: 160 }} data-testid="challenge-threshold" />
          </Form.Item>
          <Form.Item name="confidential" label={t('innovation.field.confidential')} valuePropName="checked">
            <Switch data-testid="challenge-confidential" />
          </Form.Item>
          {isConfidential && (
            <Form.Item name="confidentialDetails" label={t('innovation.field.confidentialDetails')}>
              <Input.TextArea rows={3} data-testid="challenge-confidential-details" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="challenge-submit">
            {t('innovation.create.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
