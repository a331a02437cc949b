import { App as AntApp, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { DESCRIPTION_MAX, NEED_KINDS, NEED_VISIBILITIES, REQUIRED_LEVELS, TITLE_MAX, type CreateNeedBody, type PreviewMatchesBody } from '../../contracts/matching';
import { IndustryCascader } from '../components/IndustryCascader';
import { MatchCandidates } from '../components/MatchCandidates';
import { MatchNav } from '../components/MatchNav';
import { PageHeader } from '../components/PageHeader';
import { ProblemAlert } from '../components/ProblemAlert';
import { RegionCascader } from '../components/RegionCascader';
import { EnterprisePicker } from '../components/RiskSubjectPickers';
import { tagKey, useT } from '../i18n';
import { applyProblemToForm, type FieldError } from '../lib/problem';
import { useDebounced } from '../lib/useDebounced';
import { useCurrentUser } from '../queries/auth';
import { CrossBorderFormFields } from '../components/CrossBorderFormFields';
import { useCreateNeed, useNeedTransition, usePreviewMatches } from '../queries/matching';

type FormValues = Omit<CreateNeedBody, 'products' | 'requiredCertifications'> & { products?: string[]; requiredCertifications?: string[] };

const FIELDS = {
  controls: ['uscc', 'title', 'description', 'kind', 'products', 'industryCode', 'regionCode', 'visibility', 'quantity', 'budgetMinWan', 'budgetMaxWan', 'requiredCertifications', 'requiredLevel', 'deadline', 'invitedUsccs'],
};

/** The part of the form the live preview sends, once the user has typed enough to match on. */
function previewBody(values: Partial<FormValues> | undefined, uscc: string | undefined): PreviewMatchesBody | undefined {
  if (!values || !uscc) return undefined;
  const title = values.title?.trim() ?? '';
  const products = (values.products ?? []).filter(Boolean);
  if (title.length < 2 && products.length === 0) return undefined;
  return {
    title, description: values.description?.trim() ?? '', products, uscc, limit: 8,
    industryCode: values.industryCode || undefined, regionCode: values.regionCode || undefined,
    requiredCertifications: values.requiredCertifications, requiredLevel: values.requiredLevel,
  };
}

/** 发布需求: the form, with the engine's candidates updating as the user types (debounced). */
export function NeedCreatePage() {
  const t = useT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateNeed();
  const transition = useNeedTransition();
  const [unmatched, setUnmatched] = useState<FieldError[]>([]);
  const [error, setError] = useState<unknown>();
  const isMember = user.role === 'member';
  const values = Form.useWatch([], form);
  const uscc = isMember ? (user.org?.uscc ?? undefined) : values?.uscc;
  const debounced = useDebounced(useMemo(() => previewBody(values, uscc), [values, uscc]), 400);
  const preview = usePreviewMatches(debounced);
  const visibility = Form.useWatch('visibility', form);

  const save = async (isSubmitting: boolean) => {
    setError(undefined);
    setUnmatched([]);
    let input: FormValues;
    try {
      input = await form.validateFields();
    } catch {
      return;
    }
    try {
      const body: CreateNeedBody = { ...input, uscc: isMember ? undefined : input.uscc, deadline: input.deadline || undefined, quantity: input.quantity || undefined };
      const { id } = await create.mutateAsync(body);
      if (isSubmitting) await transition.mutateAsync({ id, verb: 'submit' });
      message.success(t('matching.form.saved'));
      navigate(`/matching/needs/${id}`);
    } catch (err) {
      setUnmatched(applyProblemToForm(form, err, FIELDS));
      setError(err);
    }
  };

  return (
    <div data-testid="need-create-page">
      <MatchNav />
      <PageHeader title={t('matching.needs.create')} />
      <Row gutter={16}>
        <Col xs={24} lg={13}>
          <Card>
            {error ? <ProblemAlert error={error} fieldErrors={unmatched} /> : null}
            <Form form={form} layout="vertical" initialValues={{ kind: 'procurement', visibility: 'public' }} data-testid="need-form">
              {!isMember && (
                <Form.Item name="uscc" label={t('matching.field.uscc')} rules={[{ required: true, message: t('common.required', { field: t('matching.field.enterprise') }) }]}>
                  <EnterprisePicker data-testid="need-uscc" />
                </Form.Item>
              )}
              <Form.Item name="title" label={t('matching.field.title')} rules={[{ required: true, min: 2, message: t('common.required', { field: t('matching.field.title') }) }]}>
                <Input maxLength={TITLE_MAX} showCount data-testid="need-title" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="kind" label={t('matching.field.kind')}>
                    <Select data-testid="need-kind" options={NEED_KINDS.map((k) => ({ value: k, label: t(`matching.kind.${k}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={16}>
                  <Form.Item name="products" label={t('matching.field.products')} extra={t('matching.field.productsHint')}>
                    <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} data-testid="need-products" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="description" label={t('matching.field.description')} rules={[{ required: true, min: 2, message: t('common.required', { field: t('matching.field.description') }) }]}>
                <Input.TextArea rows={4} maxLength={DESCRIPTION_MAX} showCount data-testid="need-description" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="industryCode" label={t('matching.field.industry')}>
                    <IndustryCascader />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="regionCode" label={t('matching.field.region')}>
                    <RegionCascader />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="quantity" label={t('matching.field.quantity')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="budgetMinWan" label={t('matching.field.budgetMin')}>
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="budgetMaxWan" label={t('matching.field.budgetMax')}>
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="requiredCertifications" label={t('matching.field.certifications')}>
                    <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="requiredLevel" label={t('matching.field.level')}>
                    <Select allowClear options={REQUIRED_LEVELS.map((l) => ({ value: l, label: t(tagKey(l)) }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="deadline" label={t('matching.field.deadline')}>
                    <Input type="date" data-testid="need-deadline" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="visibility" label={t('matching.field.visibility')}>
                    <Select options={NEED_VISIBILITIES.map((v) => ({ value: v, label: t(`matching.visibility.${v}`) }))} />
                  </Form.Item>
                </Col>
              </Row>
              {visibility === 'invited' && (
                <Form.Item name="invitedUsccs" label={t('matching.visibility.invited')}>
                  <Select mode="tags" open={false} tokenSeparators={[',', '，']} />
                </Form.Item>
              )}
              <CrossBorderFormFields />
              <Space>
                <Button onClick={() => void save(false)} loading={create.isPending} data-testid="need-save-draft">
                  {t('matching.form.saveDraft')}
                </Button>
                <Button type="primary" onClick={() => void save(true)} loading={create.isPending || transition.isPending} data-testid="need-save-submit">
                  {t('matching.form.saveSubmit')}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Card title={t('matching.preview.title')} data-testid="need-preview" loading={false}>
            {!debounced ? (
              <Typography.Text type="secondary">{t('matching.preview.hint')}</Typography.Text>
            ) : preview.error ? (
              <ProblemAlert error={preview.error} />
            ) : preview.data && preview.data.items.length === 0 ? (
              <Typography.Text type="secondary">{t('matching.preview.empty')}</Typography.Text>
            ) : (
              <MatchCandidates items={preview.data?.items ?? []} canOpenEnterprise={!isMember} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
