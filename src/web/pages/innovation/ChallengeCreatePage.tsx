import { App as AntApp, Button, Card, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { CHALLENGE_TYPES, CHALLENGE_TITLE_MAX, type CreateChallengeBody } from '../../../contracts/innovation';
import { ChainSegmentFields } from '../../components/ChainSegmentFields';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useT } from '../../i18n';
import { addDays, todayInShanghai } from '../../lib/format';
import { applyProblemToForm, type FieldError } from '../../lib/problem';
import { useCurrentUser } from '../../queries/auth';
import { useCreateChallenge } from '../../queries/innovation';
import { ChallengeNav } from './InnovationTags';

const FIELDS = { controls: ['title', 'type', 'problem', 'targets', 'fields', 'budget', 'deadline', 'ipTerms', 'confidential', 'confidentialDetails', 'reviewsPerApplication', 'uscc', 'criteria', 'chainId', 'segmentKey'] };

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

  const submit = async (values: CreateChallengeBody) => {
    setError(undefined);
    try {
      const { id } = await create.mutateAsync({ ...values, uscc: values.uscc || undefined, confidentialDetails: values.confidential ? values.confidentialDetails : undefined });
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
        <Form<CreateChallengeBody> form={form} layout="vertical" onFinish={submit} initialValues={{ type: 'proposal', deadline: addDays(todayInShanghai(), 30), reviewsPerApplication: 3, targets: [], fields: [] }} style={{ maxWidth: 820 }}>
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
          <Typography.Paragraph type="secondary">{t('innovation.create.criteriaNote')}</Typography.Paragraph>
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
