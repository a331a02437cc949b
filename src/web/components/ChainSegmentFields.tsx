import { Form, Select, Space, type FormInstance } from 'antd';
import { useT } from '../i18n';
import { useChainList } from '../queries/chains';
import { useChainSegments } from '../queries/collab';

/**
 * Two form items, `chainId` and `segmentKey`: an industry chain and one of its segments (the weak
 * link a consortium or a challenge works on). Changing the chain clears the segment.
 */
export function ChainSegmentFields({ form, testIdPrefix }: { form: FormInstance; testIdPrefix: string }) {
  const t = useT();
  const chainId = Form.useWatch('chainId', form) as string | undefined;
  const chains = useChainList({}, { limit: 200 });
  const segments = useChainSegments(chainId);
  return (
    <Space wrap align="start">
      <Form.Item name="chainId" label={t('collab.consortia.chain')}>
        <Select
          data-testid={`${testIdPrefix}-chain`} style={{ width: 320 }} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('collab.ip.pickChain')}
          loading={chains.isFetching} options={(chains.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onChange={() => form.setFieldValue('segmentKey', undefined)}
        />
      </Form.Item>
      <Form.Item name="segmentKey" label={t('collab.consortia.segment')} extra={t('collab.consortia.segmentHint')}>
        <Select
          data-testid={`${testIdPrefix}-segment`} style={{ width: 240 }} allowClear disabled={!chainId} placeholder={t('collab.consortia.pickSegment')}
          loading={segments.isFetching} options={(segments.data ?? []).map((s) => ({ value: s.key, label: s.name }))}
        />
      </Form.Item>
    </Space>
  );
}
