import { App as AntApp, Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { CONFLICT_KINDS, type ReviewView, type UpdateExpertBody } from '../../../contracts/innovation';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useCurrentUser } from '../../queries/auth';
import { useMyExpertProfile, useMyReviews, useReview, useSaveExpertProfile, useSubmitReview } from '../../queries/innovation';
import { ChallengeNav, ChallengeTypeTag } from './InnovationTags';

/** 我的评审任务: the expert's queue, open reviews first, one click to each form. */
export function ReviewQueuePage() {
  const t = useT();
  const lang = useLang();
  const reviews = useMyReviews();
  const profile = useMyExpertProfile();
  return (
    <div data-testid="review-queue-page">
      <ChallengeNav />
      <PageHeader title={t('innovation.reviews.title')} subTitle={t('innovation.reviews.subtitle')} />
      {profile.isError && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={<Link to="/experts/me">{t('innovation.reviews.noProfile')}</Link>} />
      )}
      <Card className="table-card">
        {reviews.error ? <ProblemAlert error={reviews.error} /> : null}
        <Table<ReviewView>
          data-testid="review-table"
          rowKey="id"
          loading={reviews.isFetching}
          dataSource={reviews.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('innovation.reviews.empty') }}
          columns={[
            { title: t('innovation.field.title'), dataIndex: 'challengeTitle' },
            { title: t('innovation.field.type'), dataIndex: 'challengeType', width: 120, render: (type: ReviewView['challengeType']) => <ChallengeTypeTag type={type} /> },
            { title: t('innovation.field.status'), dataIndex: 'status', width: 100, render: (s: ReviewView['status']) => <Tag color={s === 'assigned' ? 'orange' : 'green'}>{t(`innovation.reviews.${s}`)}</Tag> },
            { title: t('innovation.reviews.total'), dataIndex: 'total', width: 100, render: (total: number | null) => total ?? '—' },
            { title: '', dataIndex: 'assignedAt', width: 160, render: (at: string) => formatDateTime(lang, at) },
            {
              title: '', key: 'open', width: 100,
              render: (_: unknown, r) => (
                <Link to={`/reviews/${r.id}`} data-testid="review-open">
                  <Button type={r.status === 'assigned' ? 'primary' : 'default'} size="small">{t(r.status === 'assigned' ? 'innovation.reviews.open' : 'innovation.reviews.view')}</Button>
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}

/** 评审表: the blind application and one score per weighted criterion. */
export function ReviewFormPage() {
  const { id = '' } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const review = useReview(id);
  const submit = useSubmitReview(id);
  const [form] = Form.useForm<{ scores: Record<string, number>; comment?: string }>();
  const scores = Form.useWatch('scores', form);
  if (review.error) return <ProblemAlert error={review.error} />;
  if (!review.data) return <Card loading />;
  const r = review.data;
  const live = r.criteria.reduce((s, c) => s + (scores?.[c.key] ?? 0) * c.weight, 0) / 100;
  return (
    <div data-testid="review-form-page">
      <ChallengeNav />
      <PageHeader title={r.challengeTitle} subTitle={<Space><ChallengeTypeTag type={r.challengeType} /><Tag>{t('innovation.reviews.blind')}</Tag></Space>} />
      <Card>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('innovation.field.problem')}>{r.problem}</Descriptions.Item>
          <Descriptions.Item label={t('innovation.field.targets')}>{r.targets.join('；')}</Descriptions.Item>
          <Descriptions.Item label={t('innovation.apply.proposal')}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.proposal}</Typography.Paragraph></Descriptions.Item>
          <Descriptions.Item label={t('innovation.apply.team')}>{r.team || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('innovation.apply.schedule')}>{r.schedule || '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card style={{ marginTop: 16 }} title={t('innovation.field.criteria')}>
        {submit.error ? <ProblemAlert error={submit.error} /> : null}
        <Form
          form={form}
          layout="horizontal"
          labelCol={{ span: 6 }}
          style={{ maxWidth: 640 }}
          initialValues={{ scores: r.scores ?? {}, comment: r.comment }}
          onFinish={async (values) => {
            await submit.mutateAsync(values);
            message.success(t('innovation.reviews.saved'));
            navigate('/reviews');
          }}
        >
          {r.criteria.map((c) => (
            <Form.Item key={c.key} name={['scores', c.key]} label={`${c.name}（${c.weight}%）`} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} data-testid={`score-${c.key}`} style={{ width: 140 }} />
            </Form.Item>
          ))}
          <Form.Item label={t('innovation.reviews.total')}>
            <strong data-testid="review-live-total">{Math.round(live * 100) / 100}</strong>
          </Form.Item>
          <Form.Item name="comment" label={t('innovation.reviews.comment')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="review-submit">{t('innovation.reviews.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}

/** 专家档案: the expert's pool profile (fields, employer, load, declared conflicts). */
export function ExpertProfilePage() {
  const t = useT();
  const user = useCurrentUser();
  const { message } = AntApp.useApp();
  const profile = useMyExpertProfile();
  const save = useSaveExpertProfile();
  if (profile.isLoading) return <Card loading />;
  const initial: Partial<UpdateExpertBody> = profile.data
    ? { ...profile.data, affiliationUscc: profile.data.affiliationUscc ?? undefined }
    : { name: user.displayName ?? user.username, fields: [], regionCode: '320000', maxLoad: 10, isAvailable: true, conflicts: [] };
  return (
    <div data-testid="expert-profile-page">
      <ChallengeNav />
      <PageHeader title={t('innovation.expert.title')} subTitle={t('innovation.expert.subtitle')} />
      <Card>
        {save.error ? <ProblemAlert error={save.error} /> : null}
        <Form<UpdateExpertBody>
          layout="vertical"
          style={{ maxWidth: 720 }}
          initialValues={initial}
          onFinish={async (values) => {
            await save.mutateAsync({ ...values, affiliationUscc: values.affiliationUscc || undefined });
            message.success(t('common.saved'));
          }}
        >
          <Form.Item name="name" label={t('innovation.expert.name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="fields" label={t('innovation.expert.fields')} rules={[{ required: true, type: 'array', min: 1 }]}><Select mode="tags" open={false} data-testid="expert-fields" /></Form.Item>
          <Form.Item name="affiliation" label={t('innovation.expert.affiliation')}><Input /></Form.Item>
          <Form.Item name="affiliationUscc" label={t('innovation.expert.affiliationUscc')}><Input /></Form.Item>
          <Form.Item name="regionCode" label={t('innovation.expert.region')} rules={[{ required: true, pattern: /^\d{6}$/ }]}><Input style={{ width: 160 }} /></Form.Item>
          <Form.Item name="maxLoad" label={t('innovation.expert.maxLoad')}><InputNumber min={0} max={200} /></Form.Item>
          <Form.Item name="isAvailable" label={t('innovation.expert.available')} valuePropName="checked"><Switch /></Form.Item>
          <Form.List name="conflicts">
            {(fields, { add, remove }) => (
              <Form.Item label={t('innovation.expert.conflicts')}>
                {fields.map((field) => (
                  <Space key={field.key} style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item name={[field.name, 'uscc']} noStyle rules={[{ required: true }]}><Input placeholder="USCC" style={{ width: 220 }} /></Form.Item>
                    <Form.Item name={[field.name, 'kind']} noStyle initialValue="declared">
                      <Select style={{ width: 140 }} options={CONFLICT_KINDS.map((k) => ({ value: k, label: t(`innovation.expert.conflict.${k}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'note']} noStyle><Input style={{ width: 200 }} /></Form.Item>
                    <Button onClick={() => remove(field.name)}>×</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ kind: 'declared' })}>{t('innovation.expert.addConflict')}</Button>
              </Form.Item>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="expert-save">{t('common.save')}</Button>
        </Form>
      </Card>
    </div>
  );
}
