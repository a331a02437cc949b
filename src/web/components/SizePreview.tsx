import { Form, Spin, type FormInstance } from 'antd';
import { useT } from '../i18n';
import { useDebounced } from '../lib/useDebounced';
import { useSizeClassification } from '../queries/reference';
import { SizeLabel } from './SizeLabel';

/** Live size class of the industry and figures being typed into a form. */
export function SizePreview({ form }: { form: FormInstance }) {
  const t = useT();
  const industry = Form.useWatch<string | undefined>('industryCode', form);
  const employees = Form.useWatch<number | null | undefined>('employees', form);
  const revenue = Form.useWatch<number | null | undefined>('revenue', form);
  const assets = Form.useWatch<number | null | undefined>('assets', form);
  const input = useDebounced({ industry, employees, revenue, assets }, 400);
  const { data, isFetching } = useSizeClassification(input);
  if (!input.industry) {
    return null;
  }
  return (
    <Form.Item label={t('ent.sizePreview')}>
      {data ? <SizeLabel size={data.size} basis={data.basis} category={data.categoryName} /> : null}
      {data?.reason ? <span className="muted"> {data.reason}</span> : null}
      {isFetching ? <Spin size="small" /> : null}
    </Form.Item>
  );
}
