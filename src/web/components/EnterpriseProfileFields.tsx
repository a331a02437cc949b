import { Col, Form, Input, Row, Select } from 'antd';
import { CAPABILITIES_MAX, ENTERPRISE_TAGS, NAME_MAX, PRODUCT_MAX, PRODUCTS_MAX } from '../../contracts/enterprises';
import { tagKey, useT } from '../i18n';
import { IndustryCascader } from './IndustryCascader';
import { RegionCascader } from './RegionCascader';

interface EnterpriseProfileFieldsProps {
  /** Region subtree the user may choose from (a gov user's scope). */
  regionScope?: string | null;
  /** Tags are granted by the authorities; enterprise members do not set them. */
  canEditTags: boolean;
}

/** Form fields of an enterprise's public profile, named as in CreateEnterpriseBody. */
export function EnterpriseProfileFields({ regionScope, canEditTags }: EnterpriseProfileFieldsProps) {
  const t = useT();
  const required = (field: string) => ({ required: true, message: t('common.required', { field }) });
  return (
    <>
      <Form.Item name="name" label={t('ent.name')} rules={[required(t('ent.name')), { min: 2, max: NAME_MAX }]}>
        <Input data-testid="ent-name" maxLength={NAME_MAX} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="regionCode" label={t('ent.region')} rules={[required(t('ent.region'))]}>
            <RegionCascader data-testid="ent-region" scope={regionScope} placeholder={t('list.regionPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="industryCode" label={t('ent.industry')} rules={[required(t('ent.industry'))]}>
            <IndustryCascader data-testid="ent-industry" placeholder={t('list.industryPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      {canEditTags && (
        <Form.Item name="tags" label={t('ent.tags')}>
          <Select
            data-testid="ent-tags"
            mode="multiple"
            allowClear
            options={ENTERPRISE_TAGS.map((tag) => ({ value: tag, label: t(tagKey(tag)) }))}
          />
        </Form.Item>
      )}
      <Form.Item
        name="products"
        label={t('ent.products')}
        rules={[
          { type: 'array', max: PRODUCTS_MAX },
          {
            validator: async (_, value: string[] | undefined) => {
              if ((value ?? []).some((product) => product.length > PRODUCT_MAX)) {
                throw new Error(t('ent.productTooLong', { n: PRODUCT_MAX }));
              }
            },
          },
        ]}
      >
        <Select data-testid="ent-products" mode="tags" tokenSeparators={[',', '，', '、', ';', '；']} placeholder={t('ent.productsPlaceholder')} open={false} suffixIcon={null} />
      </Form.Item>
      <Form.Item name="capabilities" label={t('ent.capabilities')} rules={[{ max: CAPABILITIES_MAX }]}>
        <Input.TextArea data-testid="ent-capabilities" rows={4} maxLength={CAPABILITIES_MAX} showCount placeholder={t('ent.capabilitiesPlaceholder')} />
      </Form.Item>
    </>
  );
}
